import { elementsByTag, firstByTag, firstWhere, hasTag, textLength } from './dom.ts';
import {
  BOILERPLATE_MAX_SHARE,
  BOILERPLATE_ROLES,
  BOILERPLATE_WORDS,
  COMMENT_WORDS,
  CONTENT_HEAD_WORDS,
  CONTENT_NAME_WORDS,
  FURNITURE_CLASS,
  HIDDEN_PROSE_CHARS,
  HIDDEN_STYLE,
  LIVE_COVERAGE_WORDS,
  PHRASE_CONTEXT_CHARS,
  PROSE_PARAGRAPH_CHARS,
  PROSE_PARAGRAPHS,
  PROSE_TEXT_CHARS,
  REMOVED_TAGS,
  SMALL_BOILERPLATE_WORDS,
  SMALL_ELEMENT_CHARS,
  WEAK_BOILERPLATE_WORDS,
} from './tuning.ts';

/** Elements that hold the article itself: never removed, whatever their class says. */
const PROTECTED_TAGS = new Set(['html', 'body', 'main', 'article']);

/**
 * Removes page furniture before Readability scores the page: tags that never hold article text,
 * hidden elements, ARIA landmarks of navigation, and elements whose class or id words say
 * "comments", "related", "newsletter", "cookie", "ad"... Readability's own "unlikely candidates"
 * pass only runs on its first attempt and keeps anything that looks like a paragraph; removing the
 * furniture first is what keeps comment threads and related-link lists out.
 */
export function removeBoilerplate(document: Document): void {
  const body = document.body;
  if (!body) return;
  const pageChars = textLength(body) || 1;
  walk(body, pageChars);
}

function walk(parent: Element, pageChars: number): void {
  for (const child of [...parent.children]) {
    if (!child.parentNode) continue;
    if (furnitureReason(child, pageChars)) child.remove();
    else if (child.parentNode) walk(child, pageChars);
  }
}

/** Why an element is furniture (`tag:nav`, `word:share`…), or undefined when it may hold text. */
export function furnitureReason(el: Element, pageChars: number): string | undefined {
  const tag = el.localName;
  if (tag === 'noscript' && holdsProse(el)) {
    unwrap(el);
    return undefined;
  }
  if (REMOVED_TAGS.has(tag)) return holdsArticle(el, pageChars) ? undefined : `tag:${tag}`;
  if (PROTECTED_TAGS.has(tag)) return undefined;
  if (isHidden(el)) {
    // Counted without the indentation: hidden MathML written one token per line is mostly spaces.
    if (collapsedLength(el.textContent ?? '') < HIDDEN_PROSE_CHARS || !holdsProse(el)) return 'hidden';
    unhide(el);
  }
  const role = el.getAttribute('role');
  if (role && BOILERPLATE_ROLES.has(role)) {
    // A "banner" (page header) full of paragraphs is a theme that put the whole page in it.
    const kept = holdsArticle(el, pageChars) || (role === 'banner' && holdsProse(el));
    return kept ? undefined : `role:${role}`;
  }
  const raw = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  // Most class names hold none of the words: a substring test spares splitting them.
  if (!ANY_CLASS_WORD.test(raw) && !FURNITURE_CLASS.test(raw)) return undefined;
  const names = namesOf(raw);
  if (names.length === 0 || inRunningText(el)) return undefined;
  const strong = findWord(names, BOILERPLATE_WORDS);
  const weak = strong ? undefined : findWord(names, WEAK_BOILERPLATE_WORDS);
  if (strong || weak) {
    if (hasContentName(names) || isProtectedContainer(el) || textLength(el) >= pageChars * BOILERPLATE_MAX_SHARE)
      return undefined;
    if (weak && (holdsProse(el) || isProseParagraph(el))) return undefined;
    return strong ? `word:${strong}` : `weak:${weak}`;
  }
  if (FURNITURE_CLASS.test(raw)) {
    return isProtectedContainer(el) ? undefined : 'class:furniture';
  }
  // No content-head exception here: `caption-text` is still a caption.
  const small = names.flat().find((w) => SMALL_BOILERPLATE_WORDS.has(w));
  if (small && textLength(el) < SMALL_ELEMENT_CHARS && !firstByTag(el, SMALL_CONTENT_TAGS)) {
    return `small:${small}`;
  }
  return undefined;
}

/** What a small element must not hold to be removed as a widget label. */
const SMALL_CONTENT_TAGS = new Set(['p', 'img', 'figure', 'table']);

/** Inline elements that can carry words of a sentence. */
const PHRASE_TAGS = new Set(['a', 'span', 'em', 'i', 'b', 'strong', 'u', 'abbr', 'cite', 'q', 'mark', 'small']);

/**
 * A link or span inside a sentence (`… a conviction that <a class="popup">the easiest way of life
 * is the best</a>. Hence …`): its class names a widget, not furniture, and removing it would cut
 * words out of the paragraph. Its parent holds running text of its own beside it.
 */
function inRunningText(el: Element): boolean {
  if (!PHRASE_TAGS.has(el.localName)) return false;
  const parent = el.parentElement;
  if (!parent || !PHRASE_PARENTS.has(parent.localName)) return false;
  let text = 0;
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 3) text += (node.textContent ?? '').trim().length;
  }
  return text >= PHRASE_CONTEXT_CHARS;
}

