/**
 * Feed parsing throughput: parses every feed under a folder N times and prints parses/s and
 * items/s per file, plus a synthetic 500-item RSS feed (the item cap) for the big-feed case.
 *
 *   npx tsx bench/feeds-parse.ts [folder=test/fixtures/feeds] [iterations=200]
 *
 * Any *.xml or *.json file under the folder is read as a feed (expected.json files are skipped).
 * Files that are refused (HTML pages, empty bodies) are timed too: refusing must be cheap.
 * `feedsmith ms` is feedsmith alone on the same text (blank where it throws), to show what the
 * sniffing, repairs and finishing add on top of the XML parse.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseFeed as feedsmithParse } from 'feedsmith';
import { FeedParseError, parseFeed } from '../src/feeds/index.ts';

const folder = process.argv[2] ?? 'test/fixtures/feeds';
const iterations = Number(process.argv[3] ?? 200);
const baseUrl = 'https://bench.example/feed.xml';

function feedFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...feedFiles(path));
    else if (/\.(xml|json|rss|atom)$/i.test(name) && name !== 'expected.json') out.push(path);
  }
  return out;
}

function syntheticRss(count: number): string {
  const items = Array.from(
    { length: count },
    (_, i) => `<item>
  <title><![CDATA[Story number ${i}: talks resume as envoys <em>return</em> &amp; markets rally]]></title>
  <link>https://bench.example/world/2025/02/story-${i}</link>
  <guid isPermaLink="false">story-${i}</guid>
  <pubDate>Fri, ${(i % 28) + 1} Feb 2025 ${String(i % 24).padStart(2, '0')}:15:00 +0100</pubDate>
  <dc:creator>Reporter ${i % 17}</dc:creator>
  <description><![CDATA[<p>${'Envoys returned to the table on Friday, diplomats said. '.repeat(6)}</p><img src="/img/${i}.jpg">]]></description>
  <media:content url="https://cdn.bench.example/img/${i}-1600.jpg" medium="image" width="1600"/>
</item>`,
  ).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Bench</title><link>https://bench.example/</link>${items}</channel></rss>`;
}

interface Row {
  name: string;
  kb: number;
  items: number;
  msPerParse: number;
  feedsmithMs?: number;
  outcome: string;
}

function timeIt(fn: () => void): number {
  for (let i = 0; i < Math.min(20, iterations); i++) fn(); // warm-up
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return (performance.now() - start) / iterations;
}

function feedsmithTime(text: string): number | undefined {
  try {
    feedsmithParse(text);
  } catch {
    return undefined;
  }
  return timeIt(() => feedsmithParse(text));
}

function measure(name: string, text: string): Row {
  const once = (): { items: number; outcome: string } => {
    try {
      const feed = parseFeed(text, baseUrl);
      return { items: feed.items.length, outcome: feed.recovery };
    } catch (err) {
      if (err instanceof FeedParseError) return { items: 0, outcome: `refused:${err.kind}` };
      throw err;
    }
  };
  const first = once();
  const ms = timeIt(once);
  const row: Row = {
    name,
    kb: Buffer.byteLength(text) / 1024,
    items: first.items,
    msPerParse: ms,
    outcome: first.outcome,
  };
  const alone = feedsmithTime(text);
  if (alone !== undefined) row.feedsmithMs = alone;
  return row;
}

const rows: Row[] = feedFiles(folder).map((path) => measure(relative(folder, path), readFileSync(path, 'utf8')));
rows.push(measure('synthetic-rss-500-items', syntheticRss(500)));

console.log(`feeds-parse: ${iterations} iterations per file, Node ${process.version}`);
console.log(
  `${'file'.padEnd(36)} ${'KB'.padStart(7)} ${'items'.padStart(6)} ${'ms/parse'.padStart(9)} ${'parses/s'.padStart(9)} ${'items/s'.padStart(9)}  outcome`,
);
let totalItems = 0;
let totalMs = 0;
for (const r of rows) {
  totalItems += r.items;
  totalMs += r.msPerParse;
  console.log(
    `${r.name.padEnd(36)} ${r.kb.toFixed(1).padStart(7)} ${String(r.items).padStart(6)} ${r.msPerParse.toFixed(3).padStart(9)} ${(1000 / r.msPerParse).toFixed(0).padStart(9)} ${((r.items * 1000) / r.msPerParse).toFixed(0).padStart(9)} ${(r.feedsmithMs?.toFixed(3) ?? '').padStart(12)}  ${r.outcome}`,
  );
}
console.log(
  `all files once: ${totalMs.toFixed(2)} ms for ${totalItems} items = ${((totalItems * 1000) / totalMs).toFixed(0)} items/s`,
);
