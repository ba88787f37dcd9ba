import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { parseHTML } from 'linkedom';
import {
  allElements,
  closestByTag,
  depthExceeds,
  elementsByTag,
  elementsNamed,
  elementsWhere,
  firstByTag,
  firstWhere,
  forEachElement,
  hasToken,
  onlySpace,
  textLength,
  walksLinkedList,
} from '../../src/extract/dom.ts';

const PAGE = `<!doctype html><html><head><title>T</title><meta name="a" content="b"></head><body>
  <div id="a" class="x"><p>one <a href="/1">link</a> <b>bold</b></p><p>two</p>
    <ul><li>a</li><li><p>nested <a href="/2">p</a></p></li></ul></div>
  <template><p>inside a template</p><a href="/t">t</a></template>
  <section><h1>Head</h1><h2>Sub</h2><figure><img src="x.jpg"><figcaption>c</figcaption></figure>
    <table><tr><td><p>cell</p></td></tr></table></section>
  <p></p><br><hr><span><a href="/3">3</a></span>
</body></html>`;

const QUERIES = [
  ['p'],
  ['a'],
  ['p', 'a'],
  ['h1', 'h2'],
  ['img', 'figure', 'picture'],
  ['li', 'td', 'p'],
  ['template'],
  ['nothing'],
];

function page(parse: (html: string) => { document: unknown } = parseHTML): Document {
  const document = parse(PAGE).document as unknown as Document;
  // Readability replaces tags with createElement('DIV'), and linkedom keeps that case.
  const wrapper = document.createElement('DIV');
  wrapper.appendChild(document.createElement('P')).textContent = 'upper-case p';
  wrapper.appendChild(document.createElement('A')).textContent = 'upper-case a';
  document.body.appendChild(wrapper);
  return document;
}

test('the tag walks answer as querySelectorAll does, from every element and the document', () => {
  const document = page();
  assert.ok(walksLinkedList(document), "linkedom's node links were not found: the walks fell back to querySelectorAll");
  const roots: (Element | Document)[] = [document, ...document.querySelectorAll('*')];
  let found = 0;
  for (const root of roots) {
    for (const tags of QUERIES) {
      const expected = [...root.querySelectorAll(tags.join(','))];
      const walked = elementsByTag(root, new Set(tags));
      assert.deepEqual(walked, expected, `${tags} under ${'outerHTML' in root ? root.outerHTML : 'document'}`);
      assert.equal(firstByTag(root, new Set(tags)), root.querySelector(tags.join(',')));
      found += walked.length;
    }
  }
  assert.ok(found > 50, `found ${found}`);
  // Upper-case elements are found; the template's content is not.
  assert.equal(elementsByTag(document, new Set(['p'])).filter((p) => p.textContent === 'upper-case p').length, 1);
  assert.ok(!elementsByTag(document, new Set(['p'])).some((p) => p.textContent === 'inside a template'));
});

test("nodes without linkedom's links (another copy of linkedom) are walked by querySelectorAll", () => {
  // linkedom's CommonJS build is another copy, with links of its own: what a node of an upgraded
  // linkedom that names its links otherwise, or of another DOM, looks like to these walks.
  const other = createRequire(import.meta.url)('linkedom') as { parseHTML: (html: string) => { document: unknown } };
  const foreign = page(other.parseHTML);
  const ours = page();
  assert.ok(walksLinkedList(ours), 'walked by its links first');
  assert.equal(walksLinkedList(foreign), false);
  for (const root of [foreign, ...foreign.querySelectorAll('*')] as (Element | Document)[]) {
    for (const tags of QUERIES) {
      assert.deepEqual(elementsByTag(root, new Set(tags)), [...root.querySelectorAll(tags.join(','))]);
      assert.equal(firstByTag(root, new Set(tags)), root.querySelector(tags.join(',')));
    }
    assert.deepEqual(allElements(root), [...root.querySelectorAll('*')]);
    if (!('outerHTML' in root)) continue;
    assert.equal(textLength(root), (root.textContent ?? '').length);
    assert.equal(onlySpace(root), !(root.textContent ?? '').trim());
    assert.deepEqual(elementsNamed(root, 'p'), [...root.getElementsByTagName('p')]);
  }
  assert.equal(depthExceeds(foreign.body, 3), true);
  assert.equal(depthExceeds(foreign.body, 30), false);
  assert.ok(walksLinkedList(ours), 'and a node of ours is still walked by its links afterwards');
});

