import { VOID_ELEMENTS } from '../util/html-elements.ts';

/**
 * Caps how deeply elements nest before a page is parsed. linkedom's parse time grows with the
 * square of the nesting depth: 100,000 nested `<div>`s (a 1.1 MB page) took 15 s to extract, a
 * 5 MB page would take minutes, stalling a worker. Real pages nest well under 100 deep; tags past
 * MAX_DEPTH are dropped (their text stays), so such a page costs what a flat one does.
 */
export const MAX_DEPTH = 1000;
/**
 * Most tags parsed: each costs linkedom and Readability a node (60,000 empty `<div>`s, 1.1 MB,
 * took 4.5 s). News pages have a few thousand once scripts and styles are cut; the rest of a page
 * past this many is dropped.
 */
export const MAX_TAGS = 50_000;

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*?(\/?)>/g;
/** Elements without content, and those whose end tag is optional (`<p>`, `<li>`…: often left open). */
const NO_DEPTH = new Set([
  ...VOID_ELEMENTS,
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'option',
  'optgroup',
  'rb',
  'rt',
  'rp',
  'thead',
  'tbody',
  'tfoot',
  'colgroup',
]);

/** The page cut before its MAX_TAGS-th tag, if it has that many. */
export function capTags(html: string, maxTags = MAX_TAGS): string {
  let tags = 0;
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) if (++tags > maxTags) return html.slice(0, i);
  return html;
}

export function capNesting(html: string, maxDepth = MAX_DEPTH): string {
  // Cheap test first: a page with fewer tags than the cap cannot nest past it.
  let tags = 0;
  for (let i = html.indexOf('<'); i >= 0 && tags <= maxDepth; i = html.indexOf('<', i + 1)) tags++;
  if (tags <= maxDepth) return html;
  if (!nestsDeeperThan(html, maxDepth)) return html;
  let depth = 0;
  return html.replace(TAG, (tag, close: string, name: string, selfClose: string) => {
    if (selfClose || NO_DEPTH.has(name.toLowerCase())) return tag;
    if (close) {
      depth = Math.max(0, depth - 1);
      return depth >= maxDepth ? '' : tag;
    }
    depth++;
    return depth > maxDepth ? '' : tag;
  });
}

/** The depth walk of capNesting without building a new string: most pages pass it untouched. */
function nestsDeeperThan(html: string, maxDepth: number): boolean {
  let depth = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    if (m[3] || NO_DEPTH.has(m[2]!.toLowerCase())) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > maxDepth) return true;
  }
  return false;
}
