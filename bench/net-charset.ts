/**
 * Charset decoding on real pages: which charset decodeBody picks, how often the result still
 * holds replacement characters or UTF-8-read-as-Latin-1 mojibake, how fast it is, and whether
 * detection alone (declarations stripped) recovers the text of the legacy-encoded pages.
 *
 *   npx tsx bench/net-charset.ts [../shared/data/trafilatura-eval]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeBody } from '../src/net/charset.ts';

const root = process.argv[2] ?? '../shared/data/trafilatura-eval';
const dir = join(root, 'html');
const files = readdirSync(dir).filter((f) => f.endsWith('.gz'));

const MOJIBAKE = /Ã[\u0080-\u00bf]|â€[\u0090-\u00bf™œ]/g;
const byCharset = new Map<string, number>();
let withReplacement = 0;
let withMojibake = 0;
let bytesTotal = 0;
let elapsed = 0;
const legacy: Array<{ bytes: Uint8Array; text: string; charset: string }> = [];

for (const file of files) {
  const bytes = new Uint8Array(gunzipSync(readFileSync(join(dir, file))));
  const start = performance.now();
  const { text, charset } = decodeBody(bytes, null);
  elapsed += performance.now() - start;
  bytesTotal += bytes.byteLength;
  byCharset.set(charset, (byCharset.get(charset) ?? 0) + 1);
  if (text.includes('\ufffd')) {
    withReplacement++;
    if (process.env.VERBOSE) console.log('U+FFFD:', file, charset);
  }
  if ((text.match(MOJIBAKE) ?? []).length >= 3) {
    withMojibake++;
    if (process.env.VERBOSE) console.log('mojibake:', file, charset);
  }
  if (charset !== 'utf-8') legacy.push({ bytes, text, charset });
}

// Detection alone: remove every charset declaration, then compare what detection reads with what
// the known charset reads from the same bytes.
let recovered = 0;
const misses: string[] = [];
for (const page of legacy) {
  const stripped = Buffer.from(page.bytes)
    .toString('latin1')
    .replace(/charset\s*=\s*["']?[\w.:-]+/gi, 'x')
    .replace(/encoding\s*=\s*["'][^"']+["']/gi, 'x');
  const bytes = new Uint8Array(Buffer.from(stripped, 'latin1'));
  const detected = decodeBody(bytes, null);
  if (detected.text === decodeBody(bytes, null, { forceEncoding: page.charset }).text) recovered++;
  else misses.push(`${page.charset} read as ${detected.charset}`);
}

console.log(`pages: ${files.length} (${(bytesTotal / 1e6).toFixed(1)} MB)`);
console.log(`charset chosen: ${[...byCharset].map(([c, n]) => `${c} ${n}`).join(', ')}`);
console.log(`pages with U+FFFD after decoding: ${withReplacement}`);
console.log(`pages with UTF-8-as-Latin-1 mojibake (≥3 sequences): ${withMojibake}`);
console.log(
  `decode time: ${(elapsed / files.length).toFixed(2)} ms/page, ${(bytesTotal / 1e6 / (elapsed / 1000)).toFixed(0)} MB/s`,
);
console.log(
  `legacy pages re-detected with declarations stripped: ${recovered}/${legacy.length}${misses.length ? ` (misses: ${misses.join(', ')})` : ''}`,
);
