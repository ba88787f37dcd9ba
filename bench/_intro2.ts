import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { preparePage } from '/work/main/src/extract/parse.ts';
import { classWords } from '/work/main/src/extract/boilerplate.ts';
import { decodeBody } from '/work/main/src/net/charset.ts';
const f = process.argv[2];
const { document } = preparePage(decodeBody(gunzipSync(readFileSync(`/work/shared/data/trafilatura-eval/html/${f}.gz`))).text);
const el = document.querySelector(process.argv[3]!);
console.log(el?.localName, el && classWords(el), el?.closest('a, nav, aside, figure, footer')?.localName);
for (const h of document.querySelectorAll('h1')) console.log('h1', h.textContent?.slice(0, 60), h.closest('article, main')?.localName, h.compareDocumentPosition(el!));
const h1 = [...document.querySelectorAll('h1')].find((h) => h.closest('article'))!;
const scope = h1.closest('article, main')!;
let i = 0;
for (const e of scope.querySelectorAll('[class], [itemprop="description"]')) {
  const fol = (h1.compareDocumentPosition(e) & 4) !== 0 && !h1.contains(e);
  if (!fol) continue;
  if (i++ > 45) break;
  console.log(i, e.localName, e.getAttribute('class')?.slice(0, 50), (e.textContent ?? '').length);
}
const p = document.querySelector('.ts-intro')!;
const t = document.querySelector('.ts-time')!;
console.log('p vs time', p.compareDocumentPosition(t), 'time vs p', t.compareDocumentPosition(p), 'h1 vs p', h1.compareDocumentPosition(p));
