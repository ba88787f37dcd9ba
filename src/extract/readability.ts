import { Readability } from '@mozilla/readability';
import { elementsByTag, elementsNamed, onlySpace } from './dom.ts';
import { READABILITY_CHAR_THRESHOLD, READABILITY_TOP_CANDIDATES } from './tuning.ts';

/** What the cascade takes from Readability: its article element and its metadata fallbacks. */
export interface ReadabilityResult {
  content: Element | null;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
}

/**
 * The two per-node tests of Readability's main loop, answered as Readability 0.6 answers them
 * but without its cost on linkedom. Readability asks every node for `node.style.display` and
 * `node.style.visibility`: linkedom builds a CSSStyleDeclaration (a Map behind a Proxy) for each
 * element and re-parses its style attribute on every read, a sixteenth of extraction. And it reads
 * the whole `textContent` of every node before testing whether the node could be a byline at all.
 * Same answers (test/extract/readability.test.ts compares them with Readability's own on every
 * element of a page), a fraction of the work. Readability 0.6 is pinned in package.json; the
 * test fails if a new version renames these methods.
 *
 * Its tag queries too: `_getAllNodesWithTag` asks `querySelectorAll('p,img')`, which linkedom
 * hands to css-select, compiling the selector on every call (dozens per page); a walk by tag
 * name (dom.ts) returns the same elements in the same order.
 */
export const fastChecks = {
  _isProbablyVisible(node: Element): boolean {
    const style = node.getAttribute('style');
    if (style !== null) {
      const declared = parseStyle(style);
      if (declared.get('display') === 'none' || declared.get('visibility') === 'hidden') return false;
    }
    if (node.hasAttribute('hidden')) return false;
    if (node.getAttribute('aria-hidden') !== 'true') return true;
    // Readability keeps Wikimedia's math images, which are aria-hidden.
    const className = node.className;
    return Boolean(className?.includes?.('fallback-image'));
  },

  _isValidByline(this: { REGEXPS: { byline: RegExp } }, node: Element, matchString: string): boolean {
    const rel = node.getAttribute('rel');
    const itemprop = node.getAttribute('itemprop');
    if (!(rel === 'author' || itemprop?.includes('author') || this.REGEXPS.byline.test(matchString))) return false;
    const length = (node.textContent ?? '').trim().length;
    return length > 0 && length < 100;
  },

  _getAllNodesWithTag(node: Element | Document, tagNames: string[]): Element[] {
    return elementsByTag(node, tagSet(tagNames));
  },

  /**
   * Readability 0.6's own, but the emptiness test stops at the first character that is not white
   * space instead of building the element's whole text (asked of every div, section and heading),
   * and the `<br>` and `<hr>` are counted on the node list.
   */
  _isElementWithoutContent(node: Element): boolean {
    if (node.nodeType !== 1 || !onlySpace(node)) return false;
    const children = node.children.length;
    return !children || children === elementsNamed(node, 'br').length + elementsNamed(node, 'hr').length;
  },

  /**
   * Readability 0.6's own, line for line, but for the links: `getElementsByTagName('a')`
   * upper-cases the name of every other element it passes on linkedom, and Readability asks this
   * of every candidate and every block it cleans.
   */
  _getLinkDensity(
    this: { REGEXPS: { hashUrl: RegExp }; _getInnerText(e: Element, normalizeSpaces?: boolean): string },
    element: Element,
  ): number {
    const textLength = this._getInnerText(element).length;
    if (textLength === 0) return 0;
    let linkLength = 0;
    for (const linkNode of elementsNamed(element, 'a')) {
      const href = linkNode.getAttribute('href');
      const coefficient = href && this.REGEXPS.hashUrl.test(href) ? 0.3 : 1;
      linkLength += this._getInnerText(linkNode).length * coefficient;
    }
    return linkLength / textLength;
  },
};

const tagSets = new Map<string, ReadonlySet<string>>();

/** Readability asks for a few fixed lists of tags: their sets are made once. */
function tagSet(tagNames: string[]): ReadonlySet<string> {
  const key = tagNames.join(',');
  let set = tagSets.get(key);
  if (!set) {
    set = new Set(tagNames.map((t) => t.toLowerCase()));
    if (tagSets.size < 256) tagSets.set(key, set);
  }
  return set;
}

/** An inline style as linkedom reads it: `;`-separated `name: value`, trimmed, the last one wins. */
function parseStyle(style: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const rule of style.split(/\s*;\s*/)) {
    const [key = '', ...rest] = rule.split(':');
    if (rest.length === 0) continue;
    const name = key.trim();
    const value = rest.join(':').trim();
    if (name && value) map.set(name, value);
  }
  return map;
}

/** Readability (mozilla/readability 0.6 on linkedom) over a prepared document; null when it finds nothing. */
export function runReadability(document: Document): ReadabilityResult | null {
  try {
    const reader = new Readability<Element>(document, {
      serializer: (node) => node as Element,
      keepClasses: true,
      charThreshold: READABILITY_CHAR_THRESHOLD,
      nbTopCandidates: READABILITY_TOP_CANDIDATES,
    });
    Object.assign(reader, fastChecks);
    return parseContent(reader as unknown as ReaderSteps);
  } catch {
    // Readability throws on a few degenerate documents; the rescues still get their chance.
    return null;
  }
}

/** The steps of Readability 0.6's `parse()`, as this module calls them. */
interface ReaderSteps {
  _doc: Document;
  _disableJSONLD: boolean;
  _metadata: unknown;
  _articleTitle: string | null;
  _articleByline: string | null;
  _articleSiteName: string | null;
  _unwrapNoscriptImages(doc: Document): void;
  _getJSONLD(doc: Document): object;
  _removeScripts(doc: Document): void;
  _prepDocument(): void;
  _getArticleMetadata(jsonLd: object): ArticleMetadata;
  _grabArticle(): Element | null;
  _postProcessContent(content: Element): void;
}

interface ArticleMetadata {
  title: string | null;
  byline?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
}

/**
 * Readability 0.6's `parse()`, step by step, without what Meridian does not read: it serialises
 * the whole article for a debug line even when logging is off, then takes the article's full
 * text and its first paragraph's (for `textContent`, `length` and `excerpt`), three walks of the
 * article per page. The steps and their order are parse()'s own (maxElemsToParse is not set
 * here, so its check is left out); test/extract/readability.test.ts checks that parse() still
 * calls them in this order and that the result is the same as parse()'s.
 */
export function parseContent(reader: ReaderSteps): ReadabilityResult | null {
  reader._unwrapNoscriptImages(reader._doc);
  const jsonLd = reader._disableJSONLD ? {} : reader._getJSONLD(reader._doc);
  reader._removeScripts(reader._doc);
  reader._prepDocument();
  const metadata = reader._getArticleMetadata(jsonLd);
  reader._metadata = metadata;
  reader._articleTitle = metadata.title;
  const content = reader._grabArticle();
  if (!content) return null;
  reader._postProcessContent(content);
  return {
    content,
    title: reader._articleTitle ?? null,
    byline: (metadata.byline || reader._articleByline) ?? null,
    siteName: (metadata.siteName || reader._articleSiteName) ?? null,
    publishedTime: metadata.publishedTime ?? null,
  };
}
