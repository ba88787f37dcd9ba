import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { decodeBody } from '/work/main/src/net/charset.ts';
import { extractArticle } from '/work/main/src/extract/extract.ts';
const dir = '/work/shared/data/trafilatura-eval';
const ev = JSON.parse(readFileSync(`${dir}/evaldata.json`, 'utf8'));
const c = (s: string) => s.replace(/\s+/g, ' ').trim();
let n = 0;
for (const [url, e] of Object.entries<any>(ev)) {
  const html = decodeBody(gunzipSync(readFileSync(`${dir}/html/${e.file}.gz`))).text;
  const art = extractArticle(html, url);
  const blocks = art?.blocks ?? [];
  const out = c(blocks.map((b) => b.text).join('\n\n'));
  const hits = e.without.filter((s: string) => out.includes(c(s)));
  if (!hits.length) continue;
  const { document } = parseHTML(html);
  for (const s of hits) {
    const bi = blocks.findIndex((b) => c(b.text).includes(c(s)));
    let best: Element | null = null;
    for (const el of document.querySelectorAll('body *')) if (c(el.textContent ?? '').includes(c(s))) best = el;
    const path: string[] = [];
    for (let x: Element | null = best; x && path.length < 4; x = x.parentElement) path.push(`${x.localName}.${(x.getAttribute('class') ?? '').split(/\s+/).slice(0, 2).join('.')}#${x.id}`);
    console.log(`${e.file.slice(0, 30)} | ${s.slice(0, 30)} | blk ${bi}/${blocks.length} ${blocks[bi]?.kind} len ${blocks[bi]?.text.length} | ${path.join(' < ')}`);
  }
  if (++n > 400) break;
}
