/**
 * feedsmith's parsed feeds to RawFeed. feedsmith keeps each format's own structure (Atom text
 * constructs as `{ value, type }`, Dublin Core and Media RSS under their namespaces, legacy
 * Atom 0.3 and JSON Feed 1.0 fields mapped to their modern names); these adapters only copy the
 * fields Meridian uses, best candidate first.
 */
import type { AnyFeed, AtomFeed, JsonFeed, MediaNs, RdfFeed, RssFeed } from 'feedsmith';
import { escapeHtml } from './entities.ts';
import { emptyRawItem, pushAll, type RawFeed, type RawItem, str } from './raw.ts';

export function adaptFeed(parsed: AnyFeed): RawFeed {
  switch (parsed.format) {
    case 'rss':
      return adaptRss(parsed.feed);
    case 'rdf':
      return adaptRdf(parsed.feed);
    case 'atom':
      return adaptAtom(parsed.feed);
    case 'json':
      return adaptJson(parsed.feed);
  }
}

const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i;

function isImage(type: string | undefined, medium: string | undefined, url: string | undefined): boolean {
  if (medium !== undefined) return medium.toLowerCase() === 'image';
  if (type !== undefined) return type.toLowerCase().startsWith('image/');
  return url !== undefined && IMAGE_FILE.test(url);
}

/** Media RSS images: contents (also inside groups) that are images, then thumbnails. */
function mediaImages(media: MediaNs.ItemOrFeed | undefined): string[] {
  if (!media) return [];
  const contents = [...(media.contents ?? []), ...(media.groups ?? []).flatMap((g) => g.contents ?? [])];
  const images: string[] = [];
  // The largest image first when sizes are given: feeds often list a thumbnail and a full size.
  const sorted = contents
    .filter((c) => isImage(c.type, c.medium, c.url))
    .sort((a, b) => (b.width ?? 0) - (a.width ?? 0));
  pushAll(images, ...sorted.map((c) => c.url));
  const thumbnails = [...(media.thumbnails ?? []), ...(media.groups ?? []).flatMap((g) => g.thumbnails ?? [])];
  pushAll(images, ...thumbnails.map((t) => t.url));
  // A video's or gallery's own thumbnail.
  pushAll(images, ...contents.flatMap((c) => c.thumbnails ?? []).map((t) => t.url));
  return images;
}

function adaptRss(feed: RssFeed.Feed<string>): RawFeed {
  const raw: RawFeed = { format: 'rss', items: (feed.items ?? []).map(adaptRssItem) };
  setIfString(raw, 'title', feed.title ?? feed.dc?.titles?.[0]);
  setIfString(raw, 'link', feed.link ?? alternateHref(feed.atom?.links));
  setIfString(raw, 'base', feed.xml?.base);
  return raw;
}

function adaptRssItem(item: RssFeed.Item<string>): RawItem {
  const raw = emptyRawItem();
  pushAll(raw.links, item.link, alternateHref(item.atom?.links));
  const guid = str(item.guid?.value);
  if (guid !== undefined) {
    raw.guid = guid;
    raw.guidMayBeLink = item.guid?.isPermaLink !== false;
  }
  setIfString(raw, 'title', item.title ?? item.dc?.titles?.[0] ?? item.media?.title?.value);
  setIfString(
    raw,
    'summary',
    item.description ?? item.dc?.descriptions?.[0] ?? item.itunes?.summary ?? item.media?.description?.value,
  );
  setIfString(raw, 'content', item.content?.encoded);
  pushAll(
    raw.dates,
    item.pubDate,
    item.dc?.dates,
    item.dcterms?.issued,
    item.dcterms?.created,
    item.atom?.published,
    item.dcterms?.modified,
    item.atom?.updated,
  );
  pushAll(
    raw.authors,
    (item.authors ?? []).map((a) => a.name ?? a.email),
    item.dc?.creators,
    item.itunes?.author,
  );
  pushAll(
    raw.images,
    mediaImages(item.media),
    (item.enclosures ?? []).filter((e) => isImage(e.type, undefined, e.url)).map((e) => e.url),
    item.itunes?.image,
  );
  setIfString(raw, 'base', item.xml?.base);
  return raw;
}

function adaptRdf(feed: RdfFeed.Feed<string>): RawFeed {
  const raw: RawFeed = { format: 'rdf', items: (feed.items ?? []).map(adaptRdfItem) };
  setIfString(raw, 'title', feed.title ?? feed.dc?.titles?.[0]);
  setIfString(raw, 'link', feed.link);
  setIfString(raw, 'base', feed.xml?.base);
  return raw;
}

