import { parseHTML } from 'linkedom';
import { firstByTag } from './dom.ts';
import { capNesting, capTags } from './nesting.ts';

/** Parsing helpers shared by the extractor and its baseline rescue. */

// End tags as the HTML tokenizer reads them: `</script` then anything up to `>` (pages write `</script\n<!--x-->`).
const INERT_SCRIPT = /<script\b[^>]*>[\s\S]*?<\/script\b[^>]*>/gi;
const LD_JSON = /^<script\b[^>]*application\/ld\+json/i;
// A self-closed `<svg/>` has no end tag: matching on to the next `</svg>` would eat the text between.
const INERT_ELEMENT = /<(style|svg|template)\b[^>]*(?<!\/)>[\s\S]*?<\/\1\b[^>]*>/gi;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
/**
 * Form controls and frames: removed unconditionally by the furniture pass anyway (REMOVED_TAGS),
 * and a `<select>` of countries is hundreds of nodes. Cut here, they are never built.
 */
const INERT_CONTROL = /<(select|button|textarea|iframe)\b[^>]*(?<!\/)>[\s\S]*?<\/\1\s*>/gi;
/**
 * White space right before a block-level tag carries no text (the block boundary separates words
 * anyway) but costs linkedom a text node each, and node creation is most of its parse time.
 */
const SPACE_AT_BLOCK_EDGE =
  />\s+(?=<\/?(?:div|p|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|section|article|header|footer|nav|aside|main|figure|figcaption|h[1-6]|meta|link|script|style|noscript|form|option|select|head|body|html|title|hr|blockquote|pre)\b)/gi;
/**
 * Likewise white space right after a block's start or end tag (`<li>\n  <a…`): a line starts
 * there, and leading white space of a line is never text. Not after `<pre>`, where it is.
 */
const SPACE_AFTER_BLOCK_TAG =
  /(<\/?(?:div|p|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|section|article|header|footer|nav|aside|main|figure|figcaption|h[1-6]|form|blockquote)\b[^>]*>)\s+(?=<)/gi;

/**
 * Scripts (other than JSON-LD), styles, inline SVG and comments are often most of a page's bytes
 * and never article text: cutting them out of the string before parsing halves the DOM work.
 */
export function stripInertMarkup(html: string): string {
  return html
    .replace(INERT_SCRIPT, (m) => (LD_JSON.test(m.slice(0, 200)) ? m : ''))
    .replace(INERT_ELEMENT, '')
    .replace(HTML_COMMENT, '')
    .replace(INERT_CONTROL, '')
    .replace(SPACE_AT_BLOCK_EDGE, '>')
    .replace(SPACE_AFTER_BLOCK_TAG, '$1');
}

/** linkedom needs a whole document; a bare fragment gets the missing html/body around it. */
export function ensureDocument(html: string): string {
  const start = html.slice(0, 20_000).search(/<!doctype|<html[\s>]/i);
  // Text before the doctype (PHP warnings, a BOM-less junk line) makes linkedom lose the body.
  if (start > 0) return html.slice(start);
  return start === 0 || /<body[\s>]/i.test(html.slice(0, 20_000))
    ? html
    : `<!doctype html><html><body>${html}</body></html>`;
}

/** Cleans and parses a page (see stripInertMarkup and ensureDocument). */
export function preparePage(html: string): { source: string; document: Document } {
  const source = ensureDocument(capNesting(capTags(stripInertMarkup(html))));
  return { source, document: parseDocument(source) };
}

/**
 * Parses a page. linkedom needs an `<html>` root: a page that starts `<!DOCTYPE html><head>` gets
 * one, and anything still rootless is parsed again as a fragment inside html/body.
 */
export function parseDocument(html: string): Document {
  const first = parseHTML(html).document;
  if (isWhole(first)) return first as unknown as Document;
  const withRoot = parseHTML(`<!doctype html><html>${html.replace(/^\s*<!doctype[^>]*>/i, '')}</html>`).document;
  if (isWhole(withRoot)) return withRoot as unknown as Document;
  return parseHTML(`<!doctype html><html><body>${html}</body></html>`).document as unknown as Document;
}

const BODY = new Set(['body']);

function isWhole(document: { documentElement: Element | null }): boolean {
  const root = document.documentElement;
  return root?.localName === 'html' && firstByTag(root, BODY) !== null;
}

/**
 * Whether any element lies more than `limit` levels under `root`. Walked without recursion and
 * without child arrays (linkedom builds a new array for every `children`): first child, next
 * sibling, back up.
 */
export function domDepthExceeds(root: Element, limit: number): boolean {
  let el: Element | null = root;
  let depth = 0;
  while (el) {
    if (depth > limit) return true;
    const child: Element | null = el.firstElementChild;
    if (child) {
      el = child;
      depth++;
      continue;
    }
    while (el && el !== root && !el.nextElementSibling) {
      el = el.parentElement;
      depth--;
    }
    if (!el || el === root) return false;
    el = el.nextElementSibling;
  }
  return false;
}