test('a visitor may remove the element it is given: the walk goes on after it', () => {
  const { document } = parseHTML('<html><body><p>1</p><aside><b>ad</b></aside><p>2</p><p>3</p></body></html>');
  const seen: string[] = [];
  forEachElement(document.body as unknown as Element, (el) => {
    seen.push(el.localName);
    if (el.localName === 'aside') el.remove();
  });
  // As a loop over querySelectorAll's static list visits: the aside's child too, then the rest.
  assert.deepEqual(seen, ['p', 'aside', 'b', 'p', 'p']);
});

test('a walk sees the tree as it is after removals and insertions', () => {
  const document = page();
  const first = document.querySelector('p');
  first?.remove();
  document.querySelector('section')?.appendChild(document.createElement('p'));
  assert.deepEqual(elementsByTag(document, new Set(['p'])), [...document.querySelectorAll('p')]);
});

test('the other walks answer as querySelectorAll, querySelector and closest do', () => {
  const document = page();
  const withClass = (el: Element) => el.hasAttribute('class');
  for (const root of [document, ...document.querySelectorAll('*')] as (Element | Document)[]) {
    assert.deepEqual(allElements(root), [...root.querySelectorAll('*')]);
    assert.deepEqual(elementsWhere(root, withClass), [...root.querySelectorAll('[class]')]);
    assert.equal(firstWhere(root, withClass), root.querySelector('[class]'));
    if (!('closest' in root)) continue;
    for (const tags of QUERIES) assert.equal(closestByTag(root, new Set(tags)), root.closest(tags.join(',')));
  }
  assert.equal(allElements(document).length, document.querySelectorAll('*').length);
});

test('a token test is the ~= selector, with case only where asked', () => {
  const { document } = parseHTML(
    '<html><body><a rel="nofollow  Author">x</a><i itemprop="author-name">y</i></body></html>',
  );
  const a = document.querySelector('a') as unknown as Element;
  const i = document.querySelector('i') as unknown as Element;
  assert.equal(hasToken(a, 'rel', 'author', true), true);
  assert.equal(hasToken(a, 'rel', 'author'), false);
  assert.equal(hasToken(i, 'itemprop', 'author'), false);
  assert.equal(hasToken(i, 'itemprop', 'author-name'), true);
  assert.equal(hasToken(i, 'rel', 'author'), false);
});

test('the depth test finds the deepest element, as a recursive walk does', () => {
  const deepest = (el: Element): number => {
    let max = 0;
    for (const child of el.children) max = Math.max(max, 1 + deepest(child));
    return max;
  };
  const pages = [
    PAGE,
    `<html><body>${'<div><span>x</span>'.repeat(40)}${'</div>'.repeat(40)}<p>after</p></body></html>`,
    `<html><body>${'<section><br><img src=a>'.repeat(12)}<b>deep</b>${'</section>'.repeat(12)}${'<i>'.repeat(5)}</body></html>`,
  ];
  for (const html of pages) {
    const root = parseHTML(html).document.documentElement as unknown as Element;
    const depth = deepest(root);
    assert.ok(depth >= 4, `depth ${depth}`);
    for (let limit = 0; limit <= depth + 1; limit++)
      assert.equal(depthExceeds(root, limit), depth > limit, `limit ${limit}`);
  }
});

test("elementsNamed answers as linkedom's getElementsByTagName does, case and templates included", () => {
  const document = page();
  let found = 0;
  for (const root of document.querySelectorAll('*')) {
    for (const name of ['a', 'p', 'div', 'template', 'li']) {
      const expected = [...root.getElementsByTagName(name)];
      assert.deepEqual(elementsNamed(root, name), expected, `${name} under ${root.outerHTML}`);
      found += expected.length;
    }
  }
  assert.ok(found > 30, `found ${found}`);
  // Unlike the selector walks: the upper-case A is not found, the template's link is.
  const links = elementsNamed(document.body, 'a').map((a) => a.textContent);
  assert.ok(links.includes('t') && !links.includes('upper-case a'));
});

test('textLength is the length of textContent, CDATA counted and comments not', () => {
  const document = page();
  document.body.appendChild(document.createComment('not text'));
  for (const el of [document.body, ...document.querySelectorAll('*')] as Element[]) {
    assert.equal(textLength(el), (el.textContent ?? '').length, el.localName);
  }
  assert.ok(textLength(document.body) > 50);
});
