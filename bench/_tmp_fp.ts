import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

const dir = '/work/shared/data/trafilatura-eval';
const ev = JSON.parse(readFileSync(`${dir}/evaldata.json`, 'utf8'));
const fps: string[] = [],
  fns: string[] = [];
for (const [url, e] of Object.entries<any>(ev)) {
  const html = gunzipSync(readFileSync(`${dir}/html/${e.file}.gz`)).toString('utf8');
  let out = '';
  try {
    const { document } = parseHTML(html);
    const r = new Readability(document as any, { charThreshold: 500 }).parse();
    out = r?.textContent ?? '';
  } catch {}
  out = out.split(/\s+/).join(' ');
  for (const s of e.with) if (!out.includes(s)) fns.push(`${e.file} | ${s} | outlen=${out.length}`);
  for (const s of e.without) if (out.includes(s)) fps.push(`${e.file} | ${s}`);
}
console.log('FP');
console.log(fps.slice(0, 120).join('\n'));
console.log('FN');
console.log(fns.slice(0, 80).join('\n'));
