import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { findIntro } from '/work/main/src/extract/intro.ts';
import { preparePage } from '/work/main/src/extract/parse.ts';
import { decodeBody } from '/work/main/src/net/charset.ts';
for (const f of process.argv.slice(2)) {
  const { document } = preparePage(decodeBody(gunzipSync(readFileSync(`/work/shared/data/trafilatura-eval/html/${f}.gz`))).text);
  console.log(f, findIntro(document, document.querySelector('title')?.textContent ?? ''));
}
