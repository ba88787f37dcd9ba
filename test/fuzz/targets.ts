import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { urlKey } from '../../src/dedup/url-key.ts';
import { extractArticle } from '../../src/extract/extract.ts';
import { FeedParseError, parseFeed } from '../../src/feeds/index.ts';
import { resolveHttpUrl } from '../../src/feeds/urls.ts';
import { decodeBody } from '../../src/net/charset.ts';
import { parseHttpResponse, readWarc, UndecodableBodyError } from '../../src/net/warc.ts';

/**
 * Fuzzing targets shared by the bounded run in `npm test` (test/fuzz/fuzz.test.ts) and the long
 * run (bench/fuzz.ts). Each is a fast-check property: every input gets a result or the target's
 * typed error; anything else thrown is a finding. Inputs are random bytes and strings, and
 * valid documents with random damage (byte flips, cuts, insertions), which reach deeper.
 */

/** Slowest single input per target, in ms (read by bench/fuzz.ts to spot near-hangs). */
export const slowest = new Map<string, { ms: number; input: string }>();

function timed<A extends unknown[], R>(name: string, check: (...args: A) => R): (...args: A) => R {
  return (...args: A) => {
    const t = performance.now();
    const out = check(...args);
    const settle = () => {
      const ms = performance.now() - t;
      if (ms > (slowest.get(name)?.ms ?? -1)) slowest.set(name, { ms, input: JSON.stringify(args).slice(0, 300) });
    };
    if (out instanceof Promise) return out.finally(settle) as R;
    settle();
    return out;
  };
}

/** A few bytes of damage applied to a valid document. */
const damage = (doc: Uint8Array) =>
  fc
    .array(
      fc.oneof(
        fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
        fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
        fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 40 }) }),
      ),
      { maxLength: 6 },
    )
    .map((edits) => {
      let b = Buffer.from(doc);
      for (const e of edits) {
        const at = b.length === 0 ? 0 : e.at % b.length;
        if (e.kind === 'flip') b[at] = e.value;
        else if (e.kind === 'cut') b = b.subarray(0, at);
        else b = Buffer.concat([b.subarray(0, at), Buffer.from(e.bytes), b.subarray(at)]);
      }
      return b;
    });

