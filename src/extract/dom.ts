/**
 * Tree walks that answer what `querySelectorAll('p, li')` answers for a list of tag names, without
 * a selector engine. linkedom hands every querySelector call to css-select, which compiles the
 * selector anew on each call and then asks a chain of adapter functions about every element; for
 * a plain list of tag names that is most of the cost of the query, and Readability alone makes
 * dozens of such queries per page.
 *
 * Same answers as linkedom's querySelectorAll on an HTML document: descendants only (not the root
 * itself), in document order, tag names compared in lower case (Readability creates its wrappers
 * as `DIV`, and linkedom keeps that case), and nothing inside a `<template>` (linkedom skips its
 * content). test/extract/dom.test.ts compares them on every element of a page.
 *
 * linkedom keeps a subtree as a linked list (each node points to the next in document order, and
 * an element to the marker that ends it), which is what its own querySelectorAll walks. Walking it
 * directly visits each node once at the cost of a property read. The two links are found by name
 * on the first node walked, so nothing internal of linkedom is imported; should a linkedom version
 * name them otherwise, the walks fall back to querySelectorAll (same answers, slower), and the test
 * says so.
 */

/** A node as linkedom links it: `next` in document order, `end` the marker after its subtree. */
interface Linked {
  [link: symbol]: Linked | undefined;
  nodeType: number;
  localName?: string;
}

let links: { next: symbol; end: symbol } | null | undefined;

/** linkedom's two links, when `node` has them (undefined until a node is seen, null for another DOM). */
function linksOf(node: object): { next: symbol; end: symbol } | null {
  if (links !== undefined) return links;
  const symbols = Object.getOwnPropertySymbols(node);
  const next = symbols.find((s) => s.description === 'next');
  const end = symbols.find((s) => s.description === 'end');
  const marker = end ? (node as Linked)[end] : undefined;
  links = next && end && marker && typeof marker === 'object' ? { next, end } : null;
  return links;
}

/** Whether the walks use linkedom's links (false: they fall back to querySelectorAll). */
export function walksLinkedList(root: Element | Document): boolean {
  return linksOf(root) !== null;
}

/**
 * Calls `visit` on every element under `root` in document order (not `root` itself, nothing inside
 * a `<template>`) until it returns true; returns the element it stopped at, or null.
 */
function walkUntil(root: Element | Document, visit: (el: Element) => boolean): Element | null {
  const linked = linksOf(root);
  if (!linked) {
    for (const el of root.querySelectorAll('*')) if (visit(el)) return el;
    return null;
  }
  const { next: NEXT, end: END } = linked;
  const stop = (root as unknown as Linked)[END];
  let node = (root as unknown as Linked)[NEXT];
  while (node && node !== stop) {
    if (node.nodeType === 1) {
      if (visit(node as unknown as Element)) return node as unknown as Element;
      node = node.localName === 'template' ? node[END] : node[NEXT];
    } else node = node[NEXT];
  }
  return null;
}

/** Whether the lower-cased tag name of `el` is in `tags`. */
export function hasTag(el: Element, tags: ReadonlySet<string>): boolean {
  const name = el.localName;
  return tags.has(name) || tags.has(name.toLowerCase());
}

/** Descendants of `root` whose lower-cased tag name is in `tags` (given in lower case). */
export function elementsByTag(root: Element | Document, tags: ReadonlySet<string>): Element[] {
  const out: Element[] = [];
  walkUntil(root, (el) => {
    if (hasTag(el, tags)) out.push(el);
    return false;
  });
  return out;
}

/** The first descendant of `root` whose lower-cased tag name is in `tags`, or null. */
export function firstByTag(root: Element | Document, tags: ReadonlySet<string>): Element | null {
  return walkUntil(root, (el) => hasTag(el, tags));
}

/** Calls `visit` on every element under `root`, in document order: one walk for several questions. */
export function forEachElement(root: Element | Document, visit: (el: Element) => void): void {
  walkUntil(root, (el) => {
    visit(el);
    return false;
  });
}

/** Every element under `root`: `querySelectorAll('*')`. */
export function allElements(root: Element | Document): Element[] {
  return elementsWhere(root, () => true);
}

/** Descendants of `root` that pass `test`, in document order. */
export function elementsWhere(root: Element | Document, test: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  walkUntil(root, (el) => {
    if (test(el)) out.push(el);
    return false;
  });
  return out;
}

/** The first descendant of `root` that passes `test`, or null. */
export function firstWhere(root: Element | Document, test: (el: Element) => boolean): Element | null {
  return walkUntil(root, test);
}

/** `el.closest('a, nav')` for a list of tag names: `el` itself or its nearest ancestor with one of them. */
export function closestByTag(el: Element, tags: ReadonlySet<string>): Element | null {
  for (let at: Element | null = el; at; at = at.parentElement) if (hasTag(at, tags)) return at;
  return null;
}

/**
 * Whether `el` has `token` among the white-space separated words of `attribute` (`[rel~="author"]`).
 * As in selectors, a few attributes (`rel`, `type`, `lang`…) compare without case in HTML: say so
 * with `ignoreCase`, and give `token` in lower case.
 */
export function hasToken(el: Element, attribute: string, token: string, ignoreCase = false): boolean {
  const value = el.getAttribute(attribute);
  if (value === null) return false;
  return (ignoreCase ? value.toLowerCase() : value).split(/\s+/).includes(token);
}
