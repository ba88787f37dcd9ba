import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { Config } from '../../src/config/config.ts';
import { urlKey } from '../../src/dedup/url-key.ts';
import { describeProblems, importWarc } from '../../src/jobs/import-archive.ts';
import { defaultStages } from '../../src/jobs/stages-default.ts';
import { Fetcher } from '../../src/net/fetcher.ts';
import { articleHtml } from '../helpers/news-site.ts';
import { openSqlite, type StoreHandle } from '../helpers/stores.ts';

const config = Config.fromEnv({ LOG_LEVEL: 'silent' });
const PARAGRAPHS = [
  'Officials from several countries met on Monday in the capital to discuss the new round of talks on water rights along the river, which has long been disputed.',
  'The delegation said progress had been made on seasonal flows, but the matter of the new dam remained open and would be discussed again next month in the capital.',
  'Farmers in the valley, who depend on the river for irrigation, have complained for years that the upstream reservoir leaves them with too little water.',
];

/** An HTML page without any date in its markup. */
function undatedPage(title: string): string {
  return articleHtml(1, title, PARAGRAPHS).replace(/<meta property="article:published_time"[^>]*>/, '');
}

function response(url: string, body: Buffer, headers: string[], warcDate = '2026-11-28T10:00:00Z'): Buffer {
  const payload = Buffer.concat([
    Buffer.from(
      `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n`,
    ),
    body,
  ]);
  const head = [
    'WARC/1.0',
    'WARC-Type: response',
    `WARC-Target-URI: ${url}`,
    `WARC-Date: ${warcDate}`,
    `Content-Length: ${payload.length}`,
  ].join('\r\n');
  return gzipSync(Buffer.concat([Buffer.from(`${head}\r\n\r\n`), payload, Buffer.from('\r\n\r\n')]));
}

describe('importWarc', () => {
  let h: StoreHandle;
  let fetcher: Fetcher;
  before(async () => {
    h = await openSqlite();
    fetcher = new Fetcher({ allowPrivateAddresses: false, hostDelayMs: 0, hostConcurrency: 1, respectRobots: false });
  });
  after(async () => {
    await fetcher.close();
    await h.cleanup();
  });
  const run = (bytes: Buffer) =>
    importWarc(h.store, defaultStages(config, fetcher), Readable.from([bytes]), [], { countryCodes: new Set(['GB']) });

  test('bodies that cannot be decompressed, and binary bodies, are counted as unreadable, never stored', async () => {
    const good = Buffer.from(undatedPage('Talks on the river resume'));
    const corruptGzip = gzipSync(good);
    corruptGzip.fill(0x41, 12, 60);
    const bomb = gzipSync(Buffer.alloc(30 * 1024 * 1024, 0x20)); // 30 MB of spaces: over the 20 MB cap
    const binary = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256));
    const counts = await run(
      Buffer.concat([
        response('https://bad.example.co.uk/gzip', corruptGzip, ['Content-Encoding: gzip']),
        response('https://bad.example.co.uk/brotli', Buffer.from(binary), ['Content-Encoding: br']),
        response('https://bad.example.co.uk/bomb', bomb, ['Content-Encoding: gzip']),
        response('https://bad.example.co.uk/binary', binary, []),
        response('https://good.example.co.uk/fine', brotliCompressSync(good), ['Content-Encoding: br']),
      ]),
    );
    assert.equal(counts.stored, 1, 'the good page after the bad ones is kept');
    assert.equal(counts.unreadable, 4);
    const summary = describeProblems(counts);
    assert.match(summary, /corrupt gzip body.*\/gzip\)/);
    assert.match(summary, /corrupt br body.*\/brotli\)/);
    assert.match(summary, /decompresses to more than 20 MB .*\/bomb\)/);
    assert.match(summary, /binary, not text .*\/binary\)/);
    const articles = await h.store.articles.list({ limit: 10 });
    assert.deepEqual(
      articles.map((a) => a.url),
      ['https://good.example.co.uk/fine'],
      'no article row for an undecodable body',
    );
  });

  test("a page with no date of its own is dated by the record's WARC-Date; a bad WARC-Date is ignored", async () => {
    const counts = await run(
      Buffer.concat([
        response('https://dated.example.co.uk/a', Buffer.from(undatedPage('Dam talks to continue next month')), []),
        response(
          'https://dated.example.co.uk/b',
          Buffer.from(undatedPage('Farmers ask for water guarantees')),
          [],
          'not a date at all',
        ),
      ]),
    );
    assert.equal(counts.stored, 2, 'the record with a bad date is still imported');
    assert.equal(counts.badDates, 1);
    assert.match(describeProblems(counts), /1 with an unreadable WARC-Date \(date ignored\)/);
    const articles = await h.store.articles.list({ limit: 10 });
    const a = articles.find((x) => x.url === 'https://dated.example.co.uk/a');
    const b = articles.find((x) => x.url === 'https://dated.example.co.uk/b');
    assert.equal(a?.published, '2026-11-28T10:00:00.000Z');
    assert.equal(b?.published, undefined);
  });

  test('a re-run finishes what a killed import left: an empty `discovered` row is filled, never "already known"', async () => {
    // The state an import killed between its two writes left before they were one transaction.
    const url = 'https://killed.example.co.uk/story';
    await run(response('https://killed.example.co.uk/other', Buffer.from(undatedPage('Dry season ahead')), []));
    const id = await h.store.articles.insertDiscovered({
      outletId: 'web-example-co-uk',
      country: 'GB',
      url,
      urlKey: urlKey(url),
    });
    assert.ok(id);
    const counts = await run(response(url, Buffer.from(undatedPage('Reservoir levels fall again')), []));
    assert.equal(counts.duplicates, 0, 'not "already known"');
    assert.equal(counts.repaired, 1);
    const article = await h.store.articles.get(id);
    assert.equal(article?.state, 'extracted');
    assert.equal(article?.title, 'Reservoir levels fall again');
    assert.ok((await h.store.search.search({ q: 'Reservoir', limit: 5 })).hits.some((x) => x.id === id));
    assert.equal((await h.store.jobs.counts()).translate?.queued !== undefined, true, 'its next step is queued');
    const again = await run(response(url, Buffer.from(undatedPage('Reservoir levels fall again')), []));
    assert.equal(again.duplicates, 1, 'a finished article is already known');
  });
});