function warcRecord(n: number, body: string, length?: string): Buffer {
  const payload = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${body}`);
  const head = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://a.example/${n}\r\nWARC-Date: 2026-11-28T10:00:00Z\r\nContent-Length: ${length ?? payload.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), payload, Buffer.from('\r\n\r\n')]);
}

const WARC_PLAIN = Buffer.concat([1, 2, 3].map((n) => warcRecord(n, `<p>page ${n}</p>`)));
const WARC_GZIP = Buffer.concat([1, 2, 3].map((n) => gzipSync(warcRecord(n, `<p>page ${n}</p>`))));

async function readAll(bytes: Uint8Array, chunk: number): Promise<number> {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(Buffer.from(bytes.subarray(i, i + chunk)));
  let n = 0;
  for await (const r of readWarc(Readable.from(parts), 4096)) {
    if (r.skipped !== undefined && typeof r.skipped !== 'string') throw new Error('skipped without a reason');
    if (!r.skipped) {
      const declared = Number(r.headers['content-length']);
      if (r.block.length !== declared) throw new Error(`block of ${r.block.length} bytes, declared ${declared}`);
      // The HTTP layer takes what the reader gives: a response, nothing, or its typed error.
      try {
        parseHttpResponse(r.block, 64 * 1024);
      } catch (err) {
        if (!(err instanceof UndecodableBodyError)) throw err;
      }
    }
    if (++n > bytes.length + 10) throw new Error('more records than bytes: the reader loops');
  }
  return n;
}

export const warcReader = fc.asyncProperty(
  fc.oneof(fc.uint8Array({ maxLength: 2000 }), damage(WARC_PLAIN), damage(WARC_GZIP)),
  fc.integer({ min: 1, max: 700 }),
  timed('warcReader', async (bytes: Uint8Array, chunk: number) => {
    await readAll(bytes, chunk);
  }),
);

const FEED_RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>T &amp; Co</title><link>http://a.example/</link>
<item><title>One</title><link>/1</link><pubDate>Mon, 23 Nov 2026 08:00:00 GMT</pubDate><description><![CDATA[<p>x</p>]]></description></item>
<item><title>Two</title><link>http://a.example/2</link><dc:date>2026-11-24</dc:date></item></channel></rss>`;
const FEED_ATOM = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://a.example/"><title type="html">A</title>
<entry><title>E</title><link href="e/1"/><updated>2026-11-23T08:00:00Z</updated><content type="xhtml"><div>c</div></content></entry></feed>`;
const FEED_JSON = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'J',
  items: [{ id: '1', url: 'http://a.example/j', title: 'J1', date_published: '2026-11-23T08:00:00Z' }],
});

const text = (doc: string) => damage(Buffer.from(doc)).map((b) => b.toString('utf8'));

export const feedParser = fc.property(
  fc.oneof(
    fc.string({ maxLength: 500 }),
    fc.string({ unit: 'binary', maxLength: 500 }),
    text(FEED_RSS),
    text(FEED_ATOM),
    text(FEED_JSON),
  ),
  timed('feedParser', (input: string) => {
    try {
      const feed = parseFeed(input, 'http://a.example/feed', { now: new Date('2026-12-01T00:00:00Z') });
      for (const item of feed.items) {
        if (!/^https?:\/\//.test(item.link)) throw new Error(`item link is not http(s): ${item.link}`);
      }
    } catch (err) {
      if (!(err instanceof FeedParseError)) throw err;
    }
  }),
);

export const charsetDecoder = fc.property(
  fc.oneof(
    fc.uint8Array({ maxLength: 600 }),
    damage(Buffer.from('<meta charset="shift_jis"><p>日本語のテキスト</p>', 'utf8')),
  ),
  fc.oneof(
    fc.constant(undefined),
    fc.string({ maxLength: 60 }),
    fc.constantFrom('text/html; charset=utf-16', 'text/html; charset=x-user-defined', 'text/html; charset="gbk'),
  ),
  timed('charsetDecoder', (bytes: Uint8Array, contentType: string | undefined) => {
    const out = decodeBody(bytes, contentType);
    if (typeof out.text !== 'string' || !out.charset) throw new Error('no text or charset');
  }),
);

/** Nested HTML built from tags that extraction looks at, with random text and attributes. */
const html = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 80 }),
    fc
      .tuple(
        fc.constantFrom(
          'p',
          'div',
          'article',
          'main',
          'h1',
          'figure',
          'figcaption',
          'script',
          'nav',
          'a',
          'img',
          'time',
          'table',
          'li',
          'ul',
          'template',
          'svg',
        ),
        fc.constantFrom(
          '',
          ' class="content"',
          ' itemprop="articleBody"',
          ' href="javascript:x"',
          ' src="//x/y.jpg"',
          ' datetime="2026-13-45"',
          ' lang="zz"',
        ),
        fc.array(tie('node'), { maxLength: 4 }),
      )
      .map(([tag, attr, children]) => `<${tag}${attr}>${children.join('')}</${tag}>`),
  ),
})).node;

/** Pages nested thousands deep: linkedom's parse time grows with the square of the depth. */
const deepPage = fc
  .tuple(fc.integer({ min: 500, max: 5_000 }), fc.constantFrom('div', 'span', 'b', 'section', 'p', 'li'))
  .map(
    ([depth, tag]) =>
      `${`<${tag}>`.repeat(depth)}<p>${'Text of the story. '.repeat(30)}</p>${`</${tag}>`.repeat(depth)}`,
  );

export const extraction = fc.property(
  fc.oneof(
    fc.string({ maxLength: 400 }),
    deepPage,
    html.map(
      (body) =>
        `<html><head><title>t</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"h","datePublished":"x"}</script></head><body>${body}</body></html>`,
    ),
  ),
  timed('extraction', (page: string) => {
    const article = extractArticle(page, 'http://a.example/story');
    if (article && !Array.isArray(article.blocks)) throw new Error('article without blocks');
  }),
);

export const urlNormaliser = fc.property(
  fc.oneof(fc.string({ maxLength: 200 }), fc.webUrl({ withQueryParameters: true, withFragments: true })),
  fc.oneof(fc.constant(undefined), fc.webUrl(), fc.string({ maxLength: 40 })),
  timed('urlNormaliser', (raw: string, base: string | undefined) => {
    const key = urlKey(raw);
    if (typeof key !== 'string') throw new Error('no key');
    if (URL.canParse(raw) && /^https?:/i.test(raw)) {
      const url = new URL(raw);
      url.searchParams.append('utm_source', 'rss');
      if (urlKey(url.href) !== key) throw new Error(`a tracking parameter changed the key of ${raw}`);
    }
    const resolved = resolveHttpUrl(raw, base);
    if (resolved !== undefined && !/^https?:\/\//.test(resolved)) throw new Error(`resolved to ${resolved}`);
  }),
);

export const TARGETS = { warcReader, feedParser, charsetDecoder, extraction, urlNormaliser };
