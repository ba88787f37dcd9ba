import { type Kysely, sql } from 'kysely';
import type { Take, TakeSection } from '../../model/story.ts';
import { compiledOnce } from '../compiled.ts';
import { parseJson } from '../json.ts';
import type { Database, TakeTable } from '../schema.ts';

export class TakeRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Writes a new version of a story's take; returns its version number. */
  async add(take: Omit<Take, 'version'>): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const last = await tx
        .selectFrom('takes')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('story_id', '=', take.storyId)
        .executeTakeFirst();
      const version = Number(last?.v ?? 0) + 1;
      await tx
        .insertInto('takes')
        .values({
          story_id: take.storyId,
          version,
          sections: JSON.stringify(take.sections),
          countries: JSON.stringify(take.countries),
          outlet_count: take.outletCount,
          provider: take.provider,
          model: take.model,
          note: take.note ?? null,
          article_count: take.articleCount ?? null,
          created_at: take.createdAt,
        })
        .execute();
      return version;
    });
  }

  // Compiled once: story pages, the take job and the story feeds (one per entry) ask for it.
  private readonly latestByStory = compiledOnce(
    () => this.db as Kysely<never>,
    () =>
      this.db.selectFrom('takes').selectAll().where('story_id', '=', 0).orderBy('version', 'desc').limit(sql.lit(1)),
  );

  async latest(storyId: number): Promise<Take | undefined> {
    const row = await this.latestByStory(storyId);
    return row && toTake(row);
  }

  async version(storyId: number, version: number): Promise<Take | undefined> {
    const row = await this.db
      .selectFrom('takes')
      .selectAll()
      .where('story_id', '=', storyId)
      .where('version', '=', version)
      .executeTakeFirst();
    return row && toTake(row);
  }

  async versions(storyId: number): Promise<Array<{ version: number; createdAt: string; provider: string }>> {
    const rows = await this.db
      .selectFrom('takes')
      .select(['version', 'created_at', 'provider'])
      .where('story_id', '=', storyId)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => ({ version: r.version, createdAt: r.created_at, provider: r.provider }));
  }
}

export function toTake(row: TakeTable): Take {
  return {
    storyId: row.story_id,
    version: row.version,
    sections: parseJson<TakeSection[]>(row.sections, []),
    countries: parseJson<string[]>(row.countries, []),
    outletCount: row.outlet_count,
    provider: row.provider,
    model: row.model,
    ...(row.note ? { note: row.note } : {}),
    ...(row.article_count != null ? { articleCount: row.article_count } : {}),
    createdAt: row.created_at,
  };
}
