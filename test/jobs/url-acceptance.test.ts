import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { Config } from '../../src/config/config.ts';
import { fetchHandler } from '../../src/jobs/handlers/fetch.ts';
import { importWarc } from '../../src/jobs/import-archive.ts';
import { JOB } from '../../src/jobs/kinds.ts';
import { defaultStages } from '../../src/jobs/stages-default.ts';
import { queueNext } from '../../src/jobs/stages-table.ts';
import { Fetcher } from '../../src/net/fetcher.ts';
import { articleHtml } from '../helpers/news-site.ts';
import { OUTLETS } from '../helpers/seed.ts';
import { openSqlite, type StoreHandle } from '../helpers/stores.ts';
import { buildWarc } from '../helpers/warc.ts';

const config = Config.fromEnv({ MERIDIAN_ALLOW_PRIVATE_ADDRESSES: 'true', LOG_LEVEL: 'silent' });
const paragraphs = [
  'The council voted on Thursday after a long debate to approve a new law on water supply in the cities, to apply from next year.',
  'The opposition said the towns get too little money to carry it out and announced that it would go to the constitutional court.',
  'Environmental groups welcomed the decision in principle but asked for stricter rules for farming and more checks of the limits.',
];

describe('only http(s) URLs are stored', () => {
  let h: StoreHandle;
  let fetcher: Fetcher;
  before(async () => {
    h = await openSqlite();
    fetcher = new Fetcher({ allowPrivateAddresses: true, respectRobots: false, hostDelayMs: 0, fetchTimeoutMs: 5000 });
  });
  after(async () => {
    await fetcher.close();
    await h?.cleanup();
  });

  test('WARC records whose target is javascript:, data:, file: or ftp: are skipped and counted; the honest page is kept', async () => {
    const page = (n: number) => articleHtml(n, `Water law, part ${n}`, paragraphs);
    const warc = buildWarc(
      [
        { url: 'javascript:alert(document.cookie)//news.example/1', html: page(1) },
        { url: 'data:text/html,hello', html: page(2) },
        { url: 'file:///etc/passwd', html: page(3) },
        { url: 'ftp://news.example/4', html: page(4) },
        { url: 'https://news.example/politics/water', html: page(5) },
      ],
      false,
    );
    const counts = await importWarc(h.store, defaultStages(config, fetcher), Readable.from([warc]), OUTLETS, {
      countryCodes: new Set(['US']),
      country: 'US',
    });
    assert.equal(counts.stored, 1, JSON.stringify(counts));
    assert.equal(counts.unreadable, 4, 'each refused record is counted');
    assert.equal(counts.problems.filter((p) => p.startsWith('target is not an http(s) URL')).length, 4);
    const articles = await h.store.articles.list({ limit: 10 });
    assert.deepEqual(
      articles.map((a) => a.url),
      ['https://news.example/politics/water'],
    );
    for (const o of await h.store.outlets.list()) assert.match(o.homepage, /^https?:\/\//, o.id);
  });

  test('a redirect to another scheme fails the article at once, without a retry', async () => {
    const site = createServer((req, res) => {
      if (req.url === '/js') res.writeHead(302, { location: 'javascript:alert(1)' }).end();
      else if (req.url === '/data') res.writeHead(301, { location: 'data:text/html,<b>x</b>' }).end();
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    try {
      await h.store.outlets.syncCatalog(OUTLETS);
      const handler = fetchHandler(h.store, defaultStages(config, fetcher), queueNext(JOB.fetch));
      for (const path of ['/js', '/data']) {
        const url = `${base}${path}`;
        const id = (await h.store.articles.insertDiscovered({ outletId: 'npr', country: 'US', url, urlKey: url }))!;
        // First of five attempts: a retryable error would be thrown back to the worker's backoff.
        const outcome = await handler(
          { id: 1, kind: 'fetch', payload: { articleId: id }, attempts: 1, maxAttempts: 5 },
          new AbortController().signal,
        );
        assert.deepEqual(outcome, { status: 'done' }, path);
        const row = await h.store.db
          .selectFrom('articles')
          .select(['state', 'error'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        assert.equal(row.state, 'failed', path);
        assert.match(row.error ?? '', /InvalidUrlError: Only http and https URLs are fetched/, path);
      }
    } finally {
      site.close();
    }
  });
});
