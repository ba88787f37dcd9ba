/**
 * One folder per case in test/fixtures/feeds/: the feed as served beside the result expected from
 * it (`expected.json`: the ParsedFeed with its counters, or the FeedParseError). Each case was
 * checked by hand when it was written; a changed result means a changed behaviour.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { FeedParseError, parseFeed } from '../../src/feeds/index.ts';

const root = new URL('../fixtures/feeds/', import.meta.url);

interface Expected {
  input: string;
  baseUrl: string;
  now: string;
  feed?: unknown;
  error?: { kind: string; message: string; feedLinks: string[] };
}

const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

function load(name: string): { input: string; expected: Expected } {
  const expected = JSON.parse(readFileSync(new URL(`${name}/expected.json`, root), 'utf8')) as Expected;
  return { input: readFileSync(new URL(`${name}/${expected.input}`, root), 'utf8'), expected };
}

function run(name: string): ReturnType<typeof parseFeed> {
  const { input, expected } = load(name);
  return parseFeed(input, expected.baseUrl, { now: new Date(expected.now) });
}

describe('feed fixtures match expected.json', () => {
  test('the fixture set covers every case of the brief', () => {
    for (const name of [
      'rss2-media',
      'rss091',
      'rss1-rdf',
      'atom10-xml-base',
      'atom03',
      'jsonfeed11',
      'bare-amp-nbsp',
      'russian',
      'chinese-dates',
      'german-months',
      'html-page',
      'empty',
      'truncated',
    ]) {
      assert.ok(cases.includes(name), `missing fixture ${name}`);
    }
  });

  for (const name of cases) {
    test(name, () => {
      const { input, expected } = load(name);
      const parse = () => parseFeed(input, expected.baseUrl, { now: new Date(expected.now) });
      if (expected.error) {
        assert.throws(parse, (err: unknown) => {
          assert.ok(err instanceof FeedParseError);
          assert.equal(err.kind, expected.error?.kind);
          assert.equal(err.message, expected.error?.message);
          assert.deepEqual(err.feedLinks, expected.error?.feedLinks);
          return true;
        });
      } else {
        assert.deepEqual(JSON.parse(JSON.stringify(parse())), expected.feed);
      }
    });
  }
});

// The behaviours the fixtures exist for, spelled out so a failure names the feature that broke.
describe('feed fixtures: the point of each case', () => {
  test('rss2-media: largest media:content wins, image enclosure, 1x1 pixels skipped, dedup, no-link skip, future date dropped', () => {
    const feed = run('rss2-media');
    const [geneva, floods, podcast, markets, embargoed] = feed.items;
    assert.equal(geneva?.image, 'https://cdn.harbourtimes.example/img/2025/02/geneva-1600.jpg');
    assert.equal(geneva?.title, 'Ceasefire talks resume in Geneva as envoys return');
    assert.equal(geneva?.published, '2025-02-28T22:45:00.000Z'); // 17:45 EST
    assert.equal(floods?.link, 'https://www.harbourtimes.example/world/2025/02/28/po-valley-floods');
    assert.equal(floods?.image, 'https://cdn.harbourtimes.example/img/2025/02/po.jpg');
    assert.equal(floods?.author, 'Luca Bianchi');
    assert.equal(podcast?.image, 'https://cdn.harbourtimes.example/img/2025/02/wir-9-thumb.jpg');
    assert.equal(markets?.link, 'https://www.harbourtimes.example/business/2025/02/27/markets-close');
    assert.equal(markets?.image, 'https://www.harbourtimes.example/img/2025/02/markets.png');
    assert.equal(embargoed?.published, undefined);
    assert.equal(feed.items.length, 5);
    assert.equal(feed.duplicates, 1);
    assert.equal(feed.skipped, 1);
  });

  test('atom10-xml-base: links resolve against the entry and feed xml:base', () => {
    const [nairobi, rice, idOnly] = run('atom10-xml-base').items;
    assert.equal(nairobi?.link, 'https://blog.meridian-desk.example/world/2025/02/nairobi-notes');
    assert.equal(nairobi?.image, 'https://blog.meridian-desk.example/media/nairobi.jpg');
    assert.equal(rice?.link, 'https://other.meridian-desk.example/asia/2025/02/rice-prices');
    assert.equal(rice?.title, 'Tokyo: why <rice> prices matter'); // type="text" is literal
    assert.equal(idOnly?.link, 'https://blog.meridian-desk.example/world/2025/02/id-only');
  });

  test('bare-amp-nbsp: bare & and undeclared entities decode like a browser', () => {
    const [first, second] = run('bare-amp-nbsp').items;
    assert.equal(first?.title, 'Johnson & Johnson settles lawsuit — terms sealed');
    assert.equal(first?.link, 'https://smithandsons.example/story.php?id=1041&section=business');
    assert.equal(
      first?.summary,
      'The company’s lawyers & the plaintiffs agreed on Friday. Details were not disclosed.',
    );
    assert.equal(second?.title, 'R&D budget rises 4% … again');
  });

  test('localized dates: Russian, Chinese and German', () => {
    assert.deepEqual(
      run('russian').items.map((i) => i.published),
      ['2025-02-28T12:30:00.000Z', '2025-02-27T05:15:00.000Z', '2025-02-26T16:00:00.000Z'],
    );
    assert.deepEqual(
      run('chinese-dates').items.map((i) => i.published),
      ['2025-02-28T10:30:00.000Z', '2025-02-27T09:05:00.000Z', '2025-02-26T07:05:00.000Z'],
    );
    assert.deepEqual(
      run('german-months').items.map((i) => i.published),
      ['2025-02-28T15:45:00.000Z', '2025-02-27T07:30:00.000Z', '2025-03-01T08:00:00.000Z', '2024-12-12T19:00:00.000Z'],
    );
  });

  test('truncated: the complete items before the cut, nothing of the cut one', () => {
    const feed = run('truncated');
    assert.equal(feed.recovery, 'truncated');
    assert.deepEqual(
      feed.items.map((i) => i.title),
      ['Bundestag debattiert über Haushalt', 'Glätte sorgt für Unfälle auf der A20'],
    );
  });

  test('tag-soup: the scanner reads what the XML parser rejects', () => {
    const feed = run('tag-soup');
    assert.equal(feed.recovery, 'scanned');
    assert.equal(feed.items.length, 2);
    assert.equal(feed.items[0]?.summary, 'New times for the morning crossing.');
  });

  test('leading-garbage: BOM, PHP warning and control characters are shrugged off', () => {
    const feed = run('leading-garbage');
    assert.equal(feed.title, 'Valley Radio');
    assert.equal(feed.items[0]?.title, 'Road works on Main Street');
  });

  test('html-page: refused with a message saying so, and the advertised feeds', () => {
    assert.throws(
      () => run('html-page'),
      (err: unknown) =>
        err instanceof FeedParseError &&
        err.kind === 'html' &&
        /HTML page, not a feed/.test(err.message) &&
        err.feedLinks.includes('https://fetched.example/world/rss.xml'),
    );
  });

  test('empty: refused as empty', () => {
    assert.throws(
      () => run('empty'),
      (err: unknown) => err instanceof FeedParseError && err.kind === 'empty',
    );
  });
});
