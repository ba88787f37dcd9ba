import { createInflateRaw } from 'node:zlib';

/**
 * Gzip files read member by member, so a reader knows where each member ends and can start again
 * at the next one when a member is corrupt. A `.warc.gz` holds one member per record (ISO 28500,
 * annex D): Node's Gunzip reads every member as one stream and stops at the first bad byte,
 * losing every record after it; here the bad member is reported and reading resumes at the next
 * gzip header. Inflation is native zlib (a raw inflater per member, whose `bytesWritten` says
 * where its deflate data ended).
 */
export const MEMBER_END: unique symbol = Symbol('gzip member end');

/** Part of the input that could not be decompressed; reading goes on at the next member. */
export interface CorruptGzip {
  corrupt: string;
  /** Offset in the compressed input where the bad member began. */
  offset: number;
}

export type GzipEvent = Buffer | typeof MEMBER_END | CorruptGzip;

const MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);
/** Compressed bytes of a member kept to look for the next header in after a failure. */
const HISTORY_BYTES = 4 * 1024 * 1024;
/** Longest file name or comment accepted in a gzip header. */
const MAX_HEADER_FIELD = 64 * 1024;
/** Compressed bytes handed to the inflater at once: bounds the output of one step of a bomb (~1000:1). */
const STEP_BYTES = 16 * 1024;

/** An async byte source with put-back, counting the offset of the next byte it hands out. */
class Source {
  offset = 0;
  private readonly back: Buffer[] = [];
  private done = false;
  constructor(private readonly it: AsyncIterator<Buffer>) {}

  async next(): Promise<Buffer | undefined> {
    let chunk = this.back.pop();
    if (!chunk && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else chunk = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
    }
    if (!chunk) return undefined;
    if (chunk.length > STEP_BYTES) {
      this.back.push(chunk.subarray(STEP_BYTES));
      chunk = chunk.subarray(0, STEP_BYTES);
    }
    this.offset += chunk.length;
    return chunk;
  }

  unshift(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.back.push(chunk);
    this.offset -= chunk.length;
  }

  /** The next `n` bytes (fewer only at the end), consumed. */
  async read(n: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let have = 0;
    while (have < n) {
      const c = await this.next();
      if (!c) break;
      parts.push(c);
      have += c.length;
    }
    const all = Buffer.concat(parts);
    this.unshift(all.subarray(n));
    return all.subarray(0, n);
  }

  /** At least `n` bytes (fewer only at the end), left for the next read. */
  async peek(n: number): Promise<Buffer> {
    const all = await this.read(n);
    this.unshift(all);
    return all;
  }
}

/** Length of the gzip header at the start of `b`, 0 if it is not one, -1 if `b` is too short to tell. */
function headerLength(b: Buffer): number {
  if (b.length < 10) return b.length >= 3 && !b.subarray(0, 3).equals(MAGIC) ? 0 : -1;
  if (!b.subarray(0, 3).equals(MAGIC)) return 0;
  const flags = b[3] ?? 0;
  if (flags & 0xe0) return 0; // reserved bits set: not a header
  let pos = 10;
  if (flags & 0x04) {
    if (b.length < pos + 2) return -1;
    pos += 2 + b.readUInt16LE(pos);
  }
  for (const bit of [0x08, 0x10]) {
    if (!(flags & bit)) continue;
    const end = b.indexOf(0, pos);
    if (end < 0) return b.length - pos > MAX_HEADER_FIELD ? 0 : -1;
    pos = end + 1;
  }
  if (flags & 0x02) pos += 2;
  return b.length < pos ? -1 : pos;
}

/**
 * Decompressed bytes of every member in order, MEMBER_END after each complete member, and a
 * CorruptGzip event for each stretch that could not be read (then reading resumes at the next
 * gzip header found after the bad one).
 */
export async function* gunzipMembers(input: AsyncIterable<Buffer>): AsyncGenerator<GzipEvent> {
  const src = new Source(input[Symbol.asyncIterator]());
  for (;;) {
    const start = src.offset;
    const head = await src.peek(10);
    if (head.length === 0) return;
    let hlen = headerLength(head);
    if (hlen < 0) hlen = headerLength(await src.peek(MAX_HEADER_FIELD * 2 + 16));
    if (hlen <= 0) {
      const rest = await src.peek(64);
      // Zero padding after the last member is common and harmless.
      if (rest.every((b) => b === 0) && rest.length < 64) return;
      yield { corrupt: hlen === 0 ? 'not a gzip header' : 'truncated gzip header', offset: start };
      if (!(await resync(src, []))) return;
      continue;
    }
    await src.read(hlen);
    const member = yield* inflateMember(src, start);
    if (member.ok) {
      yield MEMBER_END;
      continue;
    }
    yield { corrupt: member.reason, offset: start };
    if (!(await resync(src, member.history))) return;
  }
}

async function* inflateMember(
  src: Source,
  start: number,
): AsyncGenerator<Buffer, { ok: true } | { ok: false; reason: string; history: Buffer[] }> {
  const inflater = createInflateRaw();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  inflater.on('error', (err) => {
    failure = err;
    wake?.();
  });
  let output: Buffer[] = [];
  inflater.on('data', (d: Buffer) => output.push(d));
  const history: Buffer[] = [];
  let historyBytes = 0;
  let written = 0;
  let size = 0;
  try {
    for (;;) {
      const chunk = await src.next();
      if (!chunk)
        return { ok: false, reason: `gzip member truncated at end of file (began at byte ${start})`, history };
      history.push(chunk);
      historyBytes += chunk.length;
      while (historyBytes > HISTORY_BYTES && history.length > 1) historyBytes -= history.shift()?.length ?? 0;
      // A failing write may never call back (the stream is destroyed): its error event settles it.
      await new Promise<void>((resolve) => {
        wake = resolve;
        inflater.write(chunk, () => resolve());
      });
      written += chunk.length;
      if (failure) return { ok: false, reason: `corrupt gzip member at byte ${start}: ${failure.message}`, history };
      for (const piece of output) {
        size += piece.length;
        yield piece;
      }
      output = [];
      if (inflater.bytesWritten < written) {
        // The deflate data ended inside this chunk: the rest is the trailer and the next member.
        src.unshift(chunk.subarray(chunk.length - (written - inflater.bytesWritten)));
        const trailer = await src.read(8);
        if (trailer.length < 8) return { ok: false, reason: 'gzip trailer missing at end of file', history };
        if (trailer.readUInt32LE(4) !== size % 2 ** 32)
          return { ok: false, reason: `gzip member at byte ${start} has the wrong length in its trailer`, history: [] };
        return { ok: true };
      }
    }
  } finally {
    inflater.destroy();
  }
}

/**
 * Moves the source to the next gzip header after a failure, looking first in the failed member's
 * own bytes (after its first byte) and then onwards. False when the input ends first.
 */
async function resync(src: Source, history: Buffer[]): Promise<boolean> {
  // Put the failed member's bytes (except the first) back, so a header inside them is found.
  const replay = Buffer.concat(history);
  if (replay.length > 0) {
    // The source has moved past `replay`; rewind to just after the failed member's first byte.
    src.unshift(replay.subarray(1));
  } else {
    const first = await src.next();
    if (!first) return false;
    src.unshift(first.subarray(1));
  }
  let carry: Buffer = Buffer.alloc(0);
  for (;;) {
    const chunk = await src.next();
    if (!chunk) return false;
    const hay = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const at = hay.indexOf(MAGIC);
    if (at >= 0) {
      src.unshift(hay.subarray(at));
      return true;
    }
    carry = hay.subarray(Math.max(0, hay.length - 2));
  }
}
