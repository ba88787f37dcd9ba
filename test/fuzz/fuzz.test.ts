import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { extractArticle } from '../../src/extract/extract.ts';
import { capNesting, capTags, MAX_DEPTH, MAX_TAGS } from '../../src/extract/nesting.ts';
import { charsetDecoder, extraction, feedParser, urlNormaliser, warcReader } from './targets.ts';

/**
 * Bounded fuzzing in `npm test`: a fixed seed and a fixed number of runs, so every run checks the
 * same inputs (a few seconds in all). bench/fuzz.ts runs the same targets far longer with new
 * seeds; what it finds becomes a fixture here and a fix in src/.
 */
const SEED = 20261207;

describe('fuzzing (fixed seed, bounded)', () => {
  test('WARC reader: damaged archives give records or skips with reasons, never an exception', async () => {
    await fc.assert(warcReader, { seed: SEED, numRuns: 300 });
  });
  test('feed parser: a feed or a FeedParseError', () => {
    fc.assert(feedParser, { seed: SEED, numRuns: 300 });
  });
  test('charset decoder: text and a charset for any bytes and any Content-Type', () => {
    fc.assert(charsetDecoder, { seed: SEED, numRuns: 500 });
  });
  test('extraction: an article or null', () => {
    fc.assert(extraction, { seed: SEED, numRuns: 150 });
  });
  test('URL normaliser: a key for anything; tracking parameters never change it; only http(s) resolves', () => {
    fc.assert(urlNormaliser, { seed: SEED, numRuns: 500 });
  });

  test('finding: a page nested 100,000 deep is cut to MAX_DEPTH before parsing, its text kept', () => {
    // Took 15 s to extract (34 s to parse under load): parse time grows with the square of the depth.
    const text = 'Water talks resume on the river. '.repeat(20);
    const page = `<html><body>${'<div>'.repeat(100_000)}<p>${text}</p>${'</div>'.repeat(100_000)}</body></html>`;
    const capped = capNesting(page);
    const open = capped.match(/<div>/g)?.length ?? 0;
    assert.ok(open <= MAX_DEPTH && open > MAX_DEPTH - 10, `${open} nested divs kept`);
    assert.equal(capped.match(/<\/div>/g)?.length, open, 'each kept element is closed');
    assert.ok(capped.includes(`<p>${text}</p>`), 'the text is kept');
    const flat = '<html><body><article><p>a</p><p>b</p><ul><li>c<li>d</ul></article></body></html>';
    assert.equal(capNesting(flat), flat, 'a page within the cap is unchanged');
    extractArticle(page, 'http://a.example/deep'); // returns (an article or null) instead of stalling
  });

  test('finding: a page of 60,000 empty elements is cut at MAX_TAGS tags', () => {
    // 1.1 MB of empty <div>s took 4.5 s to extract: every tag costs a node.
    const page = `<html><body><p>Lead paragraph.</p>${'<div></div>'.repeat(60_000)}</body></html>`;
    const cut = capTags(page);
    assert.equal(cut.split('<').length - 1, MAX_TAGS);
    assert.ok(cut.startsWith('<html><body><p>Lead paragraph.</p>'), 'the start of the page is kept');
    assert.equal(capTags('<p>short</p>'), '<p>short</p>');
  });
});
