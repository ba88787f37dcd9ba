import { parseHTML } from 'linkedom';
import { firstByTag, isSpace } from './dom.ts';
import { capNesting, capTags } from './nesting.ts';

/** Parsing helpers shared by the extractor and its baseline rescue. */

/**
 * Scripts (other than JSON-LD), styles, inline SVG, templates, form controls, frames and comments
 * are often most of a page's bytes and never article text: cutting them out of the string before
 * parsing halves the DOM work. White space between tags where a block starts or ends is cut too
 * (see cutEdgeSpace).
 *
 * Each kind is cut as the regular expression `<script\b[^>]*>[\s\S]*?<\/script\b[^>]*>` (and its
 * kin, in this order) would cut it, but found in two steps: the start tag by a pattern, then its
 * end tag by a second search from there. A lazy `[\s\S]*?` tries the end tag at every character of
 * a script, and scripts are half of a page; the two-step search was a fifth of the cost.
 * test/extract/parse.test.ts holds the expressions and checks that both cut the same.
 */
export function stripInertMarkup(html: string): string {
  const scripts = cutElements(
    html,
    SCRIPT_START,
    () => SCRIPT_END,
    (start) => LD_JSON.test(start),
  );
  const inert = cutElements(scripts, INERT_START, (name) => endTag(name, false));
  const comments = cutElements(inert, COMMENT_START, () => COMMENT_END);
  const controls = cutElements(comments, CONTROL_START, (name) => endTag(name, true));
  return cutEdgeSpace(controls);
}

// End tags as the HTML tokenizer reads them: `</script` then anything up to `>` (pages write `</script\n<!--x-->`).
const SCRIPT_START = /<script\b[^>]*>/gi;
const SCRIPT_END = /<\/script\b[^>]*>/gi;
const LD_JSON = /^<script\b[^>]*application\/ld\+json/i;
// A self-closed `<svg/>` has no end tag: matching on to the next `</svg>` would eat the text between.
const INERT_START = /<(style|svg|template)\b[^>]*(?<!\/)>/gi;
const COMMENT_START = /<!--/g;
const COMMENT_END = /-->/g;
/**
 * Form controls and frames: removed unconditionally by the furniture pass anyway (REMOVED_TAGS),
 * and a `<select>` of countries is hundreds of nodes. Cut here, they are never built.
 */
const CONTROL_START = /<(select|button|textarea|iframe)\b[^>]*(?<!\/)>/gi;

const endTags = new Map<string, RegExp>();

/** `</name\b[^>]*>`, or `</name\s*>` when `strict`; the name compared without case, as `\1` under `i` is. */
function endTag(name: string, strict: boolean): RegExp {
  const key = `${strict ? '!' : ''}${name.toLowerCase()}`;
  let re = endTags.get(key);
  if (!re) {
    re = new RegExp(`</${name.toLowerCase()}${strict ? '\\s*>' : '\\b[^>]*>'}`, 'gi');
    endTags.set(key, re);
  }
  return re;
}

/**
 * Cuts every element that `start` opens and `end(name)` closes, as one left-to-right pass of the
 * single expression would: the leftmost start tag that has an end tag after it, up to the first
 * such end tag; then on from there. A start tag with no end tag after it is passed over. `keep`
 * spares an element by its start (the first 200 characters), as JSON-LD scripts are spared.
 */
function cutElements(
  html: string,
  start: RegExp,
  end: (name: string) => RegExp,
  keep?: (start: string) => boolean,
): string {
  let out = '';
  let copied = 0;
  start.lastIndex = 0;
  for (let open = start.exec(html); open; open = start.exec(html)) {
    const close = end(open[1] ?? '');
    close.lastIndex = open.index + open[0].length;
    const found = close.exec(html);
    if (!found) {
      start.lastIndex = open.index + 1;
      continue;
    }
    const after = found.index + found[0].length;
    if (!keep?.(html.slice(open.index, Math.min(after, open.index + 200)))) {
      out += html.slice(copied, open.index);
      copied = after;
    }
    start.lastIndex = after;
  }
  return copied === 0 ? html : out + html.slice(copied);
}

/** A tag that starts or ends a block, right at a position (the tag after a run of white space). */
const BLOCK_EDGE_AT =
  /<\/?(?:div|p|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|section|article|header|footer|nav|aside|main|figure|figcaption|h[1-6]|meta|link|script|style|noscript|form|option|select|head|body|html|title|hr|blockquote|pre)\b/iy;
/** A block's start or end tag, right at a position (the tag before a run of white space); not `<pre>`. */
const BLOCK_TAG_AT =
  /<\/?(?:div|p|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|section|article|header|footer|nav|aside|main|figure|figcaption|h[1-6]|form|blockquote)\b/iy;

/**
 * Cuts the white space between tags that carries no text: right before a block-level tag (the
 * block boundary separates words anyway), or right after a block's start or end tag (a line starts
 * there, and leading white space of a line is never text; not after `<pre>`, where it is). Each
 * run costs linkedom a text node, and node creation is most of its parse time. A run is a whole
 * run of white space (as `\s` reads it) between a `>` and a `<`; the tag before it is the one whose
 * `<` follows the last `>` before it. Scanned by hand: half the `>` of a page start such a run.
 */
function cutEdgeSpace(html: string): string {
  let out = '';
  let copied = 0;
  let previousEnd = -1;
  for (let gt = html.indexOf('>'); gt >= 0; gt = html.indexOf('>', gt + 1)) {
    let lt = gt + 1;
    while (lt < html.length && isSpace(html.charCodeAt(lt))) lt++;
    const tagStart = previousEnd;
    previousEnd = gt;
    if (lt === gt + 1 || html.charCodeAt(lt) !== 60 /* < */ || !atBlockEdge(html, gt, lt, tagStart)) continue;
    out += html.slice(copied, gt + 1);
    copied = lt;
    gt = lt - 1;
  }
  return copied === 0 ? html : out + html.slice(copied);
}

function atBlockEdge(html: string, gt: number, lt: number, previousEnd: number): boolean {
  BLOCK_EDGE_AT.lastIndex = lt;
  if (BLOCK_EDGE_AT.test(html)) return true;
  for (let at = html.lastIndexOf('<', gt); at > previousEnd; at = at === 0 ? -1 : html.lastIndexOf('<', at - 1)) {
    BLOCK_TAG_AT.lastIndex = at;
    if (BLOCK_TAG_AT.test(html)) return true;
  }
  return false;
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
