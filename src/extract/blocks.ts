import type { Block, BlockKind } from '../model/article.ts';
import { closestByTag, elementsByTag, firstByTag } from './dom.ts';
import { sanitizeFragment } from './sanitize.ts';

/** A picture met while walking the body, with the number of text blocks that came before it. */
export interface FoundFigure {
  element: Element;
  blockIndex: number;
}

export interface BodyBlocks {
  blocks: Block[];
  figures: FoundFigure[];
  /** For each block, how many of its characters sat inside links. */
  links: number[];
}

export function emptyBody(): BodyBlocks {
  return { blocks: [], figures: [], links: [] };
}

/** Share of the body's characters that sit inside links. */
export function linkDensity(body: BodyBlocks): number {
  let text = 0;
  let linked = 0;
  body.blocks.forEach((b, i) => {
    text += b.text.length;
    linked += body.links[i] ?? 0;
  });
  return text === 0 ? 0 : linked / text;
}

/** Lower-case tag name: Readability creates its wrappers as `DIV`, and linkedom keeps that case. */
function tagOf(el: Element): string {
  return el.localName.toLowerCase();
}

const HEADINGS: Record<string, BlockKind> = { h1: 'h2', h2: 'h2', h3: 'h3', h4: 'h3', h5: 'h3', h6: 'h3' };

/**
 * Elements that start a new block; anything else is inline and joins the paragraph around it.
 * Table parts are blocks too: Readability often hands back a page's layout cell (`td`) or row
 * without its table, and read as inline, a whole article and its data tables ran into one
 * paragraph with the cells glued together ("Herbert Dürr6316.6%").
 */
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'blockquote',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'pre',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'td',
  'th',
  'figure',
  'figcaption',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'address',
  'details',
  'summary',
  'center',
  'form',
  'fieldset',
  'picture',
  'video',
  'audio',
]);

/** Elements whose text is never body text (`rt`/`rp`: the reading aids of Japanese ruby text). */
const SKIPPED_TAGS = new Set([
  'figcaption',
  'rt',
  'rp',
  'script',
  'style',
  'noscript',
  'template',
  'button',
  'svg',
  'video',
  'audio',
]);

/**
 * Turns an article element into ordered blocks: paragraphs, headings, quotes, list items,
 * preformatted text and tables (with sanitized HTML). Figures are collected, not written: their
 * captions belong to the image, not the text.
 */
export function blocksFromElement(root: Element): BodyBlocks {
  const state = emptyBody();
  walkContainer(root, state, 'p');
  return state;
}

/** Walks a container: block children become blocks, runs of inline content become one block. */
function walkContainer(container: Element, state: BodyBlocks, inlineKind: BlockKind): void {
  let run: Node[] = [];
  const flush = () => {
    if (run.length > 0) pushInline(run, state, inlineKind);
    run = [];
  };
  for (const node of [...container.childNodes]) {
    if (node.nodeType === 1 && BLOCK_TAGS.has(tagOf(node as Element))) {
      flush();
      walkBlock(node as Element, state, inlineKind);
    } else if (node.nodeType === 1 && tagOf(node as Element) === 'br' && nextIsBr(node)) {
      // A double <br> is how older pages separate paragraphs.
      flush();
    } else if (node.nodeType === 1 || node.nodeType === 3) {
      run.push(node);
    }
  }
  flush();
}

function nextIsBr(node: Node): boolean {
  let next = node.nextSibling;
  while (next && next.nodeType === 3 && !next.textContent?.trim()) next = next.nextSibling;
  return next?.nodeType === 1 && tagOf(next as Element) === 'br';
}

function walkBlock(el: Element, state: BodyBlocks, inlineKind: BlockKind): void {
  const tag = tagOf(el);
  if (SKIPPED_TAGS.has(tag) || tag === 'hr') return;
  if (tag === 'figure' || tag === 'picture') {
    if (firstByTag(el, IMG)) state.figures.push({ element: el, blockIndex: state.blocks.length });
    // A figure may still hold a quote or a table (pull quotes, data figures); captions are skipped.
    walkContainer(el, state, inlineKind);
    return;
  }
  const heading = HEADINGS[tag];
  if (heading) pushText(el, heading, state);
  else if (isDateLine([...el.childNodes])) return;
  else if (PARAGRAPH_TAGS.has(tag) && !hasBlockChild(el)) pushText(el, inlineKind, state);
  else if (tag === 'blockquote') walkContainer(el, state, 'quote');
  else if (tag === 'ul' || tag === 'ol') walkList(el, state, inlineKind);
  else if (tag === 'li') walkContainer(el, state, 'li');
  else if (tag === 'pre') pushPre(el, state);
  else if (tag === 'table' && !isLayoutTable(el)) pushTable(el, state);
  else if (tag === 'table') walkLayoutTable(el, state, inlineKind);
  else walkContainer(el, state, inlineKind);
}

/** Tags whose inline content is one paragraph. */
const PARAGRAPH_TAGS = new Set(['p', 'dt', 'dd', 'address', 'summary']);

function walkList(list: Element, state: BodyBlocks, inlineKind: BlockKind): void {
  for (const item of list.children) walkBlock(item, state, tagOf(item) === 'li' ? 'li' : inlineKind);
}

