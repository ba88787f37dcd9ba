/**
 * Lighthouse (mobile emulation, simulated throttling: its defaults) on the home, country, article
 * and story pages of a seeded reader whose images were stored as Meridian's own copies, with
 * Debian's chromium. Targets (issue 23): performance ≥ 95, accessibility 100. Prints each score, the
 * page's weight and the audits that cost points, the stored image bytes per article, and writes
 * them to bench/RESULTS.md. Not part of `npm test`.
 *
 *   CHROME_PATH=/usr/bin/chromium npx tsx bench/reader-lighthouse.ts
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startReader } from '../test/e2e/harness.ts';
import { writeResults } from './results.ts';

const reader = await startReader();
const rows: string[] = [];
const notes: string[] = [];
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const TARGET = { performance: 95, accessibility: 100 } as const;
let missed = false;
try {
  for (const [name, path] of [
    ['home', '/'],
    ['article', `/articles/${reader.ids[0]}`],
    ['country', '/countries/de'],
    ['story', `/stories/${reader.storyId}`],
  ] as const) {
    const result = await lighthouse(reader.url + path, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    if (!result) throw new Error(`no Lighthouse result for ${path}`);
    const { categories, audits } = result.lhr;
    const scores = Object.entries(TARGET).map(([id, target]) => {
      const score = Math.round((categories[id]?.score ?? 0) * 100);
      if (score < target) missed = true;
      return `${id} ${score}${score < target ? ` (< ${target})` : ''}`;
    });
    const metrics = [
      'first-contentful-paint',
      'largest-contentful-paint',
      'total-blocking-time',
      'cumulative-layout-shift',
    ]
      .map((id) => `${id.replace(/-/g, ' ')} ${audits[id]?.displayValue ?? '?'}`)
      .join(', ');
    const weight = Number(audits['total-byte-weight']?.numericValue ?? 0);
    const imageBytes = (
      result.lhr.audits['network-requests']?.details as { items?: Array<Record<string, unknown>> }
    )?.items
      ?.filter((r) => r.resourceType === 'Image')
      .reduce((n, r) => n + Number(r.transferSize ?? 0), 0);
    console.log(`${name.padEnd(8)} ${scores.join(', ')}, ${(weight / 1024).toFixed(1)} KB\n         ${metrics}`);
    rows.push(
      `| ${name} | ${Math.round((categories.performance?.score ?? 0) * 100)} | ${Math.round((categories.accessibility?.score ?? 0) * 100)} | ${(weight / 1024).toFixed(1)} | ${((imageBytes ?? 0) / 1024).toFixed(1)} | ${metrics} |`,
    );
    for (const cat of Object.keys(TARGET)) {
      for (const ref of categories[cat]?.auditRefs ?? []) {
        const a = audits[ref.id];
        if (a && ref.weight > 0 && a.score !== null && a.score < 0.9) {
          const line = `${name} · ${cat}: ${a.title} (${a.displayValue ?? Math.round((a.score ?? 0) * 100)})`;
          console.log(`         - ${line}`);
          notes.push(`- ${line}`);
        }
      }
    }
  }
  const totals = await reader.store.images.totals();
  const perArticle = totals.articles > 0 ? totals.bytes / totals.articles : 0;
  writeResults(
    'reader-lighthouse',
    [
      `Mobile emulation, Lighthouse's simulated throttling; targets performance ≥ ${TARGET.performance}, accessibility ${TARGET.accessibility}. Images are Meridian's stored copies (lead 960 px WebP and a 192×144 thumbnail per article, 64 px logos).`,
      '',
      '| page | performance | accessibility | page weight KB | of which images KB | metrics |',
      '|---|---:|---:|---:|---:|---|',
      ...rows,
      '',
      `Stored images: ${totals.images} copies, ${(totals.bytes / 1024).toFixed(1)} KB, for ${totals.articles} articles: ${(perArticle / 1024).toFixed(1)} KB per article (logos included).`,
      ...(notes.length > 0 ? ['', 'Audits that cost points:', ...notes] : []),
    ].join('\n'),
  );
} finally {
  chrome.kill();
  await reader.close();
}
if (missed) process.exitCode = 1;
