import { type Kysely, sql } from 'kysely';
import type { WorldTake, WorldTakeSection } from '../../model/story.ts';
import { compiledOnce } from '../compiled.ts';
import type { DialectName } from '../dialect.ts';
import { parseJson } from '../json.ts';
import type { Database, WorldTakeTable } from '../schema.ts';

export class WorldTakeRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  /**
   * Writes a new version of a story's take; returns its version number. Two take jobs may write
   * for one story at once (a job for a story merged into another follows the merge): on
   * PostgreSQL the story's row is locked first so they number their versions one after the
   * other; on SQLite the one INSERT … SELECT runs under the write lock.
   */
  async add(take: Omit<WorldTake, 'version'>): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      if (this.dialect === 'postgres')
        await tx.selectFrom('stories').select('id').where('id', '=', take.storyId).forUpdate().execute();
      const row = await tx
        .insertInto('takes')
        .columns([
          'story_id',
          'version',
          'sections',
          'countries',
          'outlet_count',
          'provider',
          'model',
          'note',
          'article_count',
          'created_at',
        ])
        .expression((eb) =>
          eb
            .selectFrom('takes')
            .where('story_id', '=', take.storyId)
            .select([
              sql.val(take.storyId).as('story_id'),
              sql<number>`coalesce(max(version), 0) + 1`.as('version'),
              sql.val(JSON.stringify(take.sections)).as('sections'),
              sql.val(JSON.stringify(take.countries)).as('countries'),
              sql.val(take.outletCount).as('outlet_count'),
              sql.val(take.provider).as('provider'),
              sql.val(take.model).as('model'),
              sql.val(take.note ?? null).as('note'),
              sql.val(take.articleCount ?? null).as('article_count'),
              sql.val(take.createdAt).as('created_at'),
            ]),
        )
        .returning('version')
        .executeTakeFirstOrThrow();
      return row.version;
    });
  }

  // Compiled once: story pages, the take job and the story feeds (one per entry) ask for it.
  private readonly latestByStory = compiledOnce(
    () => this.db as Kysely<never>,
    { storyId: 'number' },
    ({ storyId }) =>
      this.db
        .selectFrom('takes')
        .selectAll()
        .where('story_id', '=', storyId)
        .orderBy('version', 'desc')
        .limit(sql.lit(1)),
  );

  async latest(storyId: number): Promise<WorldTake | undefined> {
    const row = await this.latestByStory({ storyId });
    return row && toTake(row);
  }

  async version(storyId: number, version: number): Promise<WorldTake | undefined> {
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

export function toTake(row: WorldTakeTable): WorldTake {
  return {
    storyId: row.story_id,
    version: row.version,
    sections: parseJson<WorldTakeSection[]>(row.sections, []),
    countries: parseJson<string[]>(row.countries, []),
    outletCount: row.outlet_count,
    provider: row.provider,
    model: row.model,
    ...(row.note ? { note: row.note } : {}),
    ...(row.article_count != null ? { articleCount: row.article_count } : {}),
    createdAt: row.created_at,
  };
}