/** Where running text is written. */
const PHRASE_PARENTS = new Set(['p', 'li', 'blockquote', 'dd', 'td', 'div', 'em', 'i', 'b', 'strong']);

/** Length of a text with every run of white space counted as one character. */
function collapsedLength(text: string): number {
  let length = 0;
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const isSpace = code === 32 || (code >= 9 && code <= 13) || code === 160;
    if (!isSpace) length++;
    else if (!space) length++;
    space = isSpace;
  }
  return length;
}

function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return style !== null && HIDDEN_STYLE.test(style);
}

/**
 * Pages rendered by scripts often repeat their article in `<noscript>`: keep that text, as the
 * children of the noscript's parent (Readability removes every noscript element).
 */
function unwrap(el: Element): void {
  const parent = el.parentNode;
  if (!parent) return;
  while (el.firstChild) parent.insertBefore(el.firstChild, el);
  el.remove();
}

/** Readability skips hidden nodes too: a revealed article must lose its hiding attributes. */
function unhide(el: Element): void {
  el.removeAttribute('hidden');
  el.removeAttribute('aria-hidden');
  el.removeAttribute('style');
}

/** Several real paragraphs inside: an article (or part of one), whatever the wrapper's class says. */
function holdsProse(el: Element): boolean {
  let count = 0;
  for (const p of elementsByTag(el, P)) {
    if (textLength(p) >= PROSE_PARAGRAPH_CHARS && ++count >= PROSE_PARAGRAPHS) return true;
  }
  const total = textLength(el);
  if (total < PROSE_TEXT_CHARS) return false;
  let linked = 0;
  for (const a of elementsByTag(el, A)) linked += textLength(a);
  return total - linked >= PROSE_TEXT_CHARS;
}

/**
 * A paragraph of prose itself, whatever its class says: CSS-in-JS class names are generated from
 * style fragments (`tagStyle_z4kqwb-o_O-style_1tcx`) whose words mean nothing.
 */
function isProseParagraph(el: Element): boolean {
  if (el.localName !== 'p') return false;
  const length = textLength(el);
  if (length < PROSE_PARAGRAPH_CHARS) return false;
  let linked = 0;
  for (const a of elementsByTag(el, A)) linked += textLength(a);
  return linked < length / 2;
}

/**
 * A landmark that wraps the article after all: it contains an article element or the title, or
 * (markup broken so badly that the parser nested the page inside a <footer>) most of the page.
 * Cheap tags (script, style, svg) are never checked.
 */
function holdsArticle(el: Element, pageChars: number): boolean {
  if (!CONTAINER_TAGS.has(el.localName)) return false;
  return isProtectedContainer(el) || textLength(el) >= pageChars * BOILERPLATE_MAX_SHARE;
}

/** Removed tags that can wrap other content. */
const CONTAINER_TAGS = new Set(['nav', 'aside', 'footer', 'menu', 'dialog', 'div', 'section', 'ul']);

/** A wrapper that holds the article (some sites put the whole page in `<aside>` or a `nav` class). */
function isProtectedContainer(el: Element): boolean {
  return firstWhere(el, (e) => hasTag(e, ARTICLE_MARKS) || e.getAttribute('itemprop') === 'articleBody') !== null;
}

/** `article, main, [itemprop="articleBody"], h1`: the tags of that test. */
const ARTICLE_MARKS = new Set(['article', 'main', 'h1']);
const P = new Set(['p']);
const A = new Set(['a']);

/** One of the classes names the article itself (`l-sidebar-fixed l-article-body-segment`). */
function hasContentName(names: string[][]): boolean {
  return names.some(
    (name) =>
      name.some((w) => CONTENT_NAME_WORDS.has(w)) &&
      !name.some((w) => BOILERPLATE_WORDS.has(w) || WEAK_BOILERPLATE_WORDS.has(w)),
  );
}

/** The first furniture word of any class name (or the id) whose head is not a content word. */
function findWord(names: string[][], words: Set<string>): string | undefined {
  for (const name of names) {
    const head = name[name.length - 1];
    if (head && CONTENT_HEAD_WORDS.has(head)) continue;
    const live = name.some((w) => LIVE_COVERAGE_WORDS.has(w));
    const hit = name.find((w) => words.has(w) && !(live && COMMENT_WORDS.has(w)));
    if (hit) return hit;
  }
  return undefined;
}

/** `relatedArticles share-bar` → [[related, articles], [share, bar]]; the id is one more name. */
export function classNames(el: Element): string[][] {
  return namesOf(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`);
}

/**
 * Every furniture word as a substring, case-insensitive: a class string without one of them has
 * no furniture word once split (splitting only cuts and lower-cases).
 */
const ANY_CLASS_WORD = new RegExp(
  [...BOILERPLATE_WORDS, ...WEAK_BOILERPLATE_WORDS, ...SMALL_BOILERPLATE_WORDS]
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'i',
);

function namesOf(classAndId: string): string[][] {
  const raw = classAndId.trim();
  if (!raw) return [];
  return raw
    .split(/\s+/)
    .map((name) =>
      name
        .replace(/([a-z])([A-Z])/g, '$1 $2')
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length > 1),
    )
    .filter((words) => words.length > 0);
}

/** All class and id words of an element, flattened. */
export function classWords(el: Element): string[] {
  return classNames(el).flat();
}
