/**
 * What kind of body is this? Cleans what a browser would shrug off (byte-order marks, control
 * characters, PHP warnings or whitespace before `<?xml`) and decides between an XML feed, a JSON
 * feed, an HTML page and anything else, before any parser runs.
 */
import { FeedParseError } from './errors.ts';
import { attribute } from './markup.ts';
import { removeControlChars, withoutCutOffTag } from './text.ts';
import { resolveHttpUrl } from './urls.ts';

export type Sniffed = { kind: 'xml'; text: string; root: string } | { kind: 'json'; text: string };

const FEED_ROOT = /^(?:[\w-]+:)?(?:rss|feed|rdf|channel)$/i;
const FEED_ROOT_ANYWHERE = /<(?:[\w-]+:)?(?:rss|feed|rdf)[\s>]/i;
// Elements that start an HTML page or fragment, never a feed.
const HTML_ROOTS = new Set(['html', 'head', 'body', 'div', 'p', 'table', 'meta', 'script', 'title', 'style', 'form']);

/** Throws FeedParseError for empty bodies, HTML pages and documents that are not feeds. */
export function sniff(input: string, baseUrl: string): Sniffed {
  let text = removeControlChars(input.replace(/^[\uFEFF\s]+/, ''));
  if (text.trim() === '') throw new FeedParseError('empty', 'empty: the body holds no feed text');
  if (text.startsWith('{')) return { kind: 'json', text };

  let root = rootElement(text);
  if (root === undefined || !FEED_ROOT.test(root)) {
    // Leading garbage (a PHP warning, a stray line) before the real document.
    const declaration = text.indexOf('<?xml');
    const start = declaration > 0 ? declaration : text.search(FEED_ROOT_ANYWHERE);
    if (start > 0) {
      const rest = text.slice(start);
      const restRoot = rootElement(rest);
      if (restRoot !== undefined && FEED_ROOT.test(restRoot)) {
        text = rest;
        root = restRoot;
      }
    }
  }
  if (root === undefined || !FEED_ROOT.test(root)) {
    if (isHtml(text, root)) throw htmlError(text, baseUrl);
    if (root === undefined) throw new FeedParseError('not-feed', 'not a feed: the body is neither XML nor JSON');
    throw new FeedParseError('not-feed', `not a feed: the document's root element is <${root}>`);
  }
  return { kind: 'xml', text, root };
}

const PROLOG = /\s*(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!doctype[^>[]*(?:\[[\s\S]*?\])?\s*>)/iy;

/** Name of the first element, after the XML declaration, comments and doctype. */
export function rootElement(text: string): string | undefined {
  let at = 0;
  for (;;) {
    PROLOG.lastIndex = at;
    if (!PROLOG.exec(text)) break;
    at = PROLOG.lastIndex;
  }
  const m = /\s*<([A-Za-z_][\w:.-]*)/y;
  m.lastIndex = at;
  return m.exec(text)?.[1];
}

function isHtml(text: string, root: string | undefined): boolean {
  if (root !== undefined && HTML_ROOTS.has(root.toLowerCase())) return true;
  return /^\s*(?:<!--[\s\S]*?-->\s*)*<!doctype\s+html/i.test(text.slice(0, 4096));
}

function htmlError(text: string, baseUrl: string): FeedParseError {
  const feedLinks = advertisedFeeds(text, baseUrl);
  const hint = feedLinks.length > 0 ? `; the page advertises ${feedLinks.join(', ')}` : '';
  return new FeedParseError('html', `HTML page, not a feed${hint}`, { feedLinks });
}

const FEED_TYPES = /^application\/(?:rss|atom|rdf|feed)\+(?:xml|json)$|^application\/json$/i;

/** The `<link rel="alternate" type="application/rss+xml" href>` feeds of an HTML page's head. */
export function advertisedFeeds(html: string, baseUrl: string): string[] {
  const head = withoutCutOffTag(html.slice(0, 200_000));
  const found = new Set<string>();
  for (const tag of head.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attribute(tag[0], 'rel')?.toLowerCase().split(/\s+/) ?? [];
    const type = attribute(tag[0], 'type') ?? '';
    if (!rel.includes('alternate') || !FEED_TYPES.test(type)) continue;
    const href = resolveHttpUrl(attribute(tag[0], 'href'), baseUrl);
    if (href) found.add(href);
    if (found.size >= 10) break;
  }
  return [...found];
}
