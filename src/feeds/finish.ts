/**
 * RawFeed to ParsedFeed: resolve links and images, clean text, parse dates, drop items without a
 * usable link, deduplicate by link and guid, cap the count.
 */
import type { FeedItem, ParsedFeed } from '../model/article.ts';
import { parseFeedDate } from './dates.ts';
import { attribute } from './markup.ts';
import type { RawFeed, RawItem } from './raw.ts';
import { collapseWhitespace, htmlToText, plainText, removeControlChars, withoutCutOffTag } from './text.ts';
import { applyBases, isAbsoluteHttpUrl, resolveHttpUrl } from './urls.ts';

export const LIMITS = {
  title: 500,
  summary: 1000,
  author: 200,
  guid: 1000,
  url: 4000,
} as const;

export interface FinishOptions {
  maxItems: number;
  now: Date;
}

export interface FinishStats {
  /** Items without any usable http(s) link. */
  skipped: number;
  /** Items whose link or guid repeated an earlier item's. */
  duplicates: number;
  /** Items read past `maxItems` (not checked for links or duplicates). */
  overCap: number;
}

export function finishFeed(raw: RawFeed, baseUrl: string, options: FinishOptions): ParsedFeed & FinishStats {
  const documentBase = applyBases(baseUrl, [raw.base]);
  const feedLink = resolveHttpUrl(raw.link, documentBase);
  // Relative item links are relative to the site more often than to the feed file (RSS has no
  // xml:base habit), so the feed's own link comes before the URL the feed was fetched from.
  const itemBase = raw.base === undefined && feedLink ? feedLink : documentBase;

  const items: FeedItem[] = [];
  const seenLinks = new Set<string>();
  const seenGuids = new Set<string>();
  const stats: FinishStats = { skipped: 0, duplicates: 0, overCap: 0 };
  for (const [index, rawItem] of raw.items.entries()) {
    if (items.length >= options.maxItems) {
      stats.overCap = raw.items.length - index;
      break;
    }
    const item = finishItem(rawItem, applyBases(itemBase, [rawItem.base]), options.now);
    if (!item) {
      stats.skipped++;
      continue;
    }
    if (seenLinks.has(item.link) || (item.guid !== undefined && seenGuids.has(item.guid))) {
      stats.duplicates++;
      continue;
    }
    seenLinks.add(item.link);
    if (item.guid !== undefined) seenGuids.add(item.guid);
    items.push(item);
  }

  const feed: ParsedFeed & FinishStats = { format: raw.format, items, ...stats };
  const title = plainText(raw.title, LIMITS.title);
  if (title) feed.title = title;
  if (feedLink) feed.link = feedLink;
  return feed;
}

function finishItem(raw: RawItem, base: string, now: Date): FeedItem | undefined {
  const link = pickLink(raw, base);
  if (!link) return undefined;
  const item: FeedItem = { link };
  const guid = raw.guid === undefined ? '' : collapseWhitespace(removeControlChars(raw.guid));
  if (guid) item.guid = guid.slice(0, LIMITS.guid);
  const title = plainText(raw.title, LIMITS.title);
  if (title) item.title = title;
  const summary = plainText(raw.summary, LIMITS.summary) ?? plainText(raw.content, LIMITS.summary);
  if (summary) item.summary = summary;
  const published = firstDate(raw.dates, now);
  if (published) item.published = published;
  const author = joinAuthors(raw.authors);
  if (author) item.author = author;
  const image = pickImage(raw, base);
  if (image) item.image = image;
  return item;
}

function pickLink(raw: RawItem, base: string): string | undefined {
  for (const candidate of raw.links) {
    const url = resolveHttpUrl(candidate, base);
    if (url && url.length <= LIMITS.url) return url;
  }
  if (raw.guidMayBeLink && isAbsoluteHttpUrl(raw.guid)) return resolveHttpUrl(raw.guid, undefined);
  return undefined;
}

function firstDate(dates: string[], now: Date): string | undefined {
  for (const date of dates) {
    const iso = parseFeedDate(date, now);
    if (iso) return iso;
  }
  return undefined;
}

function joinAuthors(authors: string[]): string | undefined {
  const names = new Set<string>();
  for (const author of authors) {
    // RSS <author> is "e-mail (Name)" by the spec.
    const name = htmlToText(author).replace(/^\S+@\S+\s*\((.+)\)$/, '$1');
    // A bare e-mail address is not a byline worth showing (and often `noreply@…`).
    if (name !== '' && !/^\S+@\S+$/.test(name)) names.add(name);
  }
  const joined = [...names].join(', ');
  if (joined === '') return undefined;
  return joined.length > LIMITS.author ? `${joined.slice(0, LIMITS.author - 1)}…` : joined;
}

function pickImage(raw: RawItem, base: string): string | undefined {
  for (const candidate of raw.images) {
    const url = resolveHttpUrl(candidate, base);
    if (url && url.length <= LIMITS.url) return url;
  }
  return firstImgInHtml(raw.summary, base) ?? firstImgInHtml(raw.content, base);
}

/** The first real `<img>` of some HTML: not a 1×1 tracking pixel, lazy-load `data-src` preferred. */
export function firstImgInHtml(html: string | undefined, base: string): string | undefined {
  if (!html?.includes('<img')) return undefined;
  for (const m of withoutCutOffTag(html.slice(0, 200_000)).matchAll(/<img\b[^>]*>/gi)) {
    const tag = m[0];
    if (attribute(tag, 'width') === '1' || attribute(tag, 'height') === '1') continue;
    const url = resolveHttpUrl(attribute(tag, 'data-src') ?? attribute(tag, 'src'), base);
    if (url && url.length <= LIMITS.url) return url;
  }
  return undefined;
}
