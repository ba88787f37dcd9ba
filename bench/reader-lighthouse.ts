/**
 * Lighthouse (mobile emulation, simulated throttling: its defaults) on the home and article pages
 * of a seeded reader, with Debian's chromium. Targets (issue 4): performance ≥ 90, accessibility ≥ 95.
 * Prints each score and the audits that cost points. Not part of `npm test`.
 *
 *   CHROME_PATH=/usr/bin/chromium npx tsx bench/reader-lighthouse.ts
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { startReader } from '../test/e2e/harness.ts';

const reader = await startReader();
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const TARGET = { performance: 90, accessibility: 95 } as const;
let missed = false;
try {
  for (const [name, path] of [
    ['home', '/'],
    ['article', `/articles/${reader.ids[0]}`],
    ['country', '/countries/de'],
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
    console.log(`${name.padEnd(8)} ${scores.join(', ')}\n         ${metrics}`);
    for (const cat of Object.keys(TARGET)) {
      for (const ref of categories[cat]?.auditRefs ?? []) {
        const a = audits[ref.id];
        if (a && ref.weight > 0 && a.score !== null && a.score < 0.9) {
          console.log(`         - ${cat}: ${a.title} (${a.displayValue ?? Math.round((a.score ?? 0) * 100)})`);
        }
      }
    }
  }
} finally {
  chrome.kill();
  await reader.close();
}
if (missed) process.exitCode = 1;
