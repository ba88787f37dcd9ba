import { parseHTML } from 'linkedom';

/** Parsing helpers shared by the extractor and its baseline rescue. */

const INERT_SCRIPT = /<script\b[^>]*>[\s\S]*?<\/script\s*>/gi;
const LD_JSON = /^<script\b[^>]*application\/ld\+json/i;
const INERT_ELEMENT = /<(style|svg|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;

/**
 * Scripts (other than JSON-LD), styles, inline SVG and comments are often most of a page's bytes
 * and never article text: cutting them out of the string before parsing halves the DOM work.
 */
export function stripInertMarkup(html: string): string {
  return html
    .replace(INERT_SCRIPT, (m) => (LD_JSON.test(m.slice(0, 200)) ? m : ''))
    .replace(INERT_ELEMENT, '')
    .replace(HTML_COMMENT, '');
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
  const source = ensureDocument(stripInertMarkup(html));
  return { source, document: parseDocument(source) };
}

/** Parses a page; a document linkedom could not give a root element is parsed again as a fragment. */
export function parseDocument(html: string): Document {
  const { document } = parseHTML(html);
  if (document.documentElement && document.body) return document as unknown as Document;
  return parseHTML(`<!doctype html><html><body>${html}</body></html>`).document as unknown as Document;
}
