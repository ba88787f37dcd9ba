/** The types that flow between the ingestion stages. No I/O here. */

export type BlockKind = 'p' | 'h2' | 'h3' | 'quote' | 'li' | 'pre' | 'table';

/**
 * One block of an article body. `text` is plain text. `html` is present only for blocks whose
 * structure matters (tables) and is always sanitized to the allow-list of `extract/sanitize`.
 */
export interface Block {
  kind: BlockKind;
  text: string;
  html?: string;
}

export interface ArticleImage {
  url: string;
  caption?: string;
  credit?: string;
  width?: number;
  height?: number;
  /** Meridian's own copies of it, once the image step stored them (pages show only these). */
  stored?: StoredImage;
}

/** The version of an image's stored copies and the size of the larger one. */
export interface StoredImage {
  version: string;
  width: number;
  height: number;
}

/** What `extract/` returns for a page: everything is original-language text. */
export interface ExtractedArticle {
  title: string;
  standfirst?: string;
  blocks: Block[];
  author?: string;
  /** ISO 8601. */
  published?: string;
  modified?: string;
  /** BCP 47, as declared by the page (html lang, og:locale, meta). */
  declaredLanguage?: string;
  /** BCP 47, as detected from the text. */
  language?: string;
  canonicalUrl?: string;
  siteName?: string;
  image?: ArticleImage;
  /** JSON-LD isAccessibleForFree === false. */
  paywalled?: boolean;
}

/** One item of a feed, whatever its format. */
export interface FeedItem {
  link: string;
  guid?: string;
  title?: string;
  /** Plain text. */
  summary?: string;
  /** ISO 8601. */
  published?: string;
  author?: string;
  image?: string;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title?: string;
  link?: string;
  items: FeedItem[];
}

export type ArticleState = 'discovered' | 'fetched' | 'extracted' | 'translated' | 'clustered' | 'failed';

/** An article as stored. */
export interface Article extends ExtractedArticle {
  id: number;
  outletId: string;
  feedUrl?: string;
  url: string;
  /** Normalized canonical URL: the deduplication key. */
  urlKey: string;
  country: string;
  contentHash: string;
  /** Id of an earlier article with near-identical text (the same wire story on another site). */
  duplicateOf?: number;
  state: ArticleState;
  discoveredAt: string;
  fetchedAt?: string;
}

/**
 * What readers are shown of an article, on its page and in the JSON API. The reader's statement
 * reads only these columns: the others (keys, hashes, pipeline times) were a fifth of its cost.
 */
export type ReadableArticle = Pick<
  Article,
  | 'id'
  | 'outletId'
  | 'url'
  | 'country'
  | 'title'
  | 'blocks'
  | 'paywalled'
  | 'state'
  | 'standfirst'
  | 'author'
  | 'published'
  | 'language'
  | 'image'
  | 'duplicateOf'
>;
