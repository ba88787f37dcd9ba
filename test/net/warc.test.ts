import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { parseHttpResponse, readWarc, type WarcRecord } from '../../src/net/warc.ts';

/** One response record: `length` overrides the Content-Length, `date` the WARC-Date. */
function record(n: number, options: { date?: string; length?: string; body?: Buffer } = {}): Buffer {
  const payload = Buffer.concat([
    Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n'),
    options.body ?? Buffer.from(`<html><title>Page ${n}</title><p>Text of page ${n}.</p></html>`),
  ]);
  const head = [
    'WARC/1.0',
    'WARC-Type: response',
    `WARC-Target-URI: http://a.example/${n}`,
    `WARC-Date: ${options.date ?? '2026-11-28T10:00:00Z'}`,
    'Content-Type: application/http; msgtype=response',
    `Content-Length: ${options.length ?? payload.length}`,
  ].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`), payload, Buffer.from('\r\n\r\n')]);
}

/** Member per record, as `.warc.gz` files are written. */
const gz = (records: Buffer[]) => Buffer.concat(records.map((r) => gzipSync(r)));

async function read(bytes: Buffer, maxRecordBytes?: number, chunk = 1000): Promise<WarcRecord[]> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  const out: WarcRecord[] = [];
  for await (const r of readWarc(Readable.from(chunks), maxRecordBytes)) out.push(r);
  return out;
}

const read1 = (rs: WarcRecord[]) => rs.filter((r) => !r.skipped).map((r) => r.targetUri);
const skips = (rs: WarcRecord[]) => rs.filter((r) => r.skipped).map((r) => r.skipped);

describe('readWarc on damaged archives', () => {
  for (const [name, wrap] of [
    ['plain', Buffer.concat],
    ['gzip', gz],
  ] as const) {
    test(`${name}: an unreadable WARC-Date is ignored; the record and every later one are kept`, async () => {
      const rs = await read(wrap([record(1), record(2, { date: 'yesterday-ish' }), record(3)]));
      assert.deepEqual(read1(rs), ['http://a.example/1', 'http://a.example/2', 'http://a.example/3']);
      assert.equal(rs[1]?.date, undefined);
      assert.equal(rs[1]?.badDate, 'yesterday-ish');
      assert.equal(rs[0]?.date, '2026-11-28T10:00:00.000Z');
    });

    test(`${name}: a Content-Length of 1e23 skips that record, not the rest of the file`, async () => {
      const rs = await read(wrap([record(1), record(2, { length: '1e23' }), record(3)]));
      assert.deepEqual(read1(rs), ['http://a.example/1', 'http://a.example/3']);
      assert.match(skips(rs).join(), /invalid Content-Length "1e23"/);
    });

    test(`${name}: a record over the size limit is counted as skipped with its size`, async () => {
      const big = record(2, { body: Buffer.alloc(3 * 1024 * 1024, 0x61) });
      const rs = await read(wrap([record(1), big, record(3)]), 1024 * 1024, 64 * 1024);
      assert.deepEqual(read1(rs), ['http://a.example/1', 'http://a.example/3']);
      const skipped = rs.find((r) => r.skipped);
      assert.equal(skipped?.targetUri, 'http://a.example/2');
      assert.match(skipped?.skipped ?? '', /record of 3 MB is over the 1 MB limit/);
    });
  }

  test('gzip: a digit Content-Length past its gzip member ends at the member; the next record is read', async () => {
    const rs = await read(gz([record(1), record(2, { length: '99999999999' }), record(3)]));
    assert.deepEqual(read1(rs), ['http://a.example/1', 'http://a.example/3']);
    assert.match(skips(rs).join(), /Content-Length 99999999999 runs past the end of its gzip member/);
  });

  test('plain: a Content-Length running past the end of the file is reported as truncated', async () => {
    const rs = await read(Buffer.concat([record(1), record(2, { length: '99999999999' }), record(3)]));
    assert.deepEqual(read1(rs), ['http://a.example/1']);
    assert.match(skips(rs).join(), /truncated/);
  });

  test('a corrupt gzip member is skipped; records before and after it are kept', async () => {
    const members = [1, 2, 3, 4].map((n) => gzipSync(record(n)));
    const bad = Buffer.from(members[1] ?? []);
    for (let i = 20; i < bad.length - 20; i += 7) bad[i] = (bad[i] ?? 0) ^ 0x55;
    for (const chunk of [7, 100, 64 * 1024]) {
      const rs = await read(Buffer.concat([members[0], bad, members[2], members[3]] as Buffer[]), undefined, chunk);
      assert.deepEqual(read1(rs), ['http://a.example/1', 'http://a.example/3', 'http://a.example/4'], `chunk ${chunk}`);
      assert.match(skips(rs).join(), /gzip/);
    }
  });

  test('a gzip member cut short at the end of the file keeps the records before it', async () => {
    const whole = gz([record(1), record(2)]);
    const rs = await read(whole.subarray(0, whole.length - 30));
    assert.deepEqual(read1(rs), ['http://a.example/1']);
    assert.match(skips(rs).join(), /truncated/);
  });

  test('bytes that are not a record are skipped up to the next record', async () => {
    const rs = await read(Buffer.concat([record(1), Buffer.from('garbage\r\nmore garbage\r\n'), record(2)]));
    assert.deepEqual(read1(rs), ['http://a.example/1', 'http://a.example/2']);
    assert.match(skips(rs).join(), /unreadable bytes/);
  });
});

describe('parseHttpResponse', () => {
  test('a gzip body is decoded', () => {
    const block = Buffer.concat([
      Buffer.from('HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n'),
      gzipSync(Buffer.from('<p>hello</p>')),
    ]);
    assert.equal(parseHttpResponse(block)?.body.toString(), '<p>hello</p>');
  });
});
