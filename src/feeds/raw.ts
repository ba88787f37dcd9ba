/**
 * The shape every reader (feedsmith adapters and the fallback scanner) produces before one shared
 * finishing step turns it into FeedItems. Keeping the readers down to "copy the fields out"
 * means URL resolution, text cleaning, dates, dedup and caps are written and tested once.
 */
import type { ParsedFeed } from '../model/article.ts';

export interface RawItem {
  /** Link candidates, best first; may be relative. */
  links: string[];
  guid?: string;
  /** An RSS guid without isPermaLink="false", an Atom id: usable as the link if it is absolute http(s). */
  guidMayBeLink?: boolean;
  /** HTML or text that may hold HTML (text constructs are escaped by the reader). */
  title?: string;
  summary?: string;
  /** Full content, used when there is no summary and to find an image. */
  content?: string;
  /** Date strings, best first (published before updated). */
  dates: string[];
  authors: string[];
  /** Explicit image URLs (media:content, enclosure, thumbnail, itunes:image), best first. */
  images: string[];
  /** The item's own xml:base, possibly relative to the feed's. */
  base?: string;
}

export interface RawFeed {
  format: ParsedFeed['format'];
  title?: string;
  link?: string;
  base?: string;
  items: RawItem[];
}

export function emptyRawItem(): RawItem {
  return { links: [], dates: [], authors: [], images: [] };
}

/** Strings only: parsers hand back objects or numbers for odd markup. */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Pushes the strings among `values` onto `list`. */
export function pushAll(list: string[], ...values: unknown[]): void {
  for (const value of values) {
    if (Array.isArray(value)) pushAll(list, ...value);
    else {
      const s = str(value);
      if (s !== undefined && s.trim() !== '') list.push(s);
    }
  }
}