function hasBlockChild(el: Element): boolean {
  for (const child of el.children) if (BLOCK_TAGS.has(tagOf(child))) return true;
  return false;
}

function pushInline(nodes: Node[], state: BodyBlocks, kind: BlockKind): void {
  if (isDateLine(nodes)) return;
  let text = '';
  let linkChars = 0;
  for (const node of nodes) {
    text += inlineText(node);
    linkChars += linkTextLength(node);
  }
  addBlock(state, kind, text, linkChars);
}

/** A run made of nothing but `<time>` is the article's date line, which is metadata, not text. */
function isDateLine(nodes: Node[]): boolean {
  let sawTime = false;
  for (const node of nodes) {
    if (node.nodeType === 3 && !node.textContent?.trim()) continue;
    if (node.nodeType !== 1 || tagOf(node as Element) !== 'time') return false;
    sawTime = true;
  }
  return sawTime;
}

function pushText(el: Element, kind: BlockKind, state: BodyBlocks): void {
  addBlock(state, kind, inlineText(el), linkTextLength(el));
}

function addBlock(state: BodyBlocks, kind: BlockKind, raw: string, linkChars: number): void {
  const text = cleanText(raw);
  if (!text) return;
  state.blocks.push({ kind, text });
  state.links.push(Math.min(linkChars, text.length));
}

/** Text of inline content; `<br>` becomes a line break, captions and hidden parts are left out. */
function inlineText(node: Node): string {
  // Line breaks in the source are white space; only <br> breaks a line.
  if (node.nodeType === 3) return (node.textContent ?? '').replace(/\s+/g, ' ');
  if (node.nodeType !== 1) return '';
  const el = node as Element;
  if (tagOf(el) === 'br') return '\n';
  if (SKIPPED_TAGS.has(tagOf(el))) return '';
  let text = '';
  for (const child of el.childNodes) text += inlineText(child);
  // Inline-level blocks met inside a paragraph (a stray <div> in a <p>) still separate words.
  return BLOCK_TAGS.has(tagOf(el)) ? ` ${text} ` : text;
}

function linkTextLength(node: Node): number {
  if (node.nodeType !== 1) return 0;
  const el = node as Element;
  if (tagOf(el) === 'a') return (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  let total = 0;
  for (const a of elementsByTag(el, A)) total += (a.textContent ?? '').replace(/\s+/g, ' ').trim().length;
  return total;
}

/** Collapses white space inside lines, keeps single line breaks (from <br>), trims. */
export function cleanText(text: string): string {
  return text
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t\r\f\v\u200b]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

function pushPre(el: Element, state: BodyBlocks): void {
  const text = (el.textContent ?? '').replace(/^\n+|\s+$/g, '');
  if (!text.trim()) return;
  state.blocks.push({ kind: 'pre', text });
  state.links.push(0);
}

const IMG = new Set(['img']);
const A = new Set(['a']);
const TABLE = new Set(['table']);
const TD = new Set(['td']);
const TR = new Set(['tr']);
const CELLS = new Set(['td', 'th']);
const CAPTION = new Set(['caption']);
/** A table with one of these is a data table. */
const DATA_TABLE_MARKS = new Set(['th', 'caption', 'thead']);
/** A cell holding one of these is a layout cell. */
const LAYOUT_CELL_CONTENT = new Set(['p', 'div', 'ul', 'ol', 'h1', 'h2', 'h3', 'blockquote']);

/**
 * A table used for layout (old sites put the whole page in one) is walked like a container; a
 * data table becomes one block with its text (cells by tabs, rows by lines) and sanitized HTML.
 */
function isLayoutTable(table: Element): boolean {
  if (table.getAttribute('role') === 'presentation') return true;
  if (firstByTag(table, TABLE)) return true;
  if (firstByTag(table, DATA_TABLE_MARKS)) return false;
  for (const cell of elementsByTag(table, TD)) {
    if (firstByTag(cell, LAYOUT_CELL_CONTENT)) return true;
    if ((cell.textContent ?? '').length > 400) return true;
  }
  return elementsByTag(table, TR).length < 2;
}

function walkLayoutTable(table: Element, state: BodyBlocks, inlineKind: BlockKind): void {
  for (const cell of elementsByTag(table, CELLS)) {
    if (closestByTag(cell, TABLE) === table) walkContainer(cell, state, inlineKind);
  }
}

function pushTable(table: Element, state: BodyBlocks): void {
  const rows: string[] = [];
  for (const row of elementsByTag(table, TR)) {
    const cells = [...row.children].filter((c) => tagOf(c) === 'td' || tagOf(c) === 'th');
    const line = cells.map((c) => cleanText(c.textContent ?? '').replace(/\n/g, ' ')).join('\t');
    if (line.trim()) rows.push(line);
  }
  const caption = cleanText(firstByTag(table, CAPTION)?.textContent ?? '');
  const text = [caption, ...rows].filter(Boolean).join('\n');
  if (!text) return;
  state.blocks.push({ kind: 'table', text, html: sanitizeFragment(table.outerHTML) });
  state.links.push(0);
}
