import type { ArticleImage } from '../model/article.ts';
import { closestByTag, forEachElement, hasTag, hasToken } from './dom.ts';
import {
  findArticleNode,
  flattenLd,
  type LdNode,
  ldAuthors,
  ldImage,
  ldPaywalled,
  ldText,
  ldTypes,
  parseLdScript,
} from './json-ld.ts';
import { normalizeLanguageTag } from './language-tag.ts';
import { AUTHOR_META, BYLINE_PREFIX, MODIFIED_META, PUBLISHED_META } from './tuning.ts';

/** What the page says about itself in JSON-LD, OpenGraph and meta tags, before any text is extracted. */
export interface PageMetadata {
  title?: string;
  description?: string;
  author?: string;
  published?: string;
  modified?: string;
  declaredLanguage?: string;
  canonicalUrl?: string;
  siteName?: string;
  image?: ArticleImage;
  paywalled?: boolean;
  /** JSON-LD articleBody: the fallback text when the DOM yields too little. */
  articleBody?: string;
  /** The URL relative links resolve against (`<base href>` or the page URL). */
  baseUrl: string;
}

/** Reads the page's metadata. Must run before Readability, which removes the JSON-LD scripts. */
export function readMetadata(document: Document, pageUrl: string): PageMetadata {
  const found = metaElements(document);
  const meta = collectMeta(found.metas);
  const ld = readJsonLd(found.ldScripts);
  const baseUrl = findBaseUrl(found, pageUrl, meta);
  const pick = (...names: string[]) => firstMeta(meta, names);

  const title = ld.article ? ldText(ld.article.headline) : undefined;
  const author =
    (ld.article ? ldAuthors(ld.article.author).join(', ') : '') ||
    cleanAuthor(AUTHOR_META.map((n) => meta.get(n)).find((v) => v && !/^(?:https?:|@)/.test(v))) ||
    cleanAuthor(found.authorLink?.textContent) ||
    cleanAuthor(found.authorBox?.textContent);
  const published =
    normalizeDate(ld.article?.datePublished) ??
    normalizeDate(ld.page?.datePublished) ??
    normalizeDate(pick(...PUBLISHED_META)) ??
    normalizeDate(itempropDate(found.datePublished)) ??
    normalizeDate(timeElementDate(found.times));
  const modified =
    normalizeDate(ld.article?.dateModified) ??
    normalizeDate(pick(...MODIFIED_META)) ??
    normalizeDate(itempropDate(found.dateModified));
  const declaredLanguage =
    normalizeLanguageTag(document.documentElement?.getAttribute('lang')) ??
    normalizeLanguageTag(document.documentElement?.getAttribute('xml:lang')) ??
    normalizeLanguageTag(pick('og:locale')) ??
    normalizeLanguageTag(pick('content-language', 'language', 'dc.language')) ??
    normalizeLanguageTag(ldText(ld.article?.inLanguage));
  const canonicalUrl =
    resolveUrl(found.canonical?.getAttribute('href'), baseUrl) ?? resolveUrl(pick('og:url'), baseUrl);
  const siteName =
    pick('og:site_name', 'application-name') ??
    (ld.article ? ldText(ld.article.publisher) : undefined) ??
    (ld.site ? ldText(ld.site.name) : undefined);

  const ldPicture = ld.article ? ldImage(ld.article.image) : undefined;
  const imageUrl = resolveUrl(pick('og:image:secure_url', 'og:image', 'twitter:image', 'twitter:image:src'), baseUrl);
  const image = imageUrl
    ? { url: imageUrl, ...captionOf(ldPicture, imageUrl, baseUrl) }
    : ldPicture
      ? toImage(ldPicture, baseUrl)
      : undefined;

  const result: PageMetadata = { baseUrl };
  assign(result, 'title', title ?? pick('og:title', 'twitter:title', 'dc.title'));
  assign(result, 'description', pick('og:description', 'description', 'twitter:description', 'dc.description'));
  assign(result, 'author', author || undefined);
  assign(result, 'published', published);
  assign(result, 'modified', modified);
  assign(result, 'declaredLanguage', declaredLanguage);
  assign(result, 'canonicalUrl', canonicalUrl);
  assign(result, 'siteName', siteName);
  assign(result, 'image', image);
  assign(result, 'paywalled', ld.article ? ldPaywalled(ld.article) : undefined);
  assign(result, 'articleBody', ld.article ? ldText(ld.article.articleBody) : undefined);
  return result;
}

