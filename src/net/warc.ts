import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { brotliDecompressSync, createGunzip, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

/**
 * WARC files (ISO 28500, the format of web archives and of Common Crawl's news crawl) as a stream
 * of records, and their HTTP responses as status, headers and decoded body. Lets Meridian be
 * filled and tested from archives, with no live network access.
 */
export interface WarcRecord {
  type: string;
  targetUri?: string;
  date?: string;
  /** WARC headers, names lower-case. */
  headers: Record<string, string>;
  block: Buffer;
}

export class WarcFormatError extends Error {
  override name = 'WarcFormatError';
}

const HEADER_END = Buffer.from('\r\n\r\n');
/** Longest WARC header block accepted: real ones are well under 4 KB. */
const MAX_HEADER_BYTES = 64 * 1024;

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

/** Opens a `.warc` or `.warc.gz` file (a gzip member per record, decompressed as one stream). */
export function openWarc(path: string): Readable {
  const file = createReadStream(path);
  return path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
}

/**
 * Reads records one by one with bounded memory: a record whose block is larger than
 * `maxRecordBytes` is skipped without being held (reported with an empty block and `skipped`).
 */
export async function* readWarc(
  input: Readable,
  maxRecordBytes = 20 * 1024 * 1024,
): AsyncGenerator<WarcRecord & { skipped?: boolean }> {
  let buffer: Buffer = Buffer.alloc(0);
  let skip = 0;
  let pending: { headers: Record<string, string>; length: number; skipped: boolean } | undefined;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    for (;;) {
      if (skip > 0) {
        const n = Math.min(skip, buffer.length);
        buffer = buffer.subarray(n);
        skip -= n;
        if (skip > 0) break;
      }
      if (!pending) {
        // Records are separated by blank lines; tolerate extra ones.
        let start = 0;
        while (start < buffer.length && (buffer[start] === 0x0d || buffer[start] === 0x0a)) start++;
        buffer = buffer.subarray(start);
        const end = buffer.indexOf(HEADER_END);
        if (end < 0) {
          if (buffer.length > MAX_HEADER_BYTES) throw new WarcFormatError('WARC header block too long or missing');
          break;
        }
        const head = buffer.subarray(0, end).toString('utf8');
        if (!head.startsWith('WARC/'))
          throw new WarcFormatError(`not a WARC record: ${JSON.stringify(head.slice(0, 40))}`);
        const headers = parseHeaders(head.slice(head.indexOf('\n') + 1));
        const length = Number(headers['content-length']);
        if (!Number.isInteger(length) || length < 0)
          throw new WarcFormatError('WARC record without a valid Content-Length');
        buffer = buffer.subarray(end + HEADER_END.length);
        pending = { headers, length, skipped: length > maxRecordBytes };
        if (pending.skipped) skip = length;
        continue;
      }
      if (pending.skipped) {
        yield recordOf(pending.headers, Buffer.alloc(0), true);
        pending = undefined;
        continue;
      }
      if (buffer.length < pending.length) break;
      const block = Buffer.from(buffer.subarray(0, pending.length));
      buffer = buffer.subarray(pending.length);
      yield recordOf(pending.headers, block, false);
      pending = undefined;
    }
  }
  if (pending && !pending.skipped) throw new WarcFormatError('WARC file ends inside a record (truncated)');
}

function recordOf(
  headers: Record<string, string>,
  block: Buffer,
  skipped: boolean,
): WarcRecord & { skipped?: boolean } {
  return {
    type: headers['warc-type'] ?? '',
    ...(headers['warc-target-uri'] ? { targetUri: headers['warc-target-uri'].replace(/^<|>$/g, '') } : {}),
    ...(headers['warc-date'] ? { date: headers['warc-date'] } : {}),
    headers,
    block,
    ...(skipped ? { skipped } : {}),
  };
}

export interface ArchivedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let pos = 0;
  while (pos < body.length) {
    const lineEnd = body.indexOf('\r\n', pos);
    if (lineEnd < 0) break;
    const size = Number.parseInt(body.subarray(pos, lineEnd).toString('latin1').split(';')[0] ?? '', 16);
    if (!Number.isFinite(size) || size <= 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    pos = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/**
 * The HTTP response inside a `response` record. Archives keep some bodies as sent (chunked,
 * gzip, brotli) and others decoded while keeping the original headers, so decoding is tried and
 * the raw body kept when it fails. Decompressed bodies are capped at `maxBodyBytes`.
 */
export function parseHttpResponse(block: Buffer, maxBodyBytes = 20 * 1024 * 1024): ArchivedResponse | undefined {
  const end = block.indexOf(HEADER_END);
  if (end < 0) return undefined;
  const head = block.subarray(0, end).toString('latin1');
  const status = Number(/^HTTP\/[\d.]+\s+(\d{3})/.exec(head)?.[1]);
  if (!Number.isInteger(status)) return undefined;
  const headers = parseHeaders(head.slice(head.indexOf('\n') + 1));
  let body = block.subarray(end + HEADER_END.length);
  if (
    /chunked/i.test(headers['transfer-encoding'] ?? '') &&
    /^[0-9a-f]+\r\n/i.test(body.subarray(0, 12).toString('latin1'))
  ) {
    body = dechunk(body);
  }
  const encoding = (headers['content-encoding'] ?? '').toLowerCase();
  const limits = { maxOutputLength: maxBodyBytes };
  try {
    if (encoding.includes('gzip') && body[0] === 0x1f && body[1] === 0x8b) body = gunzipSync(body, limits);
    else if (encoding.includes('br')) body = brotliDecompressSync(body, limits);
    else if (encoding.includes('deflate'))
      body = body[0] === 0x78 ? inflateSync(body, limits) : inflateRawSync(body, limits);
  } catch {
    // Already decoded by the archiver, or a bomb past the cap: keep what we have, capped.
  }
  return { status, headers, body: body.subarray(0, maxBodyBytes) };
}
