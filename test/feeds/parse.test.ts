import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FeedParseError, parseFeed } from '../../src/feeds/index.ts';

const BASE = 'https://site.example/feeds/world.xml';
const now = new Date('2025-03-01T00:00:00Z');

function rss(items: string, channelExtra = ''): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${channelExtra}${items}</channel></rss>`;
}

function item(n: number, extra = ''): string {
  return `<item><title>Item ${n}</title><link>https://site.example/a/${n}</link>${extra}</item>`;
}

function kindOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof FeedParseError) return err.kind;
    throw err;
  }
  return undefined;
}

describe('parseFeed: links', () => {
  test('relative links resolve against the channel link, or the fetch URL without one', () => {
    const withChannel = parseFeed(
      rss('<item><link>news/1</link></item>', '<link>https://www.site.example/</link>'),
      BASE,
    );
    assert.equal(withChannel.items[0]?.link, 'https://www.site.example/news/1');
    const without = parseFeed(rss('<item><link>news/1</link></item>'), BASE);
    assert.equal(without.items[0]?.link, 'https://site.example/feeds/news/1');
  });

  test('javascript: and other non-http links are not links; such items are skipped and counted', () => {
    const feed = parseFeed(
      rss(`<item><title>x</title><link>javascript:alert(1)</link></item>${item(1)}<item><title>no link</title></item>`),
      BASE,
    );
    assert.deepEqual(
      feed.items.map((i) => i.link),
      ['https://site.example/a/1'],
    );
    assert.equal(feed.skipped, 2);
  });

  test('a guid is the link only when it is an absolute URL and not isPermaLink="false"', () => {
    const feed = parseFeed(
      rss(
        '<item><guid>https://site.example/g/1</guid></item>' +
          '<item><guid isPermaLink="false">https://site.example/g/2</guid></item>',
      ),
      BASE,
    );
    assert.deepEqual(
      feed.items.map((i) => i.link),
      ['https://site.example/g/1'],
    );
  });
});

describe('parseFeed: dedup and caps', () => {
  test('items repeating a link or a guid are dropped and counted', () => {
    const feed = parseFeed(
      rss(
        `${item(1, '<guid>g1</guid>')}${item(1, '<guid>g-other</guid>')}` +
          `<item><link>https://site.example/a/2</link><guid>g1</guid></item>${item(3)}`,
      ),
      BASE,
    );
    assert.deepEqual(
      feed.items.map((i) => i.link),
      ['https://site.example/a/1', 'https://site.example/a/3'],
    );
    assert.equal(feed.duplicates, 2);
  });

  test('maxItems caps the list and counts the rest', () => {
    const items = Array.from({ length: 30 }, (_, i) => item(i)).join('');
    const feed = parseFeed(rss(items), BASE, { maxItems: 10 });
    assert.equal(feed.items.length, 10);
    assert.equal(feed.items[9]?.link, 'https://site.example/a/9');
    assert.ok(feed.overCap > 0);
    assert.equal(parseFeed(rss(items), BASE).items.length, 30);
  });

  test('a body over maxInputChars is cut and read like a truncated feed', () => {
    const body = rss(Array.from({ length: 50 }, (_, i) => item(i)).join(''));
    const feed = parseFeed(body, BASE, { maxInputChars: Math.floor(body.length / 2) });
    assert.equal(feed.recovery, 'truncated');
    assert.ok(feed.items.length > 10 && feed.items.length < 50);
    assert.ok(feed.items.every((i) => i.title?.startsWith('Item ')));
  });

  test('the summary is plain text capped near 1000 characters', () => {
    const long = `<p>${'Sentence with <b>bold</b> words. '.repeat(100)}</p>`;
    const feed = parseFeed(rss(item(1, `<description><![CDATA[${long}]]></description>`)), BASE);
    const summary = feed.items[0]?.summary ?? '';
    assert.ok(summary.length <= 1001 && summary.length > 900, String(summary.length));
    assert.ok(summary.endsWith('…'));
    assert.ok(!summary.includes('<'));
  });
});

describe('parseFeed: text and images', () => {
  test('titles: tags stripped, entities decoded, whitespace collapsed', () => {
    const feed = parseFeed(rss(item(1).replace('Item 1', '  &lt;b&gt;Big&lt;/b&gt;\n\n news&amp;amp;views  ')), BASE);
    assert.equal(feed.items[0]?.title, 'Big news&views');
  });

  test('image from itunes:image, and lazy-loaded <img data-src>; data: URLs are not images', () => {
    const feed = parseFeed(
      `<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>T</title>` +
        item(1, '<itunes:image href="https://cdn.example/ep1.jpg"/>') +
        item(
          2,
          '<description><![CDATA[<img src="data:image/gif;base64,R0lGOD" data-src="/lazy.jpg">]]></description>',
        ) +
        item(3, '<description><![CDATA[<img src="data:image/png;base64,AAAA">]]></description>') +
        '</channel></rss>',
      BASE,
    );
    assert.deepEqual(
      feed.items.map((i) => i.image),
      ['https://cdn.example/ep1.jpg', 'https://site.example/lazy.jpg', undefined],
    );
  });

  test('dates more than a day ahead of now are dropped', () => {
    const feed = parseFeed(
      rss(
        item(1, '<pubDate>Sat, 01 Mar 2025 20:00:00 GMT</pubDate>') +
          item(2, '<pubDate>Mon, 03 Mar 2025 00:00:00 GMT</pubDate>'),
      ),
      BASE,
      { now },
    );
    assert.deepEqual(
      feed.items.map((i) => i.published),
      ['2025-03-01T20:00:00.000Z', undefined],
    );
  });
});

