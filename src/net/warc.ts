import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { looksBinary } from './binary.ts';
import { type GzipEvent, gunzipMembers, MEMBER_END } from './gzip-members.ts';

/**
 * WARC files (ISO 28500, the format of web archives and of Common Crawl's news crawl) as a stream
 * of records, and their HTTP responses as status, headers and decoded body. Lets Meridian be
 * filled and tested from archives, with no live network access.
 */
export interface WarcRecord {
  type: string;
  targetUri?: string;
  /** WARC-Date as an ISO instant; absent when missing or unreadable (see `badDate`). */
  date?: string;
  /** The record's WARC-Date could not be read (it is ignored; the record is kept). */
  badDate?: string;
  /** WARC headers, names lower-case. */
  headers: Record<string, string>;
  block: Buffer;
  /** Why the record (or a stretch of the file) could not be read; its block is empty. */
  skipped?: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const RECORD_START = Buffer.from('WARC/');
/** Longest WARC header block accepted: real ones are well under 4 KB. */
const MAX_HEADER_BYTES = 64 * 1024;
export const DEFAULT_MAX_RECORD_BYTES = 20 * 1024 * 1024;

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

/** Opens a `.warc` or `.warc.gz` file as raw bytes (readWarc recognises gzip by its magic number). */
export function openWarc(path: string): Readable {
  return createReadStream(path);
}

/** Bytes of one input in order, with gzip member ends and corrupt stretches marked. */
async function* eventsOf(input: AsyncIterable<Buffer>): AsyncGenerator<GzipEvent> {
  const it = input[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const head = Buffer.isBuffer(first.value) ? first.value : Buffer.from(first.value);
  const rest: AsyncIterable<Buffer> = {
    async *[Symbol.asyncIterator]() {
      yield head;
      for (;;) {
        const r = await it.next();
        if (r.done) return;
        yield r.value;
      }
    },
  };
  if (head[0] === 0x1f && head[1] === 0x8b) yield* gunzipMembers(rest);
  else yield* rest;
}

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  // Years past 9999 cannot be written as ISO strings; such a date is as unreadable as "tomorrow".
  return Number.isFinite(ms) && Math.abs(ms) < 253402300800000 ? new Date(ms).toISOString() : undefined;
}

function recordOf(headers: Record<string, string>, block: Buffer, skipped?: string): WarcRecord {
  const rawDate = headers['warc-date'];
  const date = isoDate(rawDate);
  const target = headers['warc-target-uri']?.replace(/^<|>$/g, '');
  return {
    type: headers['warc-type'] ?? '',
    ...(target ? { targetUri: target } : {}),
    ...(date ? { date } : rawDate ? { badDate: rawDate.slice(0, 100) } : {}),
    headers,
    block,
    ...(skipped ? { skipped } : {}),
  };
}

function skippedStretch(reason: string): WarcRecord {
  return { type: '', headers: {}, block: Buffer.alloc(0), skipped: reason };
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/**
 * Reads records one by one with bounded memory, and never stops at a bad one: a record that cannot
 * be read is yielded with `skipped` (the reason) and an empty block, and reading resumes at the
 * next record: the next gzip member in a `.warc.gz`, else the next line starting `WARC/`. Records
 * larger than `maxRecordBytes` are skipped without being held; a Content-Length that runs past
 * the record's gzip member (a lie, such as 1e23) ends at that member.
 */
export async function* readWarc(
  input: AsyncIterable<Buffer> | Readable,
  maxRecordBytes = DEFAULT_MAX_RECORD_BYTES,
): AsyncGenerator<WarcRecord> {
  let buffer: Buffer = Buffer.alloc(0);
  /** The record whose block is being read. */
  let pending: { headers: Record<string, string>; length: number; tooLarge: boolean; got: number } | undefined;
  /** Bytes of `buffer` that precede a gzip member end seen while reading `pending`, if any. */
  let memberEndAt: number | undefined;
  let garbage = 0;
  /** The bytes being skipped belong to a record already reported as skipped. */
  let bodyOfSkipped = false;

  const flushGarbage = function* (): Generator<WarcRecord> {
    if (garbage > 0) yield skippedStretch(`${garbage} unreadable bytes between records`);
    garbage = 0;
  };

  for await (const event of eventsOf(input as AsyncIterable<Buffer>)) {
    if (event === MEMBER_END) {
      if (pending) memberEndAt = buffer.length;
      continue;
    }
    if (!Buffer.isBuffer(event)) {
      // Whatever was being read came (partly) from the corrupt member: it is lost, said once.
      const lost = pending
        ? ` (record ${pending.headers['warc-target-uri'] ?? pending.headers['warc-record-id'] ?? ''} lost)`
        : '';
      yield* flushGarbage();
      yield skippedStretch(`${event.corrupt}${lost}`);
      pending = undefined;
      memberEndAt = undefined;
      buffer = Buffer.alloc(0);
      continue;
    }
    buffer = buffer.length === 0 ? event : Buffer.concat([buffer, event]);
    for (;;) {
      if (pending) {
        // A record still open after its gzip member ended, followed by a new record: its
        // Content-Length lied. It ends at the member; the next record is read from there.
        if (memberEndAt !== undefined) {
          if (buffer.length < memberEndAt + RECORD_START.length) break;
          if (buffer.subarray(memberEndAt, memberEndAt + RECORD_START.length).equals(RECORD_START)) {
            yield recordOf(
              pending.headers,
              Buffer.alloc(0),
              `Content-Length ${pending.headers['content-length']} runs past the end of its gzip member`,
            );
            buffer = buffer.subarray(memberEndAt);
            pending = undefined;
            memberEndAt = undefined;
            continue;
          }
          memberEndAt = undefined;
        }
        if (pending.tooLarge) {
          const n = Math.min(pending.length - pending.got, buffer.length);
          pending.got += n;
          buffer = buffer.subarray(n);
          if (pending.got < pending.length) break;
          yield recordOf(
            pending.headers,
            Buffer.alloc(0),
            `record of ${mb(pending.length)} is over the ${mb(maxRecordBytes)} limit`,
          );
          pending = undefined;
          continue;
        }
        if (buffer.length < pending.length) break;
        const block = Buffer.from(buffer.subarray(0, pending.length));
        buffer = buffer.subarray(pending.length);
        yield recordOf(pending.headers, block);
        pending = undefined;
        memberEndAt = undefined;
        continue;
      }
      // Records are separated by blank lines; tolerate extra ones.
      let start = 0;
      while (start < buffer.length && (buffer[start] === 0x0d || buffer[start] === 0x0a)) start++;
      buffer = buffer.subarray(start);
      if (buffer.length < RECORD_START.length) break;
      if (!buffer.subarray(0, RECORD_START.length).equals(RECORD_START)) {
        // Not a record: skip to the next line that starts one.
        const next = buffer.indexOf('\nWARC/');
        const drop = next < 0 ? buffer.length - RECORD_START.length : next + 1;
        if (!bodyOfSkipped) garbage += drop;
        buffer = buffer.subarray(drop);
        if (next < 0) break;
        continue;
      }
      const end = buffer.indexOf(HEADER_END);
      if (end < 0 || end > MAX_HEADER_BYTES) {
        if (buffer.length <= MAX_HEADER_BYTES) break;
        garbage += 1;
        buffer = buffer.subarray(1);
        continue;
      }
      yield* flushGarbage();
      bodyOfSkipped = false;
      const head = buffer.subarray(0, end).toString('utf8');
      const headers = parseHeaders(head.slice(head.indexOf('\n') + 1));
      buffer = buffer.subarray(end + HEADER_END.length);
      const declared = headers['content-length'] ?? '';
      // Digits only: `1e23` or `-5` are not lengths, and past 2^53 a length is not exact.
      const length = /^\d{1,15}$/.test(declared) ? Number(declared) : Number.NaN;
      if (!Number.isSafeInteger(length)) {
        yield recordOf(headers, Buffer.alloc(0), `invalid Content-Length ${JSON.stringify(declared.slice(0, 40))}`);
        // What follows is that record's block: skipped up to the next record, not reported again.
        bodyOfSkipped = true;
        continue;
      }
      pending = { headers, length, tooLarge: length > maxRecordBytes, got: 0 };
    }
  }
  yield* flushGarbage();
  if (pending) {
    yield recordOf(
      pending.headers,
      Buffer.alloc(0),
      `truncated: the file ends inside the record (Content-Length ${pending.headers['content-length']})`,
    );
  } else if (buffer.some((b) => b !== 0x0d && b !== 0x0a)) {
    yield skippedStretch(`${buffer.length} unreadable bytes at the end of the file`);
  }
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

/** A response body whose content coding cannot be undone (corrupt, or a bomb past the cap). */
export class UndecodableBodyError extends Error {
  override name = 'UndecodableBodyError';
}

/** Undoes one content coding; undefined when the body does not carry it (the archiver decoded it). */
function decompress(body: Buffer, encoding: string, maxBodyBytes: number): Buffer | undefined {
  const limits = { maxOutputLength: maxBodyBytes };
  try {
    if (encoding.includes('gzip')) return body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body, limits) : undefined;
    if (encoding.includes('br')) return brotliDecompressSync(body, limits);
    if (encoding.includes('deflate'))
      return body[0] === 0x78 ? inflateSync(body, limits) : inflateRawSync(body, limits);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError)
      throw new UndecodableBodyError(`${encoding} body decompresses to more than ${mb(maxBodyBytes)}`);
    // Brotli and raw deflate have no magic number: an archiver that stored the body decoded
    // leaves text behind that fails to decompress. Text is kept; anything else is corrupt.
    if (!encoding.includes('gzip') && !looksBinary(body.subarray(0, 4096).toString('latin1'))) return undefined;
    throw new UndecodableBodyError(`corrupt ${encoding} body: ${(err as Error).message}`);
  }
  return undefined;
}

/**
 * The HTTP response inside a `response` record. Archives keep some bodies as sent (chunked,
 * gzip, brotli) and others decoded while keeping the original headers: a body that does not look
 * encoded is taken as it is, one that does and cannot be decoded is an UndecodableBodyError
 * (never text). Decompressed bodies are capped at `maxBodyBytes`.
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
  if (encoding && body.length > 0) body = decompress(body, encoding, maxBodyBytes) ?? body;
  return { status, headers, body: body.subarray(0, maxBodyBytes) };
}
