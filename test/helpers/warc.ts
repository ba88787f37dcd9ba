import { gzipSync } from 'node:zlib';

export interface WarcPage {
  url: string;
  html: string;
  status?: number;
  contentType?: string;
  /** Send the body gzip-encoded and chunked, as some archives keep it. */
  encoded?: boolean;
}

function record(type: string, url: string, payload: Buffer, contentType: string): Buffer {
  const head = [
    'WARC/1.0',
    `WARC-Type: ${type}`,
    `WARC-Target-URI: ${url}`,
    'WARC-Date: 2026-11-28T10:00:00Z',
    `WARC-Record-ID: <urn:uuid:${Math.random().toString(16).slice(2)}>`,
    `Content-Type: ${contentType}`,
    `Content-Length: ${payload.length}`,
  ].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`), payload, Buffer.from('\r\n\r\n')]);
}

/** A WARC file (gzip per record when `gzip`), with a request record before each response. */
export function buildWarc(pages: WarcPage[], gzip = true): Buffer {
  const records: Buffer[] = [];
  records.push(
    record('warcinfo', 'urn:meridian:test', Buffer.from('software: meridian-test\r\n'), 'application/warc-fields'),
  );
  for (const p of pages) {
    records.push(
      record(
        'request',
        p.url,
        Buffer.from(`GET ${new URL(p.url).pathname} HTTP/1.1\r\nHost: ${new URL(p.url).host}\r\n\r\n`),
        'application/http; msgtype=request',
      ),
    );
    let body = Buffer.from(p.html);
    const headers = [`HTTP/1.1 ${p.status ?? 200} OK`, `Content-Type: ${p.contentType ?? 'text/html; charset=utf-8'}`];
    if (p.encoded) {
      const gz = gzipSync(body);
      body = Buffer.concat([Buffer.from(`${gz.length.toString(16)}\r\n`), gz, Buffer.from('\r\n0\r\n\r\n')]);
      headers.push('Content-Encoding: gzip', 'Transfer-Encoding: chunked');
    }
    records.push(
      record(
        'response',
        p.url,
        Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\n\r\n`), body]),
        'application/http; msgtype=response',
      ),
    );
  }
  return Buffer.concat(gzip ? records.map((r) => gzipSync(r)) : records);
}
