import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { decodeBody } from '/work/main/src/net/charset.ts';
const dir = '/work/shared/data/trafilatura-eval';
const ev = JSON.parse(readFileSync(`${dir}/evaldata.json`, 'utf8'));
const byFile = new Map(Object.entries<any>(ev).map(([u, e]) => [e.file, { url: u, ...e }]));
const rows = JSON.parse(readFileSync('/tmp/xp/oracle.json', 'utf8'));
const c = (s: string) => s.replace(/\s+/g, ' ').trim();
import { extractArticle } from '/work/main/src/extract/extract.ts';
let n = 0;
for (const r of rows) {
  if (r.A.tp === 0 || r.A.tp === r.n) continue;
  if (n++ > 60) break;
  const e = byFile.get(r.f);
  const html = decodeBody(gunzipSync(readFileSync(`${dir}/html/${r.f}.gz`))).text;
  const art = extractArticle(html, e.url);
  const out = c(art?.blocks.map((b) => b.text).join('\n\n') ?? '');
  const { document } = parseHTML(html);
  for (const s of e.with) {
    if (out.includes(c(s))) continue;
    // find deepest element containing s
    let best: Element | null = null;
    for (const el of document.querySelectorAll('body *')) if (c(el.textContent ?? '').includes(c(s))) best = el;
    const path: string[] = [];
    for (let x: Element | null = best; x && path.length < 4; x = x.parentElement) path.push(`${x.localName}.${(x.getAttribute('class') ?? '').split(/\s+/).slice(0, 2).join('.')}#${x.id}`);
    console.log(r.f, '|', s.slice(0, 40), '|', path.join(' < '));
  }
}
