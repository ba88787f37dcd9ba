/**
 * Small regular-expression readers for tag soup: attributes of one start tag, and the text of the
 * first element with a given name. Used where no XML parser can be trusted (HTML pages, `<img>`
 * tags inside descriptions, the fallback scanner for broken feeds). Not a general XML parser.
 */
import { decodeEntities } from './entities.ts';

/** Lower-cases ASCII only, so indexes stay those of the original (`İ`.toLowerCase() is 2 units). */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One attribute of a start tag, quoted or not, with character references decoded. */
export function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${escapeRegExp(name)}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag);
  if (!m) return undefined;
  return decodeEntities(m[1] ?? m[2] ?? m[3] ?? '');
}

/**
 * Element content as a parser would give it: CDATA sections verbatim, the rest with character
 * references decoded (so escaped HTML comes back as HTML).
 */
export function xmlContent(inner: string): string {
  let out = '';
  let at = 0;
  for (const m of inner.matchAll(/<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g)) {
    out += decodeEntities(inner.slice(at, m.index));
    out += m[1] ?? '';
    at = m.index + m[0].length;
  }
  return out + decodeEntities(inner.slice(at));
}

export interface Element {
  /** The start tag, `<link rel="alternate" href="…">` (self-closing tags lose their slash). */
  tag: string;
  /** Raw inner markup (empty for a self-closing tag). */
  inner: string;
}

/** Every element named `name` (case-insensitive, exact prefix as written, e.g. `media:content`). */
export function elements(block: string, name: string): Element[] {
  // indexOf on a lower-cased copy rather than one regular expression: an element that is never
  // closed must not make every later start tag rescan the rest of the block.
  const lower = asciiLower(block);
  const open = `<${asciiLower(name)}`;
  const close = `</${asciiLower(name)}`;
  const found: Element[] = [];
  let at = lower.indexOf(open);
  while (at >= 0) {
    const after = lower.charAt(at + open.length);
    const tagEnd = lower.indexOf('>', at);
    if (tagEnd < 0) break;
    if (after !== '' && !/[\s/>]/.test(after)) {
      at = lower.indexOf(open, at + open.length);
      continue;
    }
    const tag = block.slice(at, tagEnd + 1);
    if (lower.charAt(tagEnd - 1) === '/') {
      found.push({ tag, inner: '' });
      at = lower.indexOf(open, tagEnd);
      continue;
    }
    const closeAt = lower.indexOf(close, tagEnd);
    if (closeAt < 0) break;
    found.push({ tag, inner: block.slice(tagEnd + 1, closeAt) });
    at = lower.indexOf(open, closeAt + close.length);
  }
  return found;
}

/** Content of the first element with one of `names`, in the order of `names`. */
export function firstContent(block: string, names: string[]): string | undefined {
  for (const name of names) {
    for (const el of elements(block, name)) {
      const text = xmlContent(el.inner).trim();
      if (text !== '') return text;
    }
  }
  return undefined;
}

/** Elements that start a new field of an RSS item or Atom entry: where an unclosed element ends. */
const NEXT_FIELD =
  /<\/?(?:title|link|guid|id|pubdate|published|updated|description|summary|content|author|category|enclosure|comments|source|dc:|media:|content:|itunes:|atom:)/i;

/**
 * Content of an element whose closing tag is missing (`<description>text` then the next field):
 * what a lenient reader shows, up to the start of the next known field.
 */
export function unclosedContent(block: string, name: string): string | undefined {
  const lower = asciiLower(block);
  const open = `<${asciiLower(name)}`;
  let at = lower.indexOf(open);
  while (at >= 0 && !/[\s>]/.test(lower.charAt(at + open.length))) at = lower.indexOf(open, at + 1);
  const tagEnd = at < 0 ? -1 : lower.indexOf('>', at);
  if (tagEnd < 0) return undefined;
  const rest = block.slice(tagEnd + 1);
  const next = NEXT_FIELD.exec(rest);
  const text = xmlContent(next ? rest.slice(0, next.index) : rest).trim();
  return text === '' ? undefined : text;
}
