/**
 * The WARC reader against Webrecorder's warcio (warcio.js) on the damage issue 17 listed, and on
 * an undamaged archive for speed. warcio is not a dependency: install it for this comparison with
 * `npm i --no-save warcio@2.4.11`; without it only our reader is measured.
 *
 *   npx tsx bench/warc-readers.ts
 */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { readWarc } from '../src/net/warc.ts';
import { writeResults } from './results.ts';

function record(n: number, body: Buffer | string, options: { date?: string; length?: string } = {}): Buffer {
  const payload = Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n'), Buffer.from(body)]);
  const head = [
    'WARC/1.0',
    'WARC-Type: response',
    `WARC-Target-URI: http://a.example/${n}`,
    `WARC-Date: ${options.date ?? '2026-11-28T10:00:00Z'}`,
    `Content-Length: ${options.length ?? payload.length}`,
  ].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`), payload, Buffer.from('\r\n\r\n')]);
}
const page = (n: number) => `<html><title>Page ${n}</title><p>${'text '.repeat(50)}</p></html>`;
const gz = (rs: Buffer[]) => Buffer.concat(rs.map((r) => gzipSync(r)));
const corrupt = (() => {
  const members = [1, 2, 3].map((n) => gzipSync(record(n, page(n))));
  const bad = Buffer.from(members[1] as Buffer);
  for (let i = 20; i < bad.length - 20; i += 7) bad[i] = (bad[i] ?? 0) ^ 0x55;
  return Buffer.concat([members[0] as Buffer, bad, members[2] as Buffer]);
})();

/** Each case: the archive, and the target URIs an honest reader returns (record 2 is the bad one). */
const CASES: Array<[string, Buffer, string[]]> = [
  [
    'bad WARC-Date',
    gz([record(1, page(1)), record(2, page(2), { date: 'yesterday-ish' }), record(3, page(3))]),
    ['1', '2', '3'],
  ],
  [
    'Content-Length 1e23',
    gz([record(1, page(1)), record(2, page(2), { length: '1e23' }), record(3, page(3))]),
    ['1', '3'],
  ],
  ['50 MB record', gz([record(1, page(1)), record(2, 'x'.repeat(50 * 1024 * 1024)), record(3, page(3))]), ['1', '3']],
  ['corrupt gzip member', corrupt, ['1', '3']],
];
const normalRecords = Array.from({ length: 3000 }, (_, i) =>
  record(i, `<html><title>${i}</title>${'<p>News text of the world. </p>'.repeat(800)}</html>`),
);
const normal = gz(normalRecords);
const normalMb = normalRecords.reduce((n, r) => n + r.length, 0) / 2 ** 20;

async function ours(bytes: Buffer): Promise<{ uris: string[]; note: string }> {
  const uris: string[] = [];
  const skipped: string[] = [];
  for await (const r of readWarc(Readable.from([bytes]))) {
    if (r.skipped) skipped.push(r.skipped);
    else uris.push(r.targetUri?.split('/').pop() ?? '');
  }
  return { uris, note: skipped.join('; ') };
}

type WarcioParser = new (
  source: AsyncIterable<Uint8Array>,
) => AsyncIterable<{
  warcTargetURI?: string | null;
  readFully(decode?: boolean): Promise<Uint8Array>;
}>;

async function theirs(Parser: WarcioParser, bytes: Buffer): Promise<{ uris: string[]; note: string }> {
  const uris: string[] = [];
  try {
    for await (const r of new Parser(Readable.from([bytes]))) {
      const body = await r.readFully(false);
      // A record is only honest if its block is its own (not the rest of the file).
      uris.push(`${r.warcTargetURI?.split('/').pop() ?? ''}${body.length > 10_000_000 ? ' (whole 50 MB read)' : ''}`);
    }
    return { uris, note: '' };
  } catch (err) {
    return { uris, note: `threw ${String(err).slice(0, 80)}` };
  }
}

let warcio: WarcioParser | undefined;
try {
  warcio = ((await import('warcio' as string)) as { WARCParser: WarcioParser }).WARCParser;
} catch {
  console.log('warcio is not installed (npm i --no-save warcio@2.4.11): measuring our reader only');
}

const rows: string[] = [];
for (const [name, bytes, expected] of CASES) {
  const a = await ours(bytes);
  const b = warcio ? await theirs(warcio, bytes) : undefined;
  const verdict = (uris: string[]) => (JSON.stringify(uris) === JSON.stringify(expected) ? 'right' : 'WRONG');
  rows.push(
    `| ${name} | ${a.uris.join(', ')} (${verdict(a.uris)}); ${a.note || 'nothing skipped'} | ${b ? `${b.uris.join(', ')} (${verdict(b.uris)})${b.note ? `; ${b.note}` : ''}` : 'not measured'} |`,
  );
}
const time = async (f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  return ((performance.now() - t) / 1000).toFixed(2);
};
const oursS = await time(() => ours(normal));
const theirsS = warcio ? await time(() => theirs(warcio as WarcioParser, normal)) : 'not measured';
const table = `Records returned (expected: every good record, the bad one skipped with a reason, or kept with its date ignored).

| case | this reader | warcio 2.4.11 |
|---|---|---|
${rows.join('\n')}
| 3,000 records, ${(normal.length / 2 ** 20).toFixed(1)} MB gzip → ${normalMb.toFixed(0)} MB | ${oursS} s | ${theirsS}${warcio ? ' s' : ''} |`;
console.log(table);
writeResults('warc-readers', table);
