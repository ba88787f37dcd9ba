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
 * One left-to-right scan, as the HTML tokenizer reads a page: whichever opens first is cut up to
 * its own end, so a `<script>` written inside a comment is comment text, and `<!--` inside a
 * script is script text (cutting all scripts first, then all comments, cut the article between
 * `<!-- <script> -->` and the next real script). `<!-->` and `<!--->` are whole, empty comments.
 * It cuts what the single expression in test/extract/parse.test.ts cuts, found in two steps: the
 * start tag by a pattern, then its end tag by a second search from there (a lazy `[\s\S]*?` tries
 * the end tag at every character of a script, and scripts are half of a page). A start tag with no
 * end tag after it is passed over; once an end tag is missing after one place it is missing after
 * every later one, so it is not searched for again (500 KB of unclosed `<!--` is one search, not
 * 125,000 searches to the end of the page).
 */
export function stripInertMarkup(html: string): string {
  let out = '';
  let copied = 0;
  const missing = new Set<RegExp>();
  INERT_START.lastIndex = 0;
  for (let open = INERT_START.exec(html); open; open = INERT_START.exec(html)) {
    const [tag, script, raw, emptyComment, control] = open;
    let after = open.index + tag.length;
    if (emptyComment === undefined) {
      const close = script ? SCRIPT_END : raw ? endTag(raw, false) : control ? endTag(control, true) : COMMENT_END;
      let found: RegExpExecArray | null = null;
      if (!missing.has(close)) {
        close.lastIndex = after;
        found = close.exec(html);
      }
      if (!found) {
        missing.add(close);
        INERT_START.lastIndex = open.index + 1;
        continue;
      }
      after = found.index + found[0].length;
    }
    if (!(script && LD_JSON.test(html.slice(open.index, Math.min(after, open.index + 200))))) {
      out += html.slice(copied, open.index);
      copied = after;
    }
    INERT_START.lastIndex = after;
  }
  return cutEdgeSpace(copied === 0 ? html : out + html.slice(copied));
}

/**
 * What starts an inert element: a script (1), a raw-text style, svg or template (2; a self-closed
 * `<svg/>` has no end tag, and matching on to the next `</svg>` would eat the text between), a
 * comment (3 is set when it is already whole: `<!-->`, `<!--->`), or a form control or frame (4:
 * removed by the furniture pass anyway, REMOVED_TAGS, and a `<select>` of countries is hundreds of
 * nodes; cut here, they are never built).
 */
const INERT_START =
  /<(script)\b[^>]*>|<(style|svg|template)\b[^>]*(?<!\/)>|<!--(-?>)?|<(select|button|textarea|iframe)\b[^>]*(?<!\/)>/gi;
// End tags as the HTML tokenizer reads them: `</script` then anything up to `>` (pages write `</script\n<!--x-->`).
const SCRIPT_END = /<\/script\b[^>]*>/gi;
const LD_JSON = /^<script\b[^>]*application\/ld\+json/i;
const COMMENT_END = /-->/g;

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
