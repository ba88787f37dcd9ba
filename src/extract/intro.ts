import { cleanText } from './blocks.ts';
import { classWords } from './boilerplate.ts';
import { closestByTag, elementsByTag, firstWhere } from './dom.ts';
import { INTRO_MAX_CHARS, INTRO_MIN_CHARS, INTRO_WORDS } from './tuning.ts';

/** A paragraph this long after the title is body text: the intro must come before it. */
const FIRST_PARAGRAPH_CHARS = 150;

/** How far past the title the intro is looked for, in elements. */
const MAX_ELEMENTS_AFTER_TITLE = 200;

/** Tags an intro paragraph is written in. */
const INTRO_TAGS = new Set(['p', 'div', 'h2', 'span', 'section']);

const ARTICLE_OR_MAIN = new Set(['article', 'main']);
/** An intro inside these is a link, a menu, a box or a caption. */
const NOT_AN_INTRO = new Set(['a', 'nav', 'aside', 'figure', 'footer']);
const H1 = new Set(['h1']);
const A = new Set(['a']);

/**
 * The article's intro paragraph when the page marks it as such (class `intro`, `lead`, `teaser`,
 * `standfirst`, `dek`… or itemprop `description`) right after the title. Must run before
 * Readability, which moves the body out of the document.
 */
export function findIntro(document: Document, title: string): string | undefined {
  const h1 = titleHeading(document, title);
  const scope = (h1 && closestByTag(h1, ARTICLE_OR_MAIN)) ?? document.body;
  if (!h1 || !scope) return undefined;
  // Walked in document order (linkedom's compareDocumentPosition is not reliable): only the
  // elements between the title and the first real paragraph count, because teasers further down
  // belong to other articles and an "intro" class after the text has started is a box.
  // The walk stops where the search does, rather than listing the whole scope first.
  let afterTitle = false;
  let seen = 0;
  let intro: string | undefined;
  firstWhere(scope, (el) => {
    if (!afterTitle) {
      afterTitle = el === h1;
      return false;
    }
    if (h1.contains(el)) return false;
    if (++seen > MAX_ELEMENTS_AFTER_TITLE) return true;
    intro = introText(el);
    if (intro) return true;
    return el.localName === 'p' && (el.textContent ?? '').length >= FIRST_PARAGRAPH_CHARS;
  });
  return intro;
}

function introText(el: Element): string | undefined {
  if (!INTRO_TAGS.has(el.localName)) return undefined;
  const marked = el.getAttribute('itemprop') === 'description' || classWords(el).some((w) => INTRO_WORDS.has(w));
  // The ancestor test last: linkedom compiles the selector on every call, and few elements are marked.
  if (!marked || closestByTag(el, NOT_AN_INTRO)) return undefined;
  const text = cleanText(el.textContent ?? '').replace(/\n/g, ' ');
  if (text.length < INTRO_MIN_CHARS || text.length > INTRO_MAX_CHARS || linkHeavy(el, text.length)) return undefined;
  return text;
}

/**
 * The h1 that carries the title: pages also use h1 for the site name or a hidden "Navigation"
 * label. The one sharing most words with the page title wins; ties go to the first.
 */
function titleHeading(document: Document, title: string): Element | undefined {
  const titleWords = new Set(words(title));
  let best: Element | undefined;
  let bestScore = -1;
  for (const h1 of elementsByTag(document, H1)) {
    const score = words(h1.textContent ?? '').filter((w) => titleWords.has(w)).length;
    if (score > bestScore) {
      best = h1;
      bestScore = score;
    }
  }
  return best;
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function linkHeavy(el: Element, length: number): boolean {
  let linked = 0;
  for (const a of elementsByTag(el, A)) linked += (a.textContent ?? '').length;
  return linked > length / 2;
}
