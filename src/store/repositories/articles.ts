import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Article, ArticleState, Block, ExtractedArticle, ReadableArticle } from '../../model/article.ts';
import { ARTICLE_LIMITS, boundArticle, cutAtWord } from '../../model/article-limits.ts';
import type { StoryVersionParts } from '../../model/story.ts';
import type { ArticleTranslation } from '../../model/translation.ts';
import { compiledOnce } from '../compiled.ts';
import { nowIso, parseJson } from '../json.ts';
import type { ArticleRow, Database } from '../schema.ts';
import { decodeStored } from './images.ts';
import { OPEN_JOB } from './jobs.ts';
import { toTranslation } from './translations.ts';

export interface DiscoveredItem {
  outletId: string;
  country: string;
  feedUrl?: string;
  url: string;
  urlKey: string;
  /** Headline from the feed, kept until the page is extracted. */
  title?: string;
  published?: string;
  language?: string;
}

export interface ArticleListFilter {
  country?: string;
  outletId?: string;
  /** Only articles with text (extracted or later). */
  readable?: boolean;
  before?: { published: string; id: number };
  limit: number;
}

/**
 * The complement of the readable states (extracted, translated, clustered). Lists filter with
 * `state NOT IN` on purpose: an `IN` lets SQLite pick the state index and then sort every
 * readable row by date (130 ms at 100,000 articles); `NOT IN` leaves it the date indexes, which
 * already give the newest first.
 */
const UNREADABLE_STATES: ArticleState[] = ['discovered', 'fetched', 'failed'];

