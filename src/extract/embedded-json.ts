import { type BodyBlocks, blocksFromElement, cleanText, emptyBody } from './blocks.ts';
import { parseDocument } from './parse.ts';
import {
  EMBEDDED_JSON_MAX_CHARS,
  EMBEDDED_JSON_MAX_SOURCES,
  EMBEDDED_PROSE_MIN_CHARS,
  EMBEDDED_TITLE_KEYS,
} from './tuning.ts';

/**
 * The last rescue, for pages rendered in the browser: their article text is not in the DOM at all
 * but in the JSON the page's script will render it from (a `__NEXT_DATA__` or other
 * `application/json` script, a `window.__STATE__ = {…}` assignment, a `data-react-props` or
 * `data-props` attribute). The JSON of such a page also holds the related articles, teasers and
 * settings, so the article is the object whose title field (`title`, `headline`, `name`) is the
 * page's title, and its body is the prose strings under that object, in order. Without an object
 * named by the title there is no rescue: a neighbour's text is worse than "no article".
 */
export function blocksFromEmbeddedJson(html: string, titles: string[]): BodyBlocks {
  const wanted = new Set(titles.map(letters).filter((t) => t.length >= 8));
  if (wanted.size === 0) return emptyBody();
  // Several objects may carry the title (a JSON-LD node, a teaser of the same page, the article
  // itself): the one with the most prose is the article.
  let best: string[] = [];
  let bestLength = 0;
  for (const root of embeddedJson(html)) {
    for (const article of titled(root, wanted)) {
      const prose: string[] = [];
      collectProse(article, prose);
      const length = prose.reduce((sum, p) => sum + p.length, 0);
      if (length > bestLength) {
        best = prose;
        bestLength = length;
      }
    }
  }
  return proseBlocks(best);
}

/** Letters and digits only, lower-cased, in any script. */
function letters(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\b[^>]*>/gi;
/** `window.__STATE__ = {…};` and the like: an assignment of an object literal that is valid JSON. */
const ASSIGNMENT = /^\s*(?:(?:var|let|const)\s+)?[\w$.[\]'"]+\s*=\s*(?=[{[])/;
const JSON_ATTRIBUTE = /\sdata-[\w-]*(?:props|state|data|json)[\w-]*\s*=\s*(["'])\s*[{[]/gi;

/** Every JSON value the page embeds, scripts first, each parsed lazily and within size caps. */
function* embeddedJson(html: string): Generator<unknown> {
  let sources = 0;
  for (const match of html.matchAll(SCRIPT)) {
    const attributes = match[1] ?? '';
    let text = (match[2] ?? '').trim();
    if (/\bsrc\s*=/i.test(attributes) || text.length < EMBEDDED_PROSE_MIN_CHARS) continue;
    if (text.length > EMBEDDED_JSON_MAX_CHARS || ++sources > EMBEDDED_JSON_MAX_SOURCES) continue;
    const assigned = ASSIGNMENT.exec(text);
    if (assigned) text = text.slice(assigned[0].length).replace(/;\s*$/, '');
    if (!text.startsWith('{') && !text.startsWith('[')) continue;
    const value = parseJson(text);
    if (value !== undefined) yield value;
  }
  // Attributes hold their JSON entity-escaped; the parser decodes it.
  if (!JSON_ATTRIBUTE.test(html)) return;
  const document = parseDocument(html);
  for (const el of document.querySelectorAll('*')) {
    for (const { name, value } of [...el.attributes]) {
      if (!name.startsWith('data-') || value.length < EMBEDDED_PROSE_MIN_CHARS) continue;
      if (value.length > EMBEDDED_JSON_MAX_CHARS || ++sources > EMBEDDED_JSON_MAX_SOURCES) continue;
      const trimmed = value.trim();
      if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) continue;
      const parsed = parseJson(trimmed);
      if (parsed !== undefined) yield parsed;
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Every object under `root` whose title field is one of `wanted`. */
function titled(root: unknown, wanted: Set<string>): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (!value || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      stack.push(...value);
      continue;
    }
    const node = value as Record<string, unknown>;
    if (TITLE_KEYS.some((key) => typeof node[key] === 'string' && wanted.has(letters(node[key] as string)))) {
      found.push(node);
    }
    stack.push(...Object.values(node));
  }
  return found;
}

const TITLE_KEYS: readonly string[] = EMBEDDED_TITLE_KEYS;

/** A string that reads as text: long enough, with spaces or CJK, and not a URL, a date or markup-free code. */
function isProse(value: string): boolean {
  if (value.length < EMBEDDED_PROSE_MIN_CHARS || /^(?:https?:)?\/\//.test(value)) return false;
  const text = value.includes('<') ? value.replace(/<[^>]*>/g, ' ') : value;
  return /\p{L}{2,}[\s\u3000]+\p{L}{2,}|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{8}/u.test(
    text,
  );
}

/** Prose strings under `value`, depth first in key order (the order the page would render them in); titles are fields, not body. */
function collectProse(value: unknown, out: string[]): void {
  if (typeof value === 'string') {
    // An image's alt text and caption often repeat one line: once is enough.
    if (isProse(value) && !out.includes(value)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectProse(item, out);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) if (!TITLE_KEYS.includes(key)) collectProse(item, out);
  }
}

/** Prose strings as blocks: HTML through the block walker, plain text one paragraph per line. */
function proseBlocks(prose: string[]): BodyBlocks {
  const body = emptyBody();
  for (const text of prose) {
    if (/<\/?[a-z][^>]*>/i.test(text)) {
      const document = parseDocument(`<!doctype html><html><body><div>${text}</div></body></html>`);
      const part = blocksFromElement(document.body?.firstElementChild ?? document.body!);
      body.blocks.push(...part.blocks);
      body.links.push(...part.links);
      continue;
    }
    for (const line of text.split(/\n+/)) {
      const clean = cleanText(line);
      if (!clean) continue;
      body.blocks.push({ kind: 'p', text: clean });
      body.links.push(0);
    }
  }
  return body;
}