function adaptRdfItem(item: RdfFeed.Item<string>): RawItem {
  const raw = emptyRawItem();
  pushAll(raw.links, item.link, item.rdf?.about);
  setIfString(raw, 'guid', item.rdf?.about ?? item.link);
  setIfString(raw, 'title', item.title ?? item.dc?.titles?.[0]);
  setIfString(raw, 'summary', item.description ?? item.dc?.descriptions?.[0]);
  setIfString(raw, 'content', item.content?.encoded);
  pushAll(raw.dates, item.dc?.dates, item.dcterms?.issued, item.dcterms?.created, item.dcterms?.modified);
  pushAll(raw.authors, item.dc?.creators);
  pushAll(raw.images, mediaImages(item.media));
  setIfString(raw, 'base', item.xml?.base);
  return raw;
}

function adaptAtom(feed: AtomFeed.Feed<string>): RawFeed {
  const raw: RawFeed = { format: 'atom', items: (feed.entries ?? []).map(adaptAtomEntry) };
  setIfString(raw, 'title', atomText(feed.title));
  setIfString(raw, 'link', alternateHref(feed.links));
  setIfString(raw, 'base', feed.xml?.base);
  return raw;
}

function adaptAtomEntry(entry: AtomFeed.Entry<string>): RawItem {
  const raw = emptyRawItem();
  pushAll(raw.links, alternateHref(entry.links));
  setIfString(raw, 'guid', entry.id);
  raw.guidMayBeLink = true;
  setIfString(raw, 'title', atomText(entry.title) ?? entry.dc?.titles?.[0] ?? entry.media?.title?.value);
  setIfString(raw, 'summary', atomText(entry.summary) ?? entry.media?.description?.value);
  if (entry.content?.src === undefined) setIfString(raw, 'content', atomText(entry.content));
  pushAll(raw.dates, entry.published, entry.dc?.dates, entry.dcterms?.issued, entry.updated);
  pushAll(
    raw.authors,
    (entry.authors ?? []).map((a) => a.name),
    entry.dc?.creators,
    entry.itunes?.author,
  );
  pushAll(
    raw.images,
    mediaImages(entry.media),
    (entry.links ?? []).filter((l) => l.rel === 'enclosure' && isImage(l.type, undefined, l.href)).map((l) => l.href),
    entry.itunes?.image,
  );
  setIfString(raw, 'base', entry.xml?.base);
  return raw;
}

/**
 * An Atom text construct as HTML: `html` and `xhtml` values are markup already; `text` (the
 * default) is literal, so it is escaped and "a <b> c" survives tag stripping.
 */
function atomText(text: { value?: string; type?: string } | string | undefined): string | undefined {
  if (typeof text === 'string') return text;
  const value = str(text?.value);
  if (value === undefined) return undefined;
  const type = text?.type?.toLowerCase() ?? 'text';
  return type === 'html' || type === 'xhtml' || type.includes('html') ? value : escapeHtml(value);
}

/** The `alternate` link (or one without rel), HTML first; never self, edit, enclosure or replies. */
function alternateHref(links: Array<{ href?: string; rel?: string; type?: string }> | undefined): string | undefined {
  const alternates = (links ?? []).filter((l) => str(l.href) && (l.rel === undefined || l.rel === 'alternate'));
  const html = alternates.find((l) => l.type === undefined || /html/i.test(l.type));
  return str((html ?? alternates[0])?.href);
}

function adaptJson(feed: JsonFeed.Feed<string>): RawFeed {
  const raw: RawFeed = { format: 'json', items: (feed.items ?? []).map(adaptJsonItem) };
  setIfString(raw, 'title', feed.title === undefined ? undefined : escapeHtml(feed.title));
  setIfString(raw, 'link', feed.home_page_url);
  return raw;
}

function adaptJsonItem(item: JsonFeed.Item<string>): RawItem {
  const raw = emptyRawItem();
  pushAll(raw.links, item.url, item.external_url);
  setIfString(raw, 'guid', item.id);
  raw.guidMayBeLink = true;
  // JSON Feed titles and summaries are plain text by the spec.
  const title = str(item.title);
  if (title !== undefined) raw.title = escapeHtml(title);
  const summary = str(item.summary);
  if (summary !== undefined) raw.summary = escapeHtml(summary);
  const text = str(item.content_text);
  setIfString(raw, 'content', item.content_html ?? (text === undefined ? undefined : escapeHtml(text)));
  pushAll(raw.dates, item.date_published, item.date_modified);
  pushAll(
    raw.authors,
    (item.authors ?? []).map((a) => a.name),
  );
  pushAll(
    raw.images,
    item.image,
    item.banner_image,
    (item.attachments ?? []).filter((a) => isImage(a.mime_type, undefined, a.url)).map((a) => a.url),
  );
  return raw;
}

function setIfString<T extends object>(target: T, key: keyof T & string, value: unknown): void {
  const s = str(value);
  if (s !== undefined && s.trim() !== '') (target as Record<string, unknown>)[key] = s;
}
