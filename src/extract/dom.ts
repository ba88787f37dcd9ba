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
 * on the first node walked, so nothing internal of linkedom is imported; a node without them
 * (another DOM, a linkedom version that names them otherwise) is walked by querySelectorAll (same
 * answers, slower). test/extract/dom.test.ts runs every walk both ways and fails when linkedom's
 * links are no longer found.
 */

/** A node as linkedom links it: `next` in document order, `end` the marker after its subtree. */
interface Linked {
  [link: symbol]: Linked | undefined;
  nodeType: number;
  localName?: string;
}

/** linkedom's two links, found on the first linkedom node seen. */
let links: { next: symbol; end: symbol } | undefined;

/**
 * linkedom's two links when `node` has them, else null (another DOM, or another copy of linkedom
 * whose links are other symbols: such a node is walked by querySelectorAll). Checked per root, so
 * one foreign node neither disables the fast walk nor sends a linkedom node down the wrong links.
 */
function linksOf(node: object): { next: symbol; end: symbol } | null {
  if (links === undefined) {
    const symbols = Object.getOwnPropertySymbols(node);
    const next = symbols.find((s) => s.description === 'next');
    const end = symbols.find((s) => s.description === 'end');
    const marker = end ? (node as Linked)[end] : undefined;
    if (next && end && marker && typeof marker === 'object') links = { next, end };
  }
  return links && links.next in node && links.end in node ? links : null;
}

/** Whether the walks use linkedom's links (false: they fall back to querySelectorAll). */
export function walksLinkedList(root: Element | Document): boolean {
  return linksOf(root) !== null;
}

/**
 * Calls `visit` on every element under `root` in document order (not `root` itself, nothing inside
 * a `<template>`) until it returns true; returns the element it stopped at, or null. `visit` may
 * remove the element it is given (the walk goes on after its subtree, as a loop over
 * querySelectorAll's static list would); it must not otherwise change the tree.
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
  // Subtrees removed by `visit`: their end marker, and the node that followed it when removed.
  const detached: Array<{ end: Linked | undefined; resume: Linked | undefined }> = [];
  while (node && node !== stop) {
    if (node.nodeType === 1) {
      // Removing a node cuts the link after its end marker: where to go on is read first.
      const after = node[END]?.[NEXT];
      if (visit(node as unknown as Element)) return node as unknown as Element;
      if ((node as unknown as Element).parentNode === null) detached.push({ end: node[END], resume: after });
      node = node.localName === 'template' ? node[END] : node[NEXT];
    } else node = node[NEXT];
    // The end of a removed subtree (its descendants were walked, as a static list has them).
    while (detached.length > 0 && (node === undefined || node === detached[detached.length - 1]?.end)) {
      node = detached.pop()?.resume;
    }
  }
  return null;
}

/** Whether the lower-cased tag name of `el` is in `tags`. */
export function hasTag(el: Element, tags: ReadonlySet<string>): boolean {
  const name = el.localName;
  if (tags.has(name)) return true;
  // Parsed names are lower case already; lower-casing every name of every walk was a tenth of them.
  let lower = lowerNames.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    if (lowerNames.size < 4096) lowerNames.set(name, lower);
  }
  return lower !== name && tags.has(lower);
}

/** Tag names and their lower case (a page has a few dozen names; bounded against hostile ones). */
const lowerNames = new Map<string, string>();

/**
 * Whether any element lies more than `limit` levels under `root` (its children are level 1).
 * On linkedom, one pass of the node list counting starts and end markers; else a walk by
 * first child, next sibling, back up.
 */
export function depthExceeds(root: Element, limit: number): boolean {
  const linked = linksOf(root);
  if (linked) {
    const { next: NEXT, end: END } = linked;
    const stop = (root as unknown as Linked)[END];
    let depth = 0;
    for (let node = (root as unknown as Linked)[NEXT]; node && node !== stop; node = node[NEXT]) {
      if (node.nodeType === 1) {
        if (++depth > limit) return true;
      } else if (node.nodeType === -1) depth--;
    }
    return false;
  }
  let el: Element | null = root;
  let depth = 0;
  while (el) {
    if (depth > limit) return true;
    const child: Element | null = el.firstElementChild;
    if (child) {
      el = child;
      depth++;
      continue;
    }
    while (el && el !== root && !el.nextElementSibling) {
      el = el.parentElement;
      depth--;
    }
    if (!el || el === root) return false;
    el = el.nextElementSibling;
  }
  return false;
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

/**
 * `root.getElementsByTagName(name)` for a lower-case name, as linkedom answers it: descendants whose
 * tag name is exactly `name` (an upper-case `A` made by createElement is not an `a` here, unlike in
 * selectors), template content included.
 */
export function elementsNamed(root: Element, name: string): Element[] {
  const linked = linksOf(root);
  if (!linked) return [...root.getElementsByTagName(name)];
  const { next: NEXT, end: END } = linked;
  const out: Element[] = [];
  const stop = (root as unknown as Linked)[END];
  for (let node = (root as unknown as Linked)[NEXT]; node && node !== stop; node = node[NEXT]) {
    if (node.nodeType === 1 && node.localName === name) out.push(node as unknown as Element);
  }
  return out;
}

/**
 * `el.textContent.length` without building the text: the furniture pass weighs elements by their
 * length many times per page (the whole body first). Text and CDATA nodes, as textContent counts.
 */
export function textLength(el: Element): number {
  const linked = linksOf(el);
  if (!linked) return (el.textContent ?? '').length;
  const { next: NEXT, end: END } = linked;
  const stop = (el as unknown as Linked)[END];
  let length = 0;
  for (let node = (el as unknown as Linked)[NEXT]; node && node !== stop; node = node[NEXT]) {
    if (node.nodeType === 3 || node.nodeType === 4) length += (node as unknown as Text).data.length;
  }
  return length;
}

/**
 * Whether `el` holds no text but white space: `!el.textContent.trim()` without building the text,
 * stopping at the first other character.
 */
export function onlySpace(el: Element): boolean {
  const linked = linksOf(el);
  if (!linked) return !(el.textContent ?? '').trim();
  const { next: NEXT, end: END } = linked;
  const stop = (el as unknown as Linked)[END];
  for (let node = (el as unknown as Linked)[NEXT]; node && node !== stop; node = node[NEXT]) {
    if (node.nodeType !== 3 && node.nodeType !== 4) continue;
    const data = (node as unknown as Text).data;
    for (let i = 0; i < data.length; i++) if (!isSpace(data.charCodeAt(i))) return false;
  }
  return true;
}

/**
 * `\s` of a regular expression, and what `trim()` removes: ASCII white space, no-break space, the
 * Unicode spaces, the line and paragraph separators and the BOM.
 */
export function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
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
