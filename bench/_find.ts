import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '/work/main/src/extract/extract.ts';
import { decodeBody } from '/work/main/src/net/charset.ts';
const dir = '/work/shared/data/trafilatura-eval/html';
for (const f of readdirSync(dir).slice(0, 300)) {
  const html = decodeBody(gunzipSync(readFileSync(`${dir}/${f}`))).text;
  try { extractArticle(html, 'https://x.example/'); } catch (e) { console.log(f, String(e).slice(0, 100), JSON.stringify(html.slice(0, 300))); }
}
