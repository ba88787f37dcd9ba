import { type Kysely, sql } from 'kysely';
import type { StoredAlternativeTakes, Story, StoryVersionParts, WorldTake } from '../../model/story.ts';
import { compiledOnce } from '../compiled.ts';
import type { DialectName } from '../dialect.ts';
import { nowIso, parseJson } from '../json.ts';
import type { Database, StoryTable } from '../schema.ts';
import { toTake } from './world-takes.ts';

type StoryRow = Omit<StoryTable, 'id'> & { id: number };

export interface StoryForReading {
  story: Story;
  /** What names the version of what this holds (`storyVersion` in src/reader). */
  version: StoryVersionParts;
  /** The stored Alternative Takes and the story version they were made from. */
  alternativeTakes?: { basis: string; analysis(): StoredAlternativeTakes | undefined };
  worldTake?: WorldTake;
}

export interface StoryFields {
  title: string;
  firstSeen: string;
  lastSeen: string;
  countries: string[];
  outlets: string[];
  languages: string[];
  articleCount: number;
}

export class StoryRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  async create(fields: StoryFields): Promise<number> {
    const row = await this.db
      .insertInto('stories')
      .values({ ...toColumns(fields), merged_into: null, updated_at: nowIso() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /**
   * A new story id from the database, never from a process: PostgreSQL's sequence of
   * `stories.id`, SQLite's AUTOINCREMENT counter. Ids handed out are never handed out again, even
   * when the story is never written, so processes cannot collide on one.
   */
  async allocateId(): Promise<number> {
    if (this.dialect === 'postgres') {
      const { rows } = await sql<{ id: string }>`SELECT nextval(pg_get_serial_sequence('stories', 'id')) AS id`.execute(
        this.db,
      );
      return Number(rows[0]?.id);
    }
    // sqlite_sequence has a row for `stories` only after its first insert; one UPDATE then bumps
    // the counter atomically under SQLite's write lock.
    await sql`INSERT INTO sqlite_sequence (name, seq) SELECT 'stories', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'stories')`.execute(
      this.db,
    );
    const { rows } = await sql<{ seq: number }>`UPDATE sqlite_sequence
      SET seq = max(seq, (SELECT coalesce(max(id), 0) FROM stories)) + 1 WHERE name = 'stories' RETURNING seq`.execute(
      this.db,
    );
    return Number(rows[0]?.seq);
  }

  /** Writes a new story under an id from `allocateId`; an id already used is an error, not an overwrite. */
  async insertWithId(id: number, fields: StoryFields): Promise<void> {
    await this.db
      .insertInto('stories')
      .values({ id, ...toColumns(fields), merged_into: null, updated_at: nowIso() })
      .execute();
  }

  /** Assignments of articles published since `since`, oldest first (to rebuild the live index). */
  async recentAssignments(since: string, limit = 50_000): Promise<Array<{ articleId: number; storyId: number }>> {
    const rows = await this.db
      .selectFrom('story_articles')
      .innerJoin('articles', 'articles.id', 'story_articles.article_id')
      .select(['story_articles.article_id', 'story_articles.story_id'])
      .where('articles.published_at', '>=', since)
      .orderBy('articles.published_at')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ articleId: r.article_id, storyId: r.story_id }));
  }

  /** Articles per country and distinct outlets abroad, for many stories (coverage and gaps). */
  async coverage(
    storyIds: readonly number[],
  ): Promise<Map<number, { countryCounts: Record<string, number>; outlets: number }>> {
    const out = new Map<number, { countryCounts: Record<string, number>; outlets: number }>();
    if (storyIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('story_articles')
      .innerJoin('articles', 'articles.id', 'story_articles.article_id')
      .select([
        'story_articles.story_id',
        'articles.country',
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.count<number>('articles.outlet_id').distinct().as('outlets'),
      ])
      .where('story_articles.story_id', 'in', [...storyIds])
      .groupBy(['story_articles.story_id', 'articles.country'])
      .execute();
    for (const r of rows) {
      const entry = out.get(r.story_id) ?? { countryCounts: {}, outlets: 0 };
      entry.countryCounts[r.country] = Number(r.n);
      entry.outlets += Number(r.outlets);
      out.set(r.story_id, entry);
    }
    return out;
  }

  async update(id: number, fields: StoryFields): Promise<void> {
    await this.db
      .updateTable('stories')
      .set({ ...toColumns(fields), updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
  }

  /** Adds (or moves) an article to a story. */
  async assign(storyId: number, articleId: number, score: number): Promise<void> {
    await this.db
      .insertInto('story_articles')
      .values({ story_id: storyId, article_id: articleId, score, added_at: nowIso() })
      .onConflict((oc) => oc.column('article_id').doUpdateSet({ story_id: storyId, score }))
      .execute();
  }

  /** Folds `from` into `into`: its articles move, and it remembers where they went. */
  async merge(from: number, into: number): Promise<void> {
    const move = async (db: Kysely<Database>) => {
      await db.updateTable('story_articles').set({ story_id: into }).where('story_id', '=', from).execute();
      await db
        .updateTable('stories')
        .set({ merged_into: into, article_count: 0, updated_at: nowIso() })
        .where('id', '=', from)
        .execute();
    };
    // Inside a caller's transaction (the story writer's fenced write) it is part of that one.
    if (this.db.isTransaction) await move(this.db);
    else await this.db.transaction().execute(move);
  }

  private readonly storyById = compiledOnce(
    () => this.db as Kysely<never>,
    { id: 'number' },
    ({ id }) => this.db.selectFrom('stories').selectAll().where('id', '=', id),
  );

  /** A story by id, following merges so old links still land on the surviving story. */
  async get(id: number): Promise<Story | undefined> {
    let current = id;
    for (let hops = 0; hops < 20; hops++) {
      const row = await this.storyById({ id: current });
      if (!row) return undefined;
      if (row.merged_into == null) return toStory(row);
      current = row.merged_into;
    }
    return undefined;
  }

  private readonly storyByArticle = compiledOnce(
    () => this.db as Kysely<never>,
    { articleId: 'number' },
    ({ articleId }) => this.db.selectFrom('story_articles').select('story_id').where('article_id', '=', articleId),
  );

  async storyOf(articleId: number): Promise<number | undefined> {
    return (await this.storyByArticle({ articleId }))?.story_id;
  }

  async articleIds(storyId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('story_articles')
      .select('article_id')
      .where('story_id', '=', storyId)
      .orderBy('article_id')
      .execute();
    return rows.map((r) => r.article_id);
  }

  /** The newest `limit` article ids of a story, oldest first (what its pages read of a big story). */
  async recentArticleIds(storyId: number, limit: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('story_articles')
      .select('article_id')
      .where('story_id', '=', storyId)
      .orderBy('article_id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.article_id).reverse();
  }

  /**
   * Where each story was first reported: the country of its earliest published article (undated
   * ones first, then by id), for many stories in one statement.
   */
  async origins(storyIds: readonly number[]): Promise<Map<number, string>> {
    if (storyIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('stories as s')
      .select((eb) => [
        's.id',
        eb
          .selectFrom('story_articles as sa')
          .innerJoin('articles as a', 'a.id', 'sa.article_id')
          .select('a.country')
          .whereRef('sa.story_id', '=', 's.id')
          .orderBy(sql`coalesce(a.published_at, '')`)
          .orderBy('a.id')
          .limit(1)
          .as('origin'),
      ])
      .where('s.id', 'in', [...storyIds])
      .execute();
    return new Map(rows.map((r) => [r.id, r.origin ?? '']));
  }

  /** Stores a story's Alternative Takes analysis, made from the story version `basis`. */
  async saveAlternativeTakes(storyId: number, basis: string, analysis: StoredAlternativeTakes): Promise<void> {
    const values = { basis, analysis: JSON.stringify(analysis), made_at: nowIso() };
    await this.db
      .insertInto('story_takes')
      .values({ story_id: storyId, ...values })
      .onConflict((oc) => oc.column('story_id').doUpdateSet(values))
      .execute();
  }

  private readonly alternativeTakesByStory = compiledOnce(
    () => this.db as Kysely<never>,
    { storyId: 'number' },
    ({ storyId }) => this.db.selectFrom('story_takes').select(['basis', 'analysis']).where('story_id', '=', storyId),
  );

  /** A story's stored Alternative Takes analysis and the story version it was made from. */
  async alternativeTakes(storyId: number): Promise<{ basis: string; analysis: StoredAlternativeTakes } | undefined> {
    const row = await this.alternativeTakesByStory({ storyId });
    const analysis = row && parseStoredTakes(row.analysis);
    return row && analysis ? { basis: row.basis, analysis } : undefined;
  }

  private readonly forReadingById = compiledOnce(
    () => this.db as Kysely<never>,
    { id: 'number' },
    ({ id }) =>
      this.db
        .selectFrom('stories as s')
        .leftJoin('story_takes as st', 'st.story_id', 's.id')
        .leftJoin('takes as t', (join) =>
          join.onRef('t.story_id', '=', 's.id').on('t.version', '=', (eb) =>
            eb
              .selectFrom('takes as v')
              .select((v) => v.fn.max('v.version').as('m'))
              .whereRef('v.story_id', '=', 's.id'),
          ),
        )
        .selectAll('s')
        .select([
          'st.basis as st_basis',
          'st.analysis as st_analysis',
          't.version as t_version',
          't.sections as t_sections',
          't.countries as t_countries',
          't.outlet_count as t_outlet_count',
          't.provider as t_provider',
          't.model as t_model',
          't.note as t_note',
          't.article_count as t_article_count',
          't.created_at as t_created_at',
        ])
        .where('s.id', '=', id),
  );

  /**
   * What an article page needs of its story, in one indexed statement: the story (merges
   * followed), its stored Alternative Takes (parsed only when asked: pages keep them parsed) and
   * its latest take.
   */
  async forReading(id: number): Promise<StoryForReading | undefined> {
    let row = await this.forReadingById({ id });
    // A merged story's articles all moved to the survivor, so pages rarely come here.
    for (let hops = 0; row?.merged_into != null && hops < 20; hops++)
      row = await this.forReadingById({ id: row.merged_into });
    if (!row || row.merged_into != null) return undefined;
    const stored = row.st_basis == null ? undefined : { basis: row.st_basis, text: row.st_analysis ?? '' };
    const story = toStory(row);
    return {
      story,
      version: {
        articleCount: story.articleCount,
        lastSeen: story.lastSeen,
        analysisBasis: row.st_basis,
        takeVersion: row.t_version,
      },
      ...(stored ? { alternativeTakes: { basis: stored.basis, analysis: () => parseStoredTakes(stored.text) } } : {}),
      ...(row.t_version == null
        ? {}
        : {
            worldTake: toTake({
              story_id: row.id,
              version: row.t_version,
              sections: row.t_sections ?? '[]',
              countries: row.t_countries ?? '[]',
              outlet_count: row.t_outlet_count ?? 0,
              provider: row.t_provider ?? '',
              model: row.t_model ?? '',
              note: row.t_note,
              article_count: row.t_article_count,
              created_at: row.t_created_at ?? '',
            }),
          }),
    };
  }

  /**
   * One page of live stories, most recently active first (last seen, then id): optionally those
   * with an article from `country`, active on or after `from` and begun on or before `to`
   * (ISO dates or times), after the `before` cursor of the previous page.
   */
  async page(options: {
    limit: number;
    country?: string;
    from?: string;
    to?: string;
    before?: { lastSeen: string; id: number };
  }): Promise<Story[]> {
    let q = this.db
      .selectFrom('stories')
      .selectAll()
      .where('merged_into', 'is', null)
      .orderBy('last_seen', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit);
    if (options.country) {
      const country = options.country.toUpperCase();
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('story_articles as sa')
            .innerJoin('articles as a', 'a.id', 'sa.article_id')
            .select('sa.article_id')
            .whereRef('sa.story_id', '=', 'stories.id')
            .where('a.country', '=', country),
        ),
      );
    }
    if (options.from) q = q.where('last_seen', '>=', options.from);
    if (options.to) q = q.where('first_seen', '<=', options.to);
    if (options.before) {
      const { lastSeen, id } = options.before;
      q = q.where((eb) =>
        eb.or([eb('last_seen', '<', lastSeen), eb.and([eb('last_seen', '=', lastSeen), eb('id', '<', id)])]),
      );
    }
    return (await q.execute()).map(toStory);
  }

  /**
   * Live stories covered by one country only (by `country`, or by any), active since `since`,
   * most recently active first. Countries are stored as a JSON list, so one country is `["XX"]`.
   */
  async singleCountry(options: { since: string; limit: number; country?: string }): Promise<Story[]> {
    let q = this.db
      .selectFrom('stories')
      .selectAll()
      .where('merged_into', 'is', null)
      .where('last_seen', '>=', options.since)
      .orderBy('last_seen', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit);
    q = options.country
      ? q.where('countries', '=', JSON.stringify([options.country.toUpperCase()]))
      : q.where('countries', 'like', '["__"]');
    return (await q.execute()).map(toStory);
  }

  /** Live stories, most recently active first. */
  async list(options: { limit: number; minCountries?: number; since?: string }): Promise<Story[]> {
    let q = this.db
      .selectFrom('stories')
      .selectAll()
      .where('merged_into', 'is', null)
      .orderBy('last_seen', 'desc')
      .limit(options.limit);
    if (options.since) q = q.where('last_seen', '>=', options.since);
    const rows = await q.execute();
    return rows.map(toStory).filter((s) => s.countries.length >= (options.minCountries ?? 0));
  }
}

/** A stored analysis, or undefined when the row is not one (hand-edited, or from a newer version). */
function parseStoredTakes(text: string): StoredAlternativeTakes | undefined {
  const analysis = parseJson<StoredAlternativeTakes | undefined>(text, undefined);
  return analysis && Array.isArray(analysis.takes) ? analysis : undefined;
}

function toColumns(f: StoryFields) {
  return {
    title: f.title,
    first_seen: f.firstSeen,
    last_seen: f.lastSeen,
    countries: JSON.stringify(f.countries),
    outlets: JSON.stringify(f.outlets),
    languages: JSON.stringify(f.languages),
    article_count: f.articleCount,
  };
}

function toStory(row: StoryRow): Story {
  return {
    id: row.id,
    title: row.title,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    countries: parseJson<string[]>(row.countries, []),
    outlets: parseJson<string[]>(row.outlets, []),
    languages: parseJson<string[]>(row.languages, []),
    articleCount: row.article_count,
    ...(row.merged_into != null ? { mergedInto: row.merged_into } : {}),
  };
}