describe('parseFeed: malformed input', () => {
  test('a stray < in a title is repaired', () => {
    const feed = parseFeed(rss(item(1).replace('Item 1', 'a < b') + item(2)), BASE);
    assert.equal(feed.recovery, 'repaired');
    assert.equal(feed.items[0]?.title, 'a < b');
    assert.equal(feed.items.length, 2);
  });

  test('a CDATA section never closed keeps the items before it', () => {
    const body = rss(item(1) + item(2)).replace('</channel></rss>', '') + '<item><description><![CDATA[<p>cut';
    const feed = parseFeed(body, BASE);
    assert.deepEqual(
      feed.items.map((i) => i.title),
      ['Item 1', 'Item 2'],
    );
  });

  test('Atom <link> written as text and prefixed RSS elements are read by the scanner', () => {
    const atom = parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>' +
        '<entry><title>x</title><link>https://a.example/1</link><id>i1</id></entry></feed>',
      BASE,
    );
    assert.deepEqual(
      atom.items.map((i) => i.link),
      ['https://a.example/1'],
    );
    const prefixed = parseFeed(
      '<rss:rss xmlns:rss="http://backend.userland.com/rss2"><rss:channel><rss:title>T</rss:title>' +
        '<rss:item><rss:title>a</rss:title><rss:link>https://a.example/1</rss:link></rss:item></rss:channel></rss:rss>',
      BASE,
    );
    assert.deepEqual(
      prefixed.items.map((i) => [i.title, i.link]),
      [['a', 'https://a.example/1']],
    );
  });

  test('a feed with no items is not an error', () => {
    const feed = parseFeed(rss(''), BASE);
    assert.deepEqual(feed.items, []);
    assert.equal(feed.title, 'T');
  });

  test('HTML, XHTML, OPML, plain text, JSON that is not a feed, broken JSON, empty bodies', () => {
    assert.equal(
      kindOf(() => parseFeed('<html><body>Not found</body></html>', BASE)),
      'html',
    );
    assert.equal(
      kindOf(() => parseFeed('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', BASE)),
      'html',
    );
    assert.equal(
      kindOf(() => parseFeed('<?xml version="1.0"?><opml version="2.0"><body/></opml>', BASE)),
      'not-feed',
    );
    assert.equal(
      kindOf(() => parseFeed('Service Unavailable', BASE)),
      'not-feed',
    );
    assert.equal(
      kindOf(() => parseFeed('{"hello": "world"}', BASE)),
      'not-feed',
    );
    assert.equal(
      kindOf(() => parseFeed('{"version": "https://jsonfeed.org/version/1.1", "items": [', BASE)),
      'malformed',
    );
    assert.equal(
      kindOf(() => parseFeed('', BASE)),
      'empty',
    );
    assert.equal(
      kindOf(() => parseFeed('\uFEFF \n\t', BASE)),
      'empty',
    );
  });

  test('the not-feed message names the root element', () => {
    assert.throws(() => parseFeed('<?xml version="1.0"?><urlset><url/></urlset>', BASE), /root element is <urlset>/);
  });
});

// Each of these took minutes with the first, regex-only versions (a start tag that never closes
// made every later one rescan the rest). They assert results only; speed lives in bench/.
describe('parseFeed: hostile input stays linear', () => {
  test('many unclosed tags in an item read by the scanner', () => {
    const soup = rss(
      `<item><title>a</title><link>https://a.example/1</link><description>x</item>` +
        `<item><link>https://a.example/2</link>${'<title x'.repeat(50_000)}</item>`,
    );
    const feed = parseFeed(soup, BASE);
    assert.equal(feed.recovery, 'scanned');
    assert.deepEqual(
      feed.items.map((i) => i.link),
      ['https://a.example/1', 'https://a.example/2'],
    );
  });

  test('many unterminated <img in a description', () => {
    const feed = parseFeed(
      rss(item(1, `<description><![CDATA[${'<img src=x '.repeat(50_000)}]]></description>`)),
      BASE,
    );
    assert.equal(feed.items[0]?.image, undefined);
    assert.equal(feed.items[0]?.summary, undefined);
  });

  test('many unterminated <link in an HTML head', () => {
    assert.equal(
      kindOf(() => parseFeed(`<!doctype html><html><head>${'<link rel=alternate '.repeat(50_000)}`, BASE)),
      'html',
    );
  });
});
