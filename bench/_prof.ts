import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { removeBoilerplate } from '/work/main/src/extract/boilerplate.ts';
import { readMetadata } from '/work/main/src/extract/metadata.ts';
import { blocksFromElement } from '/work/main/src/extract/blocks.ts';
import { decodeBody } from '/work/main/src/net/charset.ts';
import { readdirSync } from 'node:fs';
const dir = '/work/shared/data/trafilatura-eval/html';
const files = readdirSync(dir).slice(0, 200);
const htmls = files.map((f) => decodeBody(gunzipSync(readFileSync(`${dir}/${f}`))).text);
const t = { parse: 0, meta: 0, boiler: 0, read: 0, blocks: 0 };
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (const html of htmls) {
  let a = cpu(); const { document } = parseHTML(html); let b = cpu(); t.parse += b - a;
  readMetadata(document, 'https://x.example/'); a = cpu(); t.meta += a - b;
  removeBoilerplate(document); b = cpu(); t.boiler += b - a;
  let r; try { r = new Readability<Element>(document as any, { serializer: (n) => n as Element, keepClasses: true }).parse(); } catch {}
  a = cpu(); t.read += a - b;
  if (r?.content) blocksFromElement(r.content); b = cpu(); t.blocks += b - a;
}
console.log(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, (v / htmls.length).toFixed(1) + ' ms'])));
import { extractArticle } from '/work/main/src/extract/extract.ts';
let a = cpu(); for (const html of htmls) extractArticle(html, 'https://x.example/'); console.log('full', ((cpu() - a) / htmls.length).toFixed(1), 'ms/page');
