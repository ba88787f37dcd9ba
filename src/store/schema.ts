import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as Kysely sees it. Times are ISO 8601 UTC text and structured values are JSON
 * text on both dialects, so rows read the same from SQLite and PostgreSQL and sort correctly.
 */
export interface OutletTable {
  id: string;
  name: string;
  homepage: string;
  country: string;
  languages: string; // JSON string[]
  logo: string;
  /** Version of the stored logo; '' when it could not be had, null before trying. */
  logo_stored: Generated<string | null>;
  kind: string;
  enabled: number;
  outside_catalog: number;
  updated_at: string;
}

export interface FeedTable {
  id: Generated<number>;
  outlet_id: string;
  url: string;
  language: string | null;
  topic: string | null;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_status: number | null;
  last_item_count: number | null;
  /** Of those items, how many were published in the day before that poll. */
  last_recent_count: number | null;
  consecutive_failures: Generated<number>;
  poll_interval_s: number;
  next_poll_at: string;
  disabled: Generated<number>;
}

export interface ArticleTable {
  id: Generated<number>;
  outlet_id: string;
  feed_url: string | null;
  url: string;
  url_key: string;
  country: string;
  language: string | null;
  declared_language: string | null;
  title: string;
  standfirst: string | null;
  blocks: string; // JSON Block[]
  image_url: string | null;
  image_caption: string | null;
  image_credit: string | null;
  /** Version of the stored copies of the lead image; '' when it could not be had, null before trying. */
  image_stored: Generated<string | null>;
  author: string | null;
  published_at: string | null;
  modified_at: string | null;
  canonical_url: string | null;
  site_name: string | null;
  paywalled: number;
  content_hash: string | null;
  duplicate_of: number | null;
  state: string;
  error: string | null;
  discovered_at: string;
  fetched_at: string | null;
  updated_at: string;
}

export interface TranslationTable {
  article_id: number;
  target: string;
  source: string;
  title: string;
  standfirst: string | null;
  blocks: string; // JSON Block[]
  image_caption: string | null;
  provider: string;
  model: string;
  characters: number;
  ms: number;
  created_at: string;
}

export interface StoryTable {
  id: Generated<number>;
  title: string;
  first_seen: string;
  last_seen: string;
  countries: string; // JSON string[]
  outlets: string; // JSON string[]
  languages: string; // JSON string[]
  article_count: number;
  merged_into: number | null;
  updated_at: string;
}

export interface StoryArticleTable {
  article_id: number;
  story_id: number;
  score: number;
  added_at: string;
}

/**
 * A story's Alternative Takes analysis (see migration 007), in the table `story_takes`. The
 * table keeps its name (renaming it would rewrite every deployment's schema for no reader-visible
 * change); the code names it AlternativeTakes, apart from the World's Current Take.
 */
export interface AlternativeTakesTable {
  story_id: number;
  /** The story version it was made from (`storyBasis`). */
  basis: string;
  analysis: string; // JSON StoredAlternativeTakes
  made_at: string;
}

/** The versions of a story's World's Current Take, in the table `takes`. */
export interface WorldTakeTable {
  story_id: number;
  version: number;
  sections: string; // JSON WorldTakeSection[]
  countries: string; // JSON string[]
  outlet_count: number;
  provider: string;
  model: string;
  note: string | null;
  /** Articles in the story when this version was written. */
  article_count: number | null;
  created_at: string;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: string; // JSON
  /** queued → running → done; or failed (will retry) → parked (gave up, error kept). */
  state: string;
  attempts: Generated<number>;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  locked_at: string | null;
  last_error: string | null;
  /** At most one unfinished job per key (e.g. `fetch:123`), so re-discovery never doubles work. */
  dedupe_key: string | null;
  /** The web host a poll or fetch job asks (URL.host), for cluster-wide politeness; null for others. */
  host: string | null;
  /** Claimed highest first (then by run_at); 0 for most jobs, see jobs/priority.ts. */
  priority: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** Each article's embedding vector per model (migration 012). */
export interface ArticleVectorTable {
  article_id: number;
  /** The embeddings model that made it (a new model embeds again). */
  model: string;
  /** Little-endian float32, base64. */
  vector: string;
  created_at: string;
}

/** Each web host's next allowed request start, shared by every fetcher of the cluster. */
export interface HostTurnTable {
  host: string;
  /** Milliseconds since the epoch on the database's clock (bigint: a string from pg). */
  next_ms: number | string;
}

/** Characters sent to a translation provider on one UTC day (`2026-12-07`). */
export interface TranslationSpendTable {
  provider: string;
  day: string;
  headline_chars: Generated<number>;
  body_chars: Generated<number>;
}

export interface TranslationCacheTable {
  key: string;
  text: string;
  provider: string;
  model: string;
  created_at: string;
}

export interface GlossaryTable {
  source_lang: string;
  source_form: string;
  english: string;
  kind: string;
  /** operator | story */
  origin: string;
  variants: string; // JSON string[]
  updated_at: string;
}

export interface ArticleFingerprintTable {
  article_id: number;
  band: string;
  fingerprint: string;
}

/** A stored copy of a foreign image (`key`: `article:<id>:lead|thumb` or `outlet:<id>`). */
export interface ImageTable {
  key: string;
  article_id: number | null;
  outlet_id: string | null;
  version: string;
  type: string;
  width: number;
  height: number;
  bytes: Buffer;
  byte_length: number;
  source_url: string;
  stored_at: string;
}

export interface Database {
  images: ImageTable;
  article_fingerprints: ArticleFingerprintTable;
  outlets: OutletTable;
  feeds: FeedTable;
  articles: ArticleTable;
  translations: TranslationTable;
  stories: StoryTable;
  story_articles: StoryArticleTable;
  story_takes: AlternativeTakesTable;
  takes: WorldTakeTable;
  jobs: JobTable;
  host_turns: HostTurnTable;
  article_vectors: ArticleVectorTable;
  translation_cache: TranslationCacheTable;
  translation_spend: TranslationSpendTable;
  glossary: GlossaryTable;
}

export type OutletRow = Selectable<OutletTable>;
export type FeedRow = Selectable<FeedTable>;
export type ArticleRow = Selectable<ArticleTable>;
export type NewArticleRow = Insertable<ArticleTable>;
export type ArticleUpdate = Updateable<ArticleTable>;
export type JobRow = Selectable<JobTable>;
