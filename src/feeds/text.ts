/**
 * Feed text to plain text. Titles and descriptions arrive as HTML more often than not (escaped
 * markup in RSS titles, CDATA paragraphs in descriptions), so everything goes through the same
 * path: drop scripts and comments, remove tags (block tags become spaces so words do not glue),
 * decode character references, drop control characters, collapse whitespace.
 */
import { decodeEntities } from './entities.ts';

/** Longest HTML looked at for a summary: the first few screens hold the ~1000 characters we keep. */
const MAX_HTML_SCANNED = 200_000;

const BLOCK_TAG =
  /^(?:p|div|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|thead|tbody|blockquote|figure|figcaption|section|article|aside|header|footer|nav|pre|address|img|video|audio|iframe|source|picture)$/i;

// XML 1.0 forbids these; they show up from copy-pasted Word text and broken encoders.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;
const INVISIBLE = /[\u200B\u200E\u200F\u2060\uFEFF\u00AD]/g;
const WHITESPACE = /[\s\u2028\u2029]+/g;

export function removeControlChars(text: string): string {
  return text.replace(CONTROL_CHARS, '');
}

/** Collapses runs of whitespace (including no-break spaces) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(INVISIBLE, '').replace(WHITESPACE, ' ').trim();
}

export function stripTags(html: string): string {
  const flattened = html
    .replace(/<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g, '$1')
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<(script|style|noscript|template|object|svg|math)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ');
  return withoutCutOffTag(flattened).replace(/<\/?([A-Za-z][\w:-]*)\b[^>]*>/g, (_tag, name: string) =>
    BLOCK_TAG.test(name) ? ' ' : '',
  );
}

/**
 * Drops a tag cut off by a truncated description (`…text <a href="`). Doing it first also means
 * every `<x` left has a `>` after it, which keeps the tag pattern linear on hostile input.
 */
export function withoutCutOffTag(html: string): string {
  const lastClose = html.lastIndexOf('>');
  const tail = html.slice(lastClose + 1);
  const cut = tail.search(/<[A-Za-z/!]/);
  return cut < 0 ? html : html.slice(0, lastClose + 1 + cut);
}

/** HTML (or text that may hold HTML) to one line of plain text. */
export function htmlToText(html: string | undefined): string {
  if (!html) return '';
  const bounded = html.length > MAX_HTML_SCANNED ? html.slice(0, MAX_HTML_SCANNED) : html;
  return collapseWhitespace(removeControlChars(decodeEntities(stripTags(bounded))));
}

/** Cuts at a word boundary near `max` characters and marks the cut with an ellipsis. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  // Never leave half a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  if (space > max * 0.8) cut = cut.slice(0, space);
  return `${cut.replace(/[\s,;:.\-–—]+$/, '')}…`;
}

/** Plain text, capped; undefined when nothing is left. */
export function plainText(html: string | undefined, max: number): string | undefined {
  const text = truncateText(htmlToText(html), max);
  return text === '' ? undefined : text;
}
