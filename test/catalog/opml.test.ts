import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CatalogError, loadCatalog } from '../../src/catalog/catalog.ts';
import { importOpml, parseOpmlFeeds, slugFromHost } from '../../src/catalog/opml.ts';

const fixtures = new URL('../fixtures/catalog/opml-import/', import.meta.url);
const opml = readFileSync(new URL('subscriptions.opml', fixtures), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'meridian-catalog-opml-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('parseOpmlFeeds', () => {
  test('finds every feed, however deeply nested, in document order', () => {
    const expected = JSON.parse(readFileSync(new URL('expected-feeds.json', fixtures), 'utf8'));
    assert.deepEqual(parseOpmlFeeds(opml), expected);
  });

  test('rejects a document that is not OPML', () => {
    assert.throws(() => parseOpmlFeeds('<html><body>hello</body></html>'), CatalogError);
    assert.throws(() => parseOpmlFeeds('not xml at all'), CatalogError);
  });
});

describe('importOpml', () => {
  test('adds one outlet per site, extends known outlets and skips what it cannot use', () => {
    const overlayFile = join(dir, 'first', 'catalog.json');
    const result = importOpml({ xml: opml, country: 'ke', language: 'SW', overlayFile });

    assert.deepEqual(
      result.added.map((o) => [o.id, o.name, o.country, o.languages, o.kind, o.feeds.length]),
      [
        ['example-daily-co-ke', 'Example Daily — Top stories', 'KE', ['sw'], 'private', 2],
        ['habari-example-org', 'Habari & Maoni', 'KE', ['sw'], 'private', 1],
      ],
    );
    assert.equal(result.added[0]?.homepage, 'https://www.example-daily.co.ke/');
    assert.equal(result.added[0]?.logo, 'https://www.example-daily.co.ke/favicon.ico');
    assert.equal(result.added[1]?.homepage, 'https://habari.example.org/', 'without htmlUrl the feed host is the site');
    assert.deepEqual(result.extended, [
      { id: 'taipei-times', feeds: ['https://www.taipeitimes.com/xml/business.rss'] },
    ]);
    assert.deepEqual(result.skipped, [
      { xmlUrl: 'https://www.taipeitimes.com/xml/index.rss', reason: 'already in the catalog' },
      { xmlUrl: '/relative/feed.xml', reason: 'not an absolute http(s) URL' },
    ]);

    // The overlay file now loads into a valid catalog with the new outlets and feeds.
    assert.ok(existsSync(overlayFile));
    const catalog = loadCatalog({ overlayFile });
    assert.equal(catalog.outlet('habari-example-org')?.country, 'KE');
    const taipei = catalog.outlet('taipei-times')?.feeds.map((f) => f.url);
    assert.deepEqual(taipei, [
      'https://www.taipeitimes.com/xml/index.rss',
      'https://www.taipeitimes.com/xml/business.rss',
    ]);
  });

  test('importing the same file twice adds nothing the second time', () => {
    const overlayFile = join(dir, 'twice.json');
    importOpml({ xml: opml, country: 'KE', language: 'sw', overlayFile });
    const before = readFileSync(overlayFile, 'utf8');
    const again = importOpml({ xml: opml, country: 'KE', language: 'sw', overlayFile });
    assert.deepEqual(again.added, []);
    assert.deepEqual(again.extended, []);
    assert.equal(again.skipped.length, 6, 'all six feeds: five already imported, one unusable');
    assert.equal(readFileSync(overlayFile, 'utf8'), before);
  });

  test('keeps the entries already in the overlay file', () => {
    const overlayFile = join(dir, 'existing.json');
    writeFileSync(overlayFile, JSON.stringify({ outlets: [{ id: 'nytimes', enabled: false }] }));
    importOpml({ xml: opml, country: 'KE', language: 'sw', overlayFile });
    const catalog = loadCatalog({ overlayFile });
    assert.equal(catalog.outlet('nytimes')?.enabled, false);
    assert.ok(catalog.outlet('example-daily-co-ke'));
  });

  test('rejects an unknown country or language and writes nothing', () => {
    const overlayFile = join(dir, 'rejected.json');
    assert.throws(() => importOpml({ xml: opml, country: 'QQ', language: 'sw', overlayFile }), /"QQ" is not an ISO/);
    assert.throws(() => importOpml({ xml: opml, country: 'KE', language: 'x y', overlayFile }), /not a valid BCP 47/);
    assert.equal(existsSync(overlayFile), false);
  });

  test('gives distinct ids to distinct hosts whose slugs collide', () => {
    const xml = `<opml version="2.0"><body>
      <outline text="One" xmlUrl="https://a-b.example.org/feed"/>
      <outline text="Two" xmlUrl="https://a.b-example.org/feed"/>
    </body></opml>`;
    const result = importOpml({ xml, country: 'KE', language: 'sw', overlayFile: join(dir, 'collide.json') });
    assert.deepEqual(
      result.added.map((o) => o.id),
      ['a-b-example-org', 'a-b-example-org-2'],
    );
  });

  test('slugFromHost makes ids that pass the catalog rules', () => {
    assert.equal(slugFromHost('www.News.Example.co.uk'), 'news-example-co-uk');
    assert.equal(slugFromHost('xn--80ak6aa92e.com'), 'xn-80ak6aa92e-com');
  });
});
