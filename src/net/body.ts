import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

/**
 * Reads a response body into memory with a hard cap counted AFTER decompression. We decompress
 * ourselves (undici's request() does not) with zlib streams, so a gzip or brotli bomb is cut off
 * as soon as its output passes the cap instead of being inflated in full, and an endless body is
 * cut the same way. The source is destroyed whenever reading stops early, releasing the socket.
 */
export class BodyTooLarge extends Error {}
export class UnsupportedEncoding extends Error {}

export interface ReadLimits {
  maxBytes: number;
  /** Keep the first maxBytes instead of failing (robots.txt: only its head matters). */
  truncate?: boolean;
}

export async function readBody(
  source: Readable,
  contentEncoding: string | undefined,
  limits: ReadLimits,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const stream = await decodedStream(source, parseContentEncoding(contentEncoding));
    if (stream === null) return new Uint8Array(0);
    for await (const chunk of stream as AsyncIterable<Uint8Array>) {
      if (total + chunk.byteLength > limits.maxBytes) {
        if (!limits.truncate) throw new BodyTooLarge();
        chunks.push(chunk.subarray(0, limits.maxBytes - total));
        total = limits.maxBytes;
        break;
      }
      chunks.push(chunk);
      total += chunk.byteLength;
    }
  } finally {
    release(source);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * The source with its content codings undone, or null for an empty body (servers send empty
 * bodies labelled gzip, which zlib would reject as truncated).
 */
async function decodedStream(source: Readable, encodings: string[]): Promise<Readable | null> {
  if (encodings.length === 0) return source;
  const unsupported = encodings.find((e) => !SUPPORTED_ENCODINGS.has(e));
  if (unsupported) throw new UnsupportedEncoding(`Unsupported Content-Encoding "${unsupported}"`);
  const head = await peekHead(source);
  if (head === null) return null;
  let stream = source;
  // Encodings are listed in the order they were applied, so they are undone last-first; only the
  // first decoder sees the bytes we peeked at.
  encodings.reverse().forEach((encoding, i) => {
    stream = pipeline(stream, decoderFor(encoding, i === 0 ? head : null), () => {});
  });
  return stream;
}

/**
 * Destroys a body stream we stop reading. undici reports that as an "aborted" error event, which
 * would be an uncaught exception when nothing listens any more, hence the no-op listener.
 */
export function release(stream: Readable): void {
  stream.on('error', () => {});
  stream.destroy();
}

/** Content-Encoding values, lower-case, without `identity`. */
export function parseContentEncoding(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '' && s !== 'identity');
}

const SUPPORTED_ENCODINGS = new Set(['gzip', 'x-gzip', 'br', 'deflate']);

function decoderFor(encoding: string, head: Buffer | null): Transform {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'br':
      return createBrotliDecompress();
    case 'deflate':
      // "deflate" should be zlib-wrapped (RFC 9110), but some servers send raw deflate.
      return head === null || hasZlibHeader(head) ? createInflate() : createInflateRaw();
    default:
      throw new UnsupportedEncoding(`Unsupported Content-Encoding "${encoding}"`);
  }
}

/** A zlib header: compression method 8 and a header checksum divisible by 31. */
function hasZlibHeader(head: Buffer): boolean {
  const [b0 = 0, b1 = 0] = head;
  return (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
}

/** The first buffered bytes of a stream, put back so they are read again; null if it is empty. */
async function peekHead(stream: Readable): Promise<Buffer | null> {
  let head = stream.read() as Buffer | null;
  while (head === null && !stream.readableEnded && !stream.destroyed) {
    await readableOrEnd(stream);
    head = stream.read() as Buffer | null;
  }
  if (head === null || head.length === 0) return null;
  stream.unshift(head);
  return head;
}

/** Waits for data or the end, removing its listeners after (a leftover one would fire on destroy). */
function readableOrEnd(stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (err?: Error) => {
      stream.off('readable', onReady).off('end', onReady).off('error', settle);
      if (err) reject(err);
      else resolve();
    };
    const onReady = () => settle();
    stream.on('readable', onReady).on('end', onReady).on('error', settle);
  });
}