export class ArticleRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Records a feed item before its page is fetched, so that a crash after discovery loses
   * nothing. Returns the new id, or undefined when the URL is already known.
   */
  async insertDiscovered(item: DiscoveredItem): Promise<number | undefined> {
    const now = nowIso();
    const row = await this.db
      .insertInto('articles')
      .values({
        outlet_id: item.outletId,
        country: item.country,
        feed_url: item.feedUrl ?? null,
        url: item.url,
        url_key: item.urlKey,
        title: cutAtWord(item.title ?? '', ARTICLE_LIMITS.title),
        blocks: '[]',
        published_at: item.published ?? null,
        language: item.language ?? null,
        paywalled: 0,
        state: 'discovered',
        discovered_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('url_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  }

  async idByUrlKey(urlKey: string): Promise<number | undefined> {
    const row = await this.db.selectFrom('articles').select('id').where('url_key', '=', urlKey).executeTakeFirst();
    return row?.id;
  }

  /** The earliest other article with this content hash (the same text on another URL). */
  async firstWithHash(hash: string, exceptId: number): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('articles')
      .select('id')
      .where('content_hash', '=', hash)
      .where('id', '!=', exceptId)
      .orderBy('id')
      .executeTakeFirst();
    return row?.id;
  }

  /** Links a copy to the earlier article it repeats, unless it is already linked. */
  async linkDuplicate(copyId: number, originalId: number): Promise<void> {
    await this.db
      .updateTable('articles')
      .set({ duplicate_of: originalId })
      .where('id', '=', copyId)
      .where('duplicate_of', 'is', null)
      .execute();
  }

  /** Records an article's MinHash signature under its band keys (see dedup/minhash.ts). */
  async saveFingerprint(articleId: number, fingerprint: string, bandKeys: readonly string[]): Promise<void> {
    await this.db.deleteFrom('article_fingerprints').where('article_id', '=', articleId).execute();
    await this.db
      .insertInto('article_fingerprints')
      .values(bandKeys.map((band) => ({ article_id: articleId, band, fingerprint })))
      .execute();
  }

  /** Earlier articles sharing a band with these, with their fingerprints (near-duplicate candidates). */
  async fingerprintCandidates(
    bandKeys: readonly string[],
    exceptId: number,
    limit = 200,
  ): Promise<Array<{ id: number; fingerprint: string }>> {
    const rows = await this.db
      .selectFrom('article_fingerprints')
      .select(['article_id', 'fingerprint'])
      .distinct()
      .where('band', 'in', [...bandKeys])
      .where('article_id', '!=', exceptId)
      .orderBy('article_id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.article_id, fingerprint: r.fingerprint }));
  }

  /**
   * Stores what extraction found and moves the article to `extracted`. Every text field is cut to
   * ARTICLE_LIMITS here, the one place an extracted article becomes a stored one.
   */
  async saveExtracted(
    id: number,
    extracted: ExtractedArticle,
    extra: { contentHash: string; duplicateOf?: number; fetchedAt?: string },
  ): Promise<void> {
    const a = boundArticle(extracted);
    await this.db
      .updateTable('articles')
      .set({
        title: a.title,
        standfirst: a.standfirst ?? null,
        blocks: JSON.stringify(a.blocks),
        author: a.author ?? null,
        published_at: a.published ?? null,
        modified_at: a.modified ?? null,
        language: a.language ?? a.declaredLanguage ?? null,
        declared_language: a.declaredLanguage ?? null,
        canonical_url: a.canonicalUrl ?? null,
        site_name: a.siteName ?? null,
        image_url: a.image?.url ?? null,
        image_caption: a.image?.caption ?? null,
        image_credit: a.image?.credit ?? null,
        paywalled: a.paywalled ? 1 : 0,
        content_hash: extra.contentHash,
        // A link made earlier (by a later copy that found this one first) is kept.
        duplicate_of: extra.duplicateOf ?? sql<number | null>`duplicate_of`,
        fetched_at: extra.fetchedAt ?? nowIso(),
        state: 'extracted',
        error: null,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
  }

  async setState(id: number, state: ArticleState, error?: string): Promise<void> {
    await this.db
      .updateTable('articles')
      .set({ state, error: error ?? null, updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Articles in `state` with no open job under the dedupe key `keyPrefix` + id: the work a killed
   * process dropped between storing one step's result and queueing the next (for re-enqueueing).
   * An article whose job is parked is left out: it used its attempts and waits for the operator
   * (`meridian retry`), who would otherwise find a second job under the same key.
   */
  async idsWithoutOpenJob(state: ArticleState, keyPrefix: string, limit = 10_000): Promise<number[]> {
    const key = sql<string>`cast(${keyPrefix} as text) || cast(articles.id as text)`;
    // Two lookups, not one on `state <> 'done'`: each predicate matches an index (the partial
    // unique one on open keys, and the one on state), where the inequality would scan the jobs.
    const jobUnderKey = (inState: Expression<SqlBool>) =>
      this.db.selectFrom('jobs').select(sql.lit(1).as('one')).where('jobs.dedupe_key', '=', key).where(inState);
    const rows = await this.db
      .selectFrom('articles')
      .select('id')
      .where('state', '=', state)
      .where(({ not, exists }) => not(exists(jobUnderKey(OPEN_JOB))))
      .where(({ not, exists }) => not(exists(jobUnderKey(sql<SqlBool>`jobs.state = 'parked'`))))
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  private readonly byId = compiledOnce(
    () => this.db as Kysely<never>,
    { id: 'number' },
    ({ id }) => this.db.selectFrom('articles').selectAll().where('id', '=', id),
  );

  async get(id: number): Promise<Article | undefined> {
    const row = await this.byId({ id });
    return row && toArticle(row);
  }

  /** An article as a reader sees it, with its translation and its story, in one statement. */
  private readonly forReadingById = compiledOnce(
    () => this.db as Kysely<never>,
    { id: 'number', target: 'string' },
    ({ id, target }) =>
      this.db
        .selectFrom('articles as a')
        .leftJoin('translations as t', (join) => join.onRef('t.article_id', '=', 'a.id').on('t.target', '=', target))
        .leftJoin('story_articles as s', 's.article_id', 'a.id')
        .leftJoin('stories as so', 'so.id', 's.story_id')
        .leftJoin('story_takes as st', 'st.story_id', 's.story_id')
        .select(READABLE_COLUMNS.map((c) => `a.${c}` as const))
        .select([
          't.source as t_source',
          't.title as t_title',
          't.standfirst as t_standfirst',
          't.blocks as t_blocks',
          't.image_caption as t_image_caption',
          't.provider as t_provider',
          't.model as t_model',
          't.characters as t_characters',
          't.ms as t_ms',
          't.created_at as t_created_at',
          's.story_id',
          'so.article_count as so_article_count',
          'so.last_seen as so_last_seen',
          'so.merged_into as so_merged_into',
          'st.basis as st_basis',
          (eb) =>
            eb
              .selectFrom('takes as v')
              .select((v) => v.fn.max('v.version').as('m'))
              .whereRef('v.story_id', '=', 's.story_id')
              .as('take_version'),
        ])
        .where('a.id', '=', id),
  );

  /**
   * The reader's lookup for an article page: the article, its translation into `target` and the
   * story it belongs to. One indexed statement instead of three, on the hottest path of the server.
   */
  async getForReading(
    id: number,
    target = 'en',
  ): Promise<
    | {
        article: ReadableArticle;
        translation?: ArticleTranslation;
        storyId?: number;
        /** What names the version of the story part of the page (`storyVersion` in src/reader). */
        storyVersion?: StoryVersionParts;
      }
    | undefined
  > {
    const row = await this.forReadingById({ id, target });
    if (!row) return undefined;
    const article = toReadableArticle(row);
    const translation =
      row.t_source == null
        ? undefined
        : toTranslation({
            article_id: row.id,
            target,
            source: row.t_source,
            title: row.t_title ?? '',
            standfirst: row.t_standfirst,
            blocks: row.t_blocks ?? '[]',
            image_caption: row.t_image_caption,
            provider: row.t_provider ?? '',
            model: row.t_model ?? '',
            characters: row.t_characters ?? 0,
            ms: row.t_ms ?? 0,
            created_at: row.t_created_at ?? '',
          });
    return {
      article,
      ...(translation ? { translation } : {}),
      ...(row.story_id == null ? {} : { storyId: row.story_id }),
      // A merged story's version is its survivor's: left out, so a page reads the story itself.
      ...(row.story_id == null || row.so_article_count == null || row.so_merged_into != null
        ? {}
        : {
            storyVersion: {
              articleCount: row.so_article_count,
              lastSeen: row.so_last_seen ?? '',
              analysisBasis: row.st_basis,
              takeVersion: row.take_version,
            },
          }),
    };
  }

  async getMany(ids: readonly number[]): Promise<Article[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('articles')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
    return rows.map(toArticle);
  }

  /** Newest first by publication time (discovery time when undated), keyset-paginated. */
  async list(filter: ArticleListFilter): Promise<Article[]> {
    let q = this.db
      .selectFrom('articles')
      .selectAll()
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit);
    if (filter.country) q = q.where('country', '=', filter.country.toUpperCase());
    if (filter.outletId) q = q.where('outlet_id', '=', filter.outletId);
    if (filter.readable !== false)
      q = q.where('state', 'not in', UNREADABLE_STATES).where('published_at', 'is not', null);
    if (filter.before) {
      const { published, id } = filter.before;
      q = q.where((eb) =>
        eb.or([eb('published_at', '<', published), eb.and([eb('published_at', '=', published), eb('id', '<', id)])]),
      );
    }
    return (await q.execute()).map(toArticle);
  }

  async countByState(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('articles')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }

  /** Articles per outlet discovered since `since` (the status page's "today"). */
  async countsByOutletSince(since: Date): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('articles')
      .select(['outlet_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('discovered_at', '>=', since.toISOString())
      .groupBy('outlet_id')
      .execute();
    return new Map(rows.map((r) => [r.outlet_id, Number(r.n)]));
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}

/** The columns of `ReadableArticle`, all the reader's statement reads of an article. */
const READABLE_COLUMNS = [
  'id',
  'outlet_id',
  'url',
  'country',
  'title',
  'blocks',
  'paywalled',
  'state',
  'standfirst',
  'author',
  'published_at',
  'language',
  'image_url',
  'image_caption',
  'image_credit',
  'image_stored',
  'duplicate_of',
] as const satisfies ReadonlyArray<keyof ArticleRow>;

type ReadableRow = Pick<ArticleRow, (typeof READABLE_COLUMNS)[number]>;

function toReadableArticle(row: ReadableRow): ReadableArticle {
  // Optional fields are assigned one by one rather than spread in (a dozen spreads per row, on
  // every article read).
  const article: ReadableArticle = {
    id: row.id,
    outletId: row.outlet_id,
    url: row.url,
    country: row.country,
    title: row.title,
    blocks: parseJson<Block[]>(row.blocks, []),
    paywalled: row.paywalled === 1,
    state: row.state as ArticleState,
  };
  if (row.standfirst) article.standfirst = row.standfirst;
  if (row.author) article.author = row.author;
  if (row.published_at) article.published = row.published_at;
  if (row.language) article.language = row.language;
  if (row.image_url) {
    article.image = { url: row.image_url };
    if (row.image_caption) article.image.caption = row.image_caption;
    if (row.image_credit) article.image.credit = row.image_credit;
    const stored = decodeStored(row.image_stored);
    if (stored) article.image.stored = stored;
  }
  if (row.duplicate_of) article.duplicateOf = row.duplicate_of;
  return article;
}

export function toArticle(row: ArticleRow): Article {
  const article: Article = Object.assign(toReadableArticle(row), {
    urlKey: row.url_key,
    contentHash: row.content_hash ?? '',
    discoveredAt: row.discovered_at,
  });
  if (row.feed_url) article.feedUrl = row.feed_url;
  if (row.modified_at) article.modified = row.modified_at;
  if (row.declared_language) article.declaredLanguage = row.declared_language;
  if (row.canonical_url) article.canonicalUrl = row.canonical_url;
  if (row.site_name) article.siteName = row.site_name;
  if (row.fetched_at) article.fetchedAt = row.fetched_at;
  return article;
}