/**
 * `<base href>` when present; for a page read from a file (no http URL), its own canonical URL,
 * so that relative image links still resolve to the publisher.
 */
function findBaseUrl(found: MetaElements, pageUrl: string, meta: Map<string, string>): string {
  const base = resolveUrl(found.base?.getAttribute('href'), pageUrl);
  if (base) return base;
  if (/^https?:/i.test(pageUrl)) return pageUrl;
  const own = found.canonical?.getAttribute('href') ?? meta.get('og:url');
  return own && /^https?:\/\//i.test(own) ? own : pageUrl;
}

function assign<K extends keyof PageMetadata>(target: PageMetadata, key: K, value: PageMetadata[K] | undefined): void {
  if (value !== undefined && value !== '') target[key] = value;
}

/** The elements metadata is read from. */
interface MetaElements {
  metas: Element[];
  ldScripts: Element[];
  /** The first `<base href>`. */
  base?: Element;
  /** The first `<link rel="canonical" href>`. */
  canonical?: Element;
  /** The first `[rel~="author"], [itemprop~="author"] [itemprop~="name"]`. */
  authorLink?: Element;
  /** The first `[itemprop~="author"], .byline, .author, .article-author`. */
  authorBox?: Element;
  /** The first `[itemprop="datePublished"]` and `[itemprop="dateModified"]`. */
  datePublished?: Element;
  dateModified?: Element;
  /** Every `<time datetime>`. */
  times: Element[];
}

/**
 * Meta tags, JSON-LD scripts, `<base>`, the canonical link, the author's elements, the date
 * elements, found in one walk of the document: every query is a walk of the whole tree, and
 * seven of them were a sixth of extraction.
 */
function metaElements(document: Document): MetaElements {
  const found: MetaElements = { metas: [], ldScripts: [], times: [] };
  forEachElement(document, (el) => {
    if (hasTag(el, META_TAGS)) {
      const tag = el.localName;
      if (tag === 'meta') found.metas.push(el);
      else if (tag === 'script') {
        if (el.getAttribute('type') === 'application/ld+json') found.ldScripts.push(el);
      } else if (!el.hasAttribute('href')) {
        // Neither a base nor a canonical link.
      } else if (tag === 'base') found.base ??= el;
      else if (tag === 'link' && (el.getAttribute('rel') ?? '').split(/\s+/).includes('canonical'))
        found.canonical ??= el;
    }
    if (hasTag(el, TIME) && el.hasAttribute('datetime')) found.times.push(el);
    const itemprop = el.getAttribute('itemprop');
    if (itemprop === 'datePublished') found.datePublished ??= el;
    else if (itemprop === 'dateModified') found.dateModified ??= el;
    if (!found.authorLink && isAuthorLink(el, itemprop)) found.authorLink = el;
    if (!found.authorBox && isAuthorBox(el, itemprop)) found.authorBox = el;
  });
  return found;
}

const META_TAGS = new Set(['meta', 'script', 'base', 'link']);

/** `[rel~="author"], [itemprop~="author"] [itemprop~="name"]`: a link to the author, or the name in an author item. */
function isAuthorLink(el: Element, itemprop: string | null): boolean {
  if (hasToken(el, 'rel', 'author', true)) return true;
  if (itemprop === null || !itemprop.split(/\s+/).includes('name')) return false;
  for (let up = el.parentElement; up; up = up.parentElement) if (hasToken(up, 'itemprop', 'author')) return true;
  return false;
}

