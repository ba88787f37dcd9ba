/**
 * The last resort for documents no XML parser accepts (mismatched tags, a stray `<` in a title,
 * markup pasted unescaped into a description): find `<item>`/`<entry>` blocks with regular
 * expressions and read the usual elements out of each, the way a lenient browser-side reader
 * would. It only keeps blocks that end with their closing tag, so a cut-off last item is dropped.
 */
import { escapeHtml } from './entities.ts';
import { attribute, elements, firstContent, unclosedContent, xmlContent } from './markup.ts';
import { emptyRawItem, pushAll, type RawFeed, type RawItem } from './raw.ts';

type XmlFormat = 'rss' | 'atom' | 'rdf';

export function scanFeed(input: string, root: string, maxItems = Number.POSITIVE_INFINITY): RawFeed {
  const format = formatOfRoot(root);
  const text = withoutRootPrefix(input, root);
  const itemName = format === 'atom' ? 'entry' : 'item';
  const blocks = itemBlocks(text, itemName).slice(0, maxItems);
  const firstItem = blocks[0]?.start ?? text.length;
  const head = text.slice(0, firstItem);
  const raw: RawFeed = { format, items: blocks.map((b) => scanItem(b.body, format)) };
  const title = format === 'atom' ? atomTextOf(head, 'title') : firstContent(head, ['title']);
  if (title) raw.title = title;
  const link = format === 'atom' ? atomLink(head) : firstContent(head, ['link']);
  if (link) raw.link = link;
  const base = attribute(rootTag(text, root), 'xml:base');
  if (base) raw.base = base;
  return raw;
}

/**
 * `<rss:rss>…<rss:item><rss:title>` (a namespace prefix on every element, as some generators
 * write) read as unprefixed, so the element names below match. RDF keeps its `rdf:` prefix.
 */
function withoutRootPrefix(text: string, root: string): string {
  const prefix = /^([\w-]+):(?:rss|feed)$/i.exec(root)?.[1];
  return prefix ? text.replace(new RegExp(`<(/?)${prefix}:`, 'g'), '<$1') : text;
}

export function formatOfRoot(root: string): XmlFormat {
  const local = root.toLowerCase().replace(/^[\w-]+:/, '');
  if (local === 'feed') return 'atom';
  if (local === 'rdf') return 'rdf';
  return 'rss';
}

function rootTag(text: string, root: string): string {
  const at = text.indexOf(`<${root}`);
  if (at < 0) return '';
  const end = text.indexOf('>', at);
  return end < 0 ? '' : text.slice(at, end + 1);
}

interface Block {
  start: number;
  /** The start tag and the content, without the closing tag. */
  body: string;
}

/** Complete `<item>…</item>` blocks; an item without its closing tag ends at the next item start. */
function itemBlocks(text: string, name: string): Block[] {
  const starts = [...text.matchAll(new RegExp(`<(?:[\\w-]+:)?${name}(?=[\\s>])`, 'gi'))].map((m) => m.index);
  const blocks: Block[] = [];
  const close = new RegExp(`</(?:[\\w-]+:)?${name}\\s*>`, 'i');
  starts.forEach((start, i) => {
    const next = starts[i + 1] ?? text.length;
    const slice = text.slice(start, next);
    const end = close.exec(slice);
    if (end) blocks.push({ start, body: slice.slice(0, end.index) });
  });
  return blocks;
}

function scanItem(block: string, format: XmlFormat): RawItem {
  const raw = emptyRawItem();
  const itemTag = block.slice(0, block.indexOf('>') + 1);
  const base = attribute(itemTag, 'xml:base');
  if (base) raw.base = base;
  if (format === 'atom') scanAtomEntry(block, raw);
  else scanRssItem(block, raw, itemTag);
  pushAll(raw.dates, firstContent(block, ['dc:date', 'dcterms:issued', 'dcterms:modified']));
  pushAll(
    raw.authors,
    elements(block, 'dc:creator').map((e) => e.inner),
  );
  pushAll(raw.images, mediaImages(block), attribute(elements(block, 'itunes:image')[0]?.tag ?? '', 'href'));
  return raw;
}

