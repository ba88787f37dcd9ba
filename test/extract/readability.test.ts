import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { fastChecks, runReadability } from '../../src/extract/readability.ts';
import { READABILITY_CHAR_THRESHOLD, READABILITY_TOP_CANDIDATES } from '../../src/extract/tuning.ts';

const PAGE = `<!doctype html><html><body>
  <div style="display:none">a</div><div style="display: none !important">b</div>
  <div style="color:red; visibility : hidden">c</div><div style="visibility:visible;display:block">d</div>
  <div style="DISPLAY:none">e</div><div style="display:none; display:block">f</div><div style="">g</div>
  <p hidden>h</p><p aria-hidden="true">i</p><p aria-hidden="false">j</p>
  <img aria-hidden="true" class="mwe-math-fallback-image-inline" alt="x">
  <span class="byline">By Ana Ruiz</span><span class="byline"> </span>
  <span class="author">${'x'.repeat(120)}</span><a rel="author" href="/a">Jo Doe</a>
  <div itemprop="author"><span itemprop="name">Li Wei</span></div><p class="intro">Plain text</p>
  <p>Text with <a href="#top">an anchor</a>, <a href="/x">a link</a> and  spaces</p><template><a href="/t">t</a></template>
  <div> \u00a0\u3000 <br><hr> </div><div>\n<span> </span></div><div><br><br></div><section> \ufeff.</section><h2>\u2028</h2>
  <svg><path d="M0"/></svg><math><mi>x</mi></math>
</body></html>`;

test("Meridian's per-node checks answer exactly as Readability 0.6's own, on every element", () => {
  const { document } = parseHTML(PAGE);
  const reader = new Readability(document as unknown as Document) as unknown as Record<string, unknown>;
  const own = Readability.prototype as unknown as Record<string, (...args: unknown[]) => boolean>;
  assert.equal(typeof own._isProbablyVisible, 'function', 'Readability renamed _isProbablyVisible');
  assert.equal(typeof own._isValidByline, 'function', 'Readability renamed _isValidByline');
  assert.equal(typeof own._getLinkDensity, 'function', 'Readability renamed _getLinkDensity');
  assert.equal(typeof own._isElementWithoutContent, 'function', 'Readability renamed _isElementWithoutContent');
  const elements = [...document.querySelectorAll('*')];
  let hidden = 0;
  let bylines = 0;
  let dense = 0;
  let empties = 0;
  for (const el of elements) {
    const matchString = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    const visible = Boolean(own._isProbablyVisible!.call(reader, el));
    const byline = Boolean(own._isValidByline!.call(reader, el, matchString));
    assert.equal(fastChecks._isProbablyVisible(el as unknown as Element), visible, el.outerHTML);
    assert.equal(
      fastChecks._isValidByline.call(reader as never, el as unknown as Element, matchString),
      byline,
      el.outerHTML,
    );
    const density = own._getLinkDensity!.call(reader, el) as unknown as number;
    assert.equal(fastChecks._getLinkDensity.call(reader as never, el as unknown as Element), density, el.outerHTML);
    if (density > 0) dense++;
    const empty = Boolean(own._isElementWithoutContent!.call(reader, el));
    assert.equal(fastChecks._isElementWithoutContent(el as unknown as Element), empty, el.outerHTML);
    if (empty) empties++;
    if (!visible) hidden++;
    if (byline) bylines++;
  }
  // The page exercises both answers of both checks.
  assert.ok(hidden >= 4 && hidden < elements.length, `hidden ${hidden}`);
  assert.ok(bylines >= 3, `bylines ${bylines}`);
  assert.ok(dense >= 3, `elements with links ${dense}`);
  assert.ok(empties >= 3, `empty elements ${empties}`);
});