/** `[itemprop~="author"], .byline, .author, .article-author`. */
function isAuthorBox(el: Element, itemprop: string | null): boolean {
  if (itemprop?.split(/\s+/).includes('author')) return true;
  const names = el.getAttribute('class');
  // Asked of every element: most class strings hold neither word, and need no splitting.
  if (names === null || !(names.includes('author') || names.includes('byline'))) return false;
  const words = names.split(/\s+/);
  return words.includes('byline') || words.includes('author') || words.includes('article-author');
}

/** Every meta tag, keyed by its lower-cased name, property, itemprop or http-equiv; the first one wins. */
function collectMeta(metas: Element[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const el of metas) {
    const content = el.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key && !map.has(key)) map.set(key, decodeEntities(content));
    }
  }
  return map;
}

function firstMeta(meta: Map<string, string>, names: string[]): string | undefined {
  for (const name of names) {
    const value = meta.get(name);
    if (value) return value;
  }
  return undefined;
}

function readJsonLd(scripts: Element[]): { article?: LdNode; page?: LdNode; site?: LdNode } {
  const roots: unknown[] = [];
  for (const script of scripts) {
    const parsed = parseLdScript(script.textContent ?? '');
    if (parsed !== undefined) roots.push(parsed);
  }
  if (roots.length === 0) return {};
  const nodes = flattenLd(roots);
  return {
    article: findArticleNode(nodes),
    page: nodes.find((n) => ldTypes(n).some((t) => t.endsWith('WebPage'))),
    site: nodes.find((n) => ldTypes(n).some((t) => t === 'WebSite' || t === 'NewsMediaOrganization')),
  };
}

function itempropDate(el: Element | undefined): string | undefined {
  return el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? undefined;
}

/** The first `<time datetime>`, preferring one marked `pubdate` or sitting in the article. */
function timeElementDate(times: Element[]): string | undefined {
  const el =
    times.find((t) => t.hasAttribute('pubdate')) ?? times.find((t) => closestByTag(t, ARTICLE) !== null) ?? times[0];
  return el?.getAttribute('datetime') ?? undefined;
}

const TIME = new Set(['time']);
const ARTICLE = new Set(['article']);

/** ISO 8601 from the forms pages use; date-only values stay date-only. Undefined when unparseable. */
export function normalizeDate(value: unknown): string | undefined {
  const text = ldText(value);
  if (!text) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  // 20240301 or 20240301T120000Z (parsely, sailthru variants).
  const compact = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?/.exec(text);
  const candidate =
    compact && !text.includes('-') ? compactToIso(compact) : text.replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(candidate)) return candidate;
  const time = Date.parse(candidate);
  if (Number.isNaN(time)) return undefined;
  const year = new Date(time).getUTCFullYear();
  if (year < 1990 || year > 2100) return undefined;
  return new Date(time).toISOString();
}

function compactToIso(m: RegExpExecArray): string {
  return m[4] ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}Z` : `${m[1]}-${m[2]}-${m[3]}`;
}

function cleanAuthor(value: string | null | undefined): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim().replace(BYLINE_PREFIX, '');
  return text && text.length <= 120 ? text : undefined;
}

export function resolveUrl(href: string | null | undefined, base: string): string | undefined {
  const value = href?.trim();
  if (!value || /^(?:javascript|data|vbscript):/i.test(value)) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function toImage(picture: { url: string; caption?: string; credit?: string }, base: string): ArticleImage | undefined {
  const url = resolveUrl(picture.url, base);
  return url ? { ...picture, url } : undefined;
}

/** The JSON-LD caption and credit belong to the og:image only when they describe the same picture. */
function captionOf(
  picture: { url: string; caption?: string; credit?: string } | undefined,
  url: string,
  base: string,
): { caption?: string; credit?: string } {
  if (!picture || resolveUrl(picture.url, base) !== url) return {};
  return {
    ...(picture.caption ? { caption: picture.caption } : {}),
    ...(picture.credit ? { credit: picture.credit } : {}),
  };
}

/** Meta content is already entity-decoded by the parser; this catches double-encoded `&amp;quot;`. */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|quot|#39|apos|lt|gt);/g, (_, e: string) =>
    e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'lt' ? '<' : e === 'gt' ? '>' : "'",
  );
}
