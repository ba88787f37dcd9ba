import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { extractWithSource } from '/work/main/src/extract/extract.ts';
import { baselineBlocks } from '/work/main/src/extract/fallback.ts';
import { cleanBody } from '/work/main/src/extract/cleanup.ts';
import { preparePage } from '/work/main/src/extract/parse.ts';
import { decodeBody } from '/work/main/src/net/charset.ts';
const dir = '/work/shared/data/trafilatura-eval';
const ev = JSON.parse(readFileSync(`${dir}/evaldata.json`, 'utf8'));
const c = (s: string) => s.replace(/\s+/g, ' ').trim();
const rows: any[] = [];
for (const [url, e] of Object.entries<any>(ev)) {
  const html = decodeBody(gunzipSync(readFileSync(`${dir}/html/${e.file}.gz`))).text;
  const r = extractWithSource(html, url, { minChars: 0 });
  const a = c(r ? r.article.blocks.map((b) => b.text).join('\n\n') : '');
  const { source } = preparePage(html);
  const bb = cleanBody(baselineBlocks(source));
  const b = c(bb.blocks.map((x) => x.text).join('\n\n'));
  const score = (t: string) => ({ tp: e.with.filter((s: string) => t.includes(c(s))).length, fp: e.without.filter((s: string) => t.includes(c(s))).length });
  rows.push({ f: e.file, la: a.length, lb: b.length, A: score(a), B: score(b), n: e.with.length, m: e.without.length });
}
writeFileSync('/tmp/xp/oracle.json', JSON.stringify(rows));