test("Meridian's tag query answers as Readability 0.6's own, from every element", () => {
  const { document } = parseHTML(PAGE);
  // Readability's own wrappers are created in upper case.
  document.body.appendChild(document.createElement('DIV')).appendChild(document.createElement('P'));
  const reader = new Readability(document as unknown as Document) as unknown as Record<string, unknown>;
  const own = Readability.prototype as unknown as Record<string, (...args: unknown[]) => Iterable<Element>>;
  assert.equal(typeof own._getAllNodesWithTag, 'function', 'Readability renamed _getAllNodesWithTag');
  const lists = [
    ['p'],
    ['div'],
    ['h1', 'h2'],
    ['img', 'picture', 'figure'],
    ['span', 'a', 'p'],
    ['script', 'noscript'],
  ];
  let found = 0;
  for (const root of [document, ...document.querySelectorAll('*')]) {
    for (const tags of lists) {
      const expected = [...own._getAllNodesWithTag!.call(reader, root, tags)];
      const fast = fastChecks._getAllNodesWithTag(root as unknown as Element, tags);
      assert.deepEqual(fast, expected, tags.join());
      found += fast.length;
    }
  }
  assert.ok(found > 20, `found ${found}`);
});

/**
 * The Readability methods Meridian replaces with faster equivalents (src/extract/readability.ts)
 * or whose steps it runs itself (parse), as they read in @mozilla/readability 0.6.0. A new
 * Readability changes a fingerprint, and this test makes someone compare the copies with it
 * before the upgrade lands, instead of the copies drifting silently.
 */
const READABILITY_SOURCES: Record<string, string> = {
  parse: 'd1a7ff3d24ee465f',
  _getLinkDensity: 'db1283dc0de3a1d5',
  _isElementWithoutContent: 'fd87e9b386b6e7ad',
  _getAllNodesWithTag: 'a382a014edcf6421',
  _isValidByline: '9cf9dbce082290f6',
  _isProbablyVisible: 'e9daf2ed0ba6a1c5',
};

test('the Readability methods Meridian copies are those of the version they were copied from', () => {
  const prototype = Readability.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const [method, fingerprint] of Object.entries(READABILITY_SOURCES)) {
    const source = prototype[method]?.toString() ?? '';
    const now = createHash('sha256').update(source).digest('hex').slice(0, 16);
    assert.equal(
      now,
      fingerprint,
      `Readability.${method} is not 0.6.0's: compare src/extract/readability.ts's copy with it, then update this fingerprint`,
    );
  }
});

test("Meridian's run of Readability is parse()'s own steps, with parse()'s result", () => {
  const source = Readability.prototype.parse.toString();
  const steps = [
    '_unwrapNoscriptImages(',
    '_getJSONLD(',
    '_removeScripts(',
    '_prepDocument(',
    '_getArticleMetadata(',
    '_grabArticle(',
    '_postProcessContent(',
  ];
  const at = steps.map((step) => source.indexOf(step));
  assert.ok(
    at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1]!)),
    `Readability.parse() no longer calls ${steps.join(' ')} in this order`,
  );
  const options = {
    serializer: (node: Node) => node,
    keepClasses: true,
    charThreshold: READABILITY_CHAR_THRESHOLD,
    nbTopCandidates: READABILITY_TOP_CANDIDATES,
  };
  const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/extract');
  let compared = 0;
  for (const name of readdirSync(fixtures)) {
    const file = join(fixtures, name, 'source.html');
    if (!existsSync(file)) continue;
    const html = readFileSync(file, 'utf8');
    const own = new Readability(parseHTML(html).document as unknown as Document, options).parse();
    const ours = runReadability(parseHTML(html).document as unknown as Document);
    assert.equal(ours === null, own === null, name);
    if (!own || !ours) continue;
    assert.equal((ours.content as Element).outerHTML, (own.content as unknown as Element).outerHTML, name);
    assert.deepEqual(
      [ours.title, ours.byline, ours.siteName, ours.publishedTime],
      [own.title, own.byline, own.siteName, own.publishedTime].map((v) => v ?? null),
      name,
    );
    compared++;
  }
  assert.ok(compared >= 10, `compared ${compared}`);
});
