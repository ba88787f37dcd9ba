import { parseOpml } from 'feedsmith';
import type { Outlet, OutletFeed } from '../model/outlet.ts';
import { buildCatalog, type Catalog } from './catalog.ts';
import { CatalogError } from './errors.ts';
import { type Overlay, readOverlayOrEmpty, setEntry, writeOverlay } from './overlay.ts';
import { canonicalLanguage, feedKey, isHttpUrl } from './validate.ts';

/** One feed of an OPML subscription list. */
export interface OpmlFeed {
  title: string;
  xmlUrl: string;
  htmlUrl?: string;
}

/** OPML exports of feed readers stay far below this; a larger file is not a subscription list. */
const MAX_OPML_CHARS = 5_000_000;

/**
 * Every outline with an `xmlUrl`, however deeply nested in folders, in document order.
 * Throws CatalogError when the text is not OPML.
 */
export function parseOpmlFeeds(xml: string): OpmlFeed[] {
  if (xml.length > MAX_OPML_CHARS) throw new CatalogError(`OPML file is too large (${xml.length} characters)`);
  let document: ReturnType<typeof parseOpml>;
  try {
    document = parseOpml(xml);
  } catch (err) {
    throw new CatalogError(`Not an OPML file: ${(err as Error).message}`);
  }
  const feeds: OpmlFeed[] = [];
  const visit = (outlines: ReadonlyArray<OpmlOutline> | undefined) => {
    for (const outline of outlines ?? []) {
      const xmlUrl = outline.xmlUrl?.trim();
      if (xmlUrl) {
        const title = (outline.title ?? outline.text ?? '').trim();
        const htmlUrl = outline.htmlUrl?.trim();
        feeds.push(htmlUrl ? { title, xmlUrl, htmlUrl } : { title, xmlUrl });
      }
      visit(outline.outlines);
    }
  };
  visit(document.body?.outlines);
  return feeds;
}

interface OpmlOutline {
  text?: string;
  title?: string;
  xmlUrl?: string;
  htmlUrl?: string;
  outlines?: OpmlOutline[];
}

export interface ImportOpmlOptions {
  /** The OPML document's text. */
  xml: string;
  /** ISO 3166-1 alpha-2 of the new outlets. */
  country: string;
  /** BCP 47 tag of the new outlets. */
  language: string;
  /** The overlay file to write (created when missing). */
  overlayFile: string;
}

export interface ImportOpmlResult {
  /** Outlets new to the catalog, one per site host. */
  added: Outlet[];
  /** Catalog outlets that gained feeds: the outlet's id and the feed URLs added to it. */
  extended: Array<{ id: string; feeds: string[] }>;
  /** Feeds left out, with the reason. */
  skipped: Array<{ xmlUrl: string; reason: string }>;
}

/**
 * Turns an OPML subscription list into catalog outlets and writes them into the overlay file.
 * Feeds are grouped by the host of their site (htmlUrl, else the feed's own URL): a host that a
 * catalog outlet already has gains the new feeds; any other host becomes a new outlet, of kind
 * 'private', with the given country and language. The merged catalog is validated before the
 * file is written, so an import never leaves an overlay that Meridian cannot load.
 */
export function importOpml(options: ImportOpmlOptions): ImportOpmlResult {
  const language = canonicalLanguage(options.language);
  if (!language) throw new CatalogError(`"${options.language}" is not a valid BCP 47 language tag`);
  const country = options.country.toUpperCase();
  const overlay = readOverlayOrEmpty(options.overlayFile);
  const catalog = buildCatalog(overlay, options.overlayFile);
  if (!catalog.country(country)) throw new CatalogError(`"${options.country}" is not an ISO 3166-1 alpha-2 code`);

  const result: ImportOpmlResult = { added: [], extended: [], skipped: [] };
  const knownFeeds = new Set(catalog.outlets.flatMap((o) => o.feeds.map((f) => feedKey(f.url))));
  const groups = new Map<string, OpmlFeed[]>();
  for (const feed of parseOpmlFeeds(options.xml)) {
    if (!isHttpUrl(feed.xmlUrl)) {
      result.skipped.push({ xmlUrl: feed.xmlUrl, reason: 'not an absolute http(s) URL' });
    } else if (knownFeeds.has(feedKey(feed.xmlUrl))) {
      result.skipped.push({ xmlUrl: feed.xmlUrl, reason: 'already in the catalog' });
    } else {
      knownFeeds.add(feedKey(feed.xmlUrl));
      const host = siteHost(feed);
      const group = groups.get(host);
      if (group) group.push(feed);
      else groups.set(host, [feed]);
    }
  }

  const next: Overlay = { outlets: [...overlay.outlets] };
  const byHost = outletsByHost(catalog);
  const takenIds = new Set(catalog.outlets.map((o) => o.id));
  for (const [host, feeds] of groups) {
    const urls = feeds.map((f) => f.xmlUrl);
    const existing = byHost.get(host);
    if (existing) {
      setEntry(next, { id: existing.id, feeds: [...existing.feeds, ...urls.map((url) => ({ url }))] });
      result.extended.push({ id: existing.id, feeds: urls });
    } else {
      const outlet = newOutlet(host, feeds, country, language, takenIds);
      takenIds.add(outlet.id);
      setEntry(next, { ...outlet });
      result.added.push(outlet);
    }
  }
  if (result.added.length === 0 && result.extended.length === 0) return result;

  buildCatalog(next, options.overlayFile); // throws, before anything is written, if the result is invalid
  writeOverlay(options.overlayFile, next);
  return result;
}

/** The site's host without `www.`, the key that groups feeds into one outlet. */
function siteHost(feed: OpmlFeed): string {
  const site = feed.htmlUrl && isHttpUrl(feed.htmlUrl) ? feed.htmlUrl : feed.xmlUrl;
  return new URL(site).hostname.toLowerCase().replace(/^www\./, '');
}

/** Catalog outlets by the host of their homepage (first outlet wins when two share one). */
function outletsByHost(catalog: Catalog): Map<string, Outlet> {
  const byHost = new Map<string, Outlet>();
  for (const o of catalog.outlets) {
    const host = new URL(o.homepage).hostname.toLowerCase().replace(/^www\./, '');
    if (!byHost.has(host)) byHost.set(host, o);
  }
  return byHost;
}

function newOutlet(
  host: string,
  feeds: OpmlFeed[],
  country: string,
  language: string,
  takenIds: ReadonlySet<string>,
): Outlet {
  const first = feeds[0] as OpmlFeed;
  const site = first.htmlUrl && isHttpUrl(first.htmlUrl) ? new URL(first.htmlUrl) : new URL(first.xmlUrl);
  const origin = `${site.protocol}//${site.host}`;
  const feedList: OutletFeed[] = feeds.map((f) => ({ url: f.xmlUrl }));
  return {
    id: uniqueId(slugFromHost(host), takenIds),
    name: outletName(first.title) || host,
    homepage: `${origin}/`,
    country,
    languages: [language],
    feeds: feedList,
    logo: `${origin}/favicon.ico`,
    kind: 'private',
  };
}

/** A feed title made fit for an outlet name: one line, no control characters, bounded length. */
function outletName(title: string): string {
  return title
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim()
    .slice(0, 200);
}

/** `news.example.co.uk` → `news-example-co-uk`: readable, stable, and distinct per host. */
export function slugFromHost(host: string): string {
  const slug = host
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'outlet';
}

function uniqueId(base: string, takenIds: ReadonlySet<string>): string {
  let id = base;
  for (let n = 2; takenIds.has(id); n++) id = `${base}-${n}`;
  return id;
}