function scanRssItem(block: string, raw: RawItem, itemTag: string): void {
  pushAll(raw.links, firstContent(block, ['link']), attribute(itemTag, 'rdf:about'));
  const guid = elements(block, 'guid')[0];
  const guidText = guid ? firstContent(block, ['guid']) : attribute(itemTag, 'rdf:about');
  if (guidText) {
    raw.guid = guidText;
    raw.guidMayBeLink = guid !== undefined && attribute(guid.tag, 'isPermaLink')?.toLowerCase() !== 'false';
  }
  setText(raw, 'title', firstContent(block, ['title', 'dc:title']) ?? unclosedContent(block, 'title'));
  setText(
    raw,
    'summary',
    firstContent(block, ['description', 'dc:description']) ?? unclosedContent(block, 'description'),
  );
  setText(raw, 'content', firstContent(block, ['content:encoded']));
  pushAll(raw.dates, firstContent(block, ['pubDate']));
  pushAll(raw.authors, firstContent(block, ['author']), firstContent(block, ['itunes:author']));
  for (const enclosure of elements(block, 'enclosure')) {
    if (attribute(enclosure.tag, 'type')?.toLowerCase().startsWith('image/')) {
      pushAll(raw.images, attribute(enclosure.tag, 'url'));
    }
  }
}

function scanAtomEntry(block: string, raw: RawItem): void {
  pushAll(raw.links, atomLink(block));
  setText(raw, 'guid', firstContent(block, ['id']));
  raw.guidMayBeLink = true;
  setText(raw, 'title', atomTextOf(block, 'title'));
  setText(raw, 'summary', atomTextOf(block, 'summary'));
  setText(raw, 'content', atomTextOf(block, 'content'));
  pushAll(raw.dates, firstContent(block, ['published', 'issued', 'updated', 'modified']));
  for (const author of elements(block, 'author')) pushAll(raw.authors, firstContent(author.inner, ['name']));
}

/** An Atom text construct: `type="text"` (the default) is literal text, so it is escaped. */
function atomTextOf(block: string, name: string): string | undefined {
  const el = elements(block, name)[0];
  if (!el) return undefined;
  const value = xmlContent(el.inner).trim();
  if (value === '') return undefined;
  const type = attribute(el.tag, 'type')?.toLowerCase() ?? 'text';
  return type.includes('html') ? value : escapeHtml(value);
}

function atomLink(block: string): string | undefined {
  let fallback: string | undefined;
  for (const link of elements(block, 'link')) {
    const rel = attribute(link.tag, 'rel') ?? 'alternate';
    // `<link>https://…</link>`: wrong for Atom, but written by hand-made generators.
    const href = attribute(link.tag, 'href') ?? (xmlContent(link.inner).trim() || undefined);
    if (rel !== 'alternate' || !href) continue;
    const type = attribute(link.tag, 'type');
    if (type === undefined || type.includes('html')) return href;
    fallback ??= href;
  }
  return fallback;
}

function mediaImages(block: string): string[] {
  const images: string[] = [];
  for (const content of elements(block, 'media:content')) {
    const medium = attribute(content.tag, 'medium');
    const type = attribute(content.tag, 'type');
    const url = attribute(content.tag, 'url');
    const image = medium
      ? medium === 'image'
      : type
        ? type.startsWith('image/')
        : /\.(?:jpe?g|png|gif|webp)/i.test(url ?? '');
    if (image) pushAll(images, url);
  }
  for (const thumb of elements(block, 'media:thumbnail')) pushAll(images, attribute(thumb.tag, 'url'));
  return images;
}

function setText(raw: RawItem, key: 'title' | 'summary' | 'content' | 'guid', value: string | undefined): void {
  if (value !== undefined && value !== '') raw[key] = value;
}
