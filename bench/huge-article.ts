/**
 * One huge article against the reader (issue 17): a page whose <title> alone is 5 MB is imported
 * from a WARC file, then its article page, its country page and the world feed are rendered; and
 * the page cache's memory is measured under 40 query-string variants of the article page, while
 * they are fresh and after the TTL.
 *
 *   node --expose-gc --import tsx bench/huge-article.ts [--json] [--before before.json]
 *
 * `--json` prints the figures as JSON (to measure an older tree with the same script);
 * `--before` adds such figures as a "before" column to the section written in bench/RESULTS.md.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { Config } from '../src/config/config.ts';
import { importWarc } from '../src/jobs/import-archive.ts';
import { defaultStages } from '../src/jobs/stages-default.ts';
import type { Country, Outlet } from '../src/model/outlet.ts';
import { createApp } from '../src/server/app.tsx';
import { buildAssets } from '../src/server/assets.ts';
import { readSide, type ServerContext } from '../src/server/context.ts';
import { ImageSigner } from '../src/server/image-url.ts';
import { Store } from '../src/store/store.ts';
import { hugeTitlePage } from '../test/helpers/huge-page.ts';
import { COUNTRIES, OUTLETS } from '../test/helpers/seed.ts';
import { buildWarc } from '../test/helpers/warc.ts';
import { writeResults } from './results.ts';
import { median } from './stats.ts';

const { values } = parseArgs({ options: { json: { type: 'boolean' }, before: { type: 'string' } } });
const TITLE_BYTES = 5 * 1024 * 1024;
const VARIANTS = 40;
const TTL_MS = 2_000;

const outlet = OUTLETS.find((o) => o.id === 'npr') as Outlet;
const us = COUNTRIES.find((c) => c.code === 'US') as Country;

async function context(store: Store, env: Record<string, string>): Promise<ServerContext> {
  const config = Config.fromEnv({ LOG_LEVEL: 'silent', ...env });
  return {
    store,
    config,
    countries: [us],
    ...readSide({ store, config, countries: [us] }),
    outlets: [outlet],
    startedAt: new Date(),
    origin: 'http://127.0.0.1:3000',
    assets: await buildAssets(),
    images: new ImageSigner('bench'),
    translator: 'none',
    fetchImage: async () => ({ status: 404, contentType: 'text/plain', body: new Uint8Array() }),
  } as ServerContext;
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const external = () => {
  gc();
  gc();
  return process.memoryUsage().arrayBuffers;
};

const dir = mkdtempSync(join(tmpdir(), 'meridian-huge-'));
const store = await Store.open({ dataDir: dir });
const figures: Record<string, number> = {};
try {
  await store.outlets.syncCatalog([outlet]);
  const stages = defaultStages(Config.fromEnv({ LOG_LEVEL: 'silent' }));
  let t = performance.now();
  const counts = await importWarc(
    store,
    stages,
    Readable.from([
      buildWarc(
        [{ url: 'https://www.npr.org/2026/12/07/huge', html: hugeTitlePage(TITLE_BYTES, new Date().toISOString()) }],
        false,
      ),
    ]),
    [outlet],
    {
      countryCodes: new Set(['US']),
    },
  );
  figures.importMs = performance.now() - t;
  await (stages.fetcher as { close?: () => Promise<void> }).close?.();
  // Listed whatever its state: an older tree may not have dated it.
  const [article] = await store.articles.list({ limit: 1, readable: false });
  if (!article) throw new Error(`the huge page was not stored: ${JSON.stringify(counts)}`);
  figures.storedTitleChars = article.title.length;

  // Rendering, page cache off: every request renders.
  const app = createApp(await context(store, { MERIDIAN_PAGE_CACHE_MS: '0' }));
  for (const [name, path] of [
    ['article', `/articles/${article.id}`],
    ['country', '/countries/us'],
    ['feed', '/feeds/world.atom'],
  ] as const) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 7; i++) {
      t = performance.now();
      const res = await app.request(path);
      bytes = (await res.arrayBuffer()).byteLength;
      times.push(performance.now() - t);
    }
    figures[`${name}Bytes`] = bytes;
    figures[`${name}Ms`] = median(times);
  }

  // The page cache under 40 query-string variants, each asked for three times (admitted).
  const cached = createApp(await context(store, { MERIDIAN_PAGE_CACHE_MS: String(TTL_MS) }));
  const base = external();
  for (let v = 0; v < VARIANTS; v++) {
    for (let i = 0; i < 3; i++) await (await cached.request(`/articles/${article.id}?utm_source=${v}`)).arrayBuffer();
  }
  figures.cacheFreshBytes = Math.max(0, external() - base);
  await new Promise((r) => setTimeout(r, TTL_MS * 2.5));
  figures.cacheAfterTtlBytes = Math.max(0, external() - base);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

if (values.json) {
  console.log(JSON.stringify(figures));
} else {
  const before: Record<string, number> | undefined = values.before
    ? JSON.parse(readFileSync(values.before, 'utf8'))
    : undefined;
  const mb = (n: number | undefined) => (n === undefined ? '—' : `${(n / 1024 / 1024).toFixed(2)} MB`);
  const kb = (n: number | undefined) => (n === undefined ? '—' : `${(n / 1024).toFixed(1)} KB`);
  const ms = (n: number | undefined) => (n === undefined ? '—' : `${n.toFixed(1)} ms`);
  const count = (n: number | undefined) => (n === undefined ? '—' : n.toLocaleString('en'));
  const rows: Array<[string, (n: number | undefined) => string, string]> = [
    ['stored title (characters)', count, 'storedTitleChars'],
    ['import of the one record', ms, 'importMs'],
    ['article page', kb, 'articleBytes'],
    ['article page render (median of 7)', ms, 'articleMs'],
    ['country page', kb, 'countryBytes'],
    ['country page render', ms, 'countryMs'],
    ['world feed', kb, 'feedBytes'],
    ['world feed render', ms, 'feedMs'],
    [`page cache, ${VARIANTS} query-string variants, fresh`, mb, 'cacheFreshBytes'],
    [`page cache, ${VARIANTS} variants, after the TTL`, mb, 'cacheAfterTtlBytes'],
  ];
  const table = [
    `A page whose \`<title>\` is ${TITLE_BYTES / 1024 / 1024} MB, imported from a WARC record, then served (page cache off for render times; external memory after two full GCs for the cache, TTL ${TTL_MS} ms).`,
    '',
    `| measure | ${before ? 'before | ' : ''}now |`,
    `|---|${before ? '---:|' : ''}---:|`,
    ...rows.map(([label, fmt, key]) => `| ${label} | ${before ? `${fmt(before[key])} | ` : ''}${fmt(figures[key])} |`),
    ...(before
      ? [
          '',
          'Before: the tree at b245c3c (the same script). Its import gave the page no date, so its country page and feed did not list the article; compare the article page and the cache.',
        ]
      : []),
  ].join('\n');
  console.log(table);
  writeResults(
    'huge-article',
    table,
    `node --expose-gc --import tsx bench/huge-article.ts${values.before ? ' --before <figures of the tree before issue 17>' : ''}`,
  );
}
