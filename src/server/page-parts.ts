import { Html } from './jsx/jsx-runtime.ts';

const utf8 = new TextEncoder();

/** Only this module makes an EncodedHtml from bytes, and only from bytes it encoded itself. */
const ENCODED: unique symbol = Symbol('encoded');

/**
 * Markup kept as UTF-8 bytes: the parts many pages repeat as they are (the site header and
 * footer, a story's World's Current Take). A page is answered as bytes, and markup kept as a
 * string is encoded again on every request: on an article page in a story more than half of the
 * page was such markup, and encoding was the largest single cost of rendering it.
 */
export class EncodedHtml {
  readonly bytes: Uint8Array;

  constructor(html: Html);
  /** A view of bytes this module encoded from Html (`EncodedList.at`). */
  constructor(token: typeof ENCODED, bytes: Uint8Array);
  constructor(html: Html | typeof ENCODED, bytes?: Uint8Array) {
    // Buffer.from, not TextEncoder: small ones share Node's pooled slabs, so the thousands a
    // story cache holds are not as many ArrayBuffers for the collector to track.
    this.bytes = html === ENCODED ? (bytes as Uint8Array) : Buffer.from(html.html, 'utf8');
  }
}

/**
 * Several markups kept as one run of UTF-8 bytes, each taken out as an EncodedHtml that shares
 * them. A cache of many small parts (the entries of every story's Alternative Takes) then holds
 * three objects per list instead of two per part: fewer for the garbage collector to mark on
 * every full collection, which under load slows every request in flight while it runs.
 */
export class EncodedList {
  private readonly bytes: Buffer;
  /** Where each part ends in `bytes`; part `i` starts where part `i - 1` ends. */
  private readonly ends: Uint32Array;

  constructor(parts: readonly Html[]) {
    this.ends = new Uint32Array(parts.length);
    let total = 0;
    for (const part of parts) total += Buffer.byteLength(part.html, 'utf8');
    // allocUnsafe, as Buffer.from: a small list shares Node's pooled slabs. Every byte is written.
    this.bytes = Buffer.allocUnsafe(total);
    let at = 0;
    parts.forEach((part, i) => {
      at += this.bytes.write(part.html, at, 'utf8');
      this.ends[i] = at;
    });
  }

  get length(): number {
    return this.ends.length;
  }

  /** The bytes kept, for weighing a cache. */
  get byteLength(): number {
    return this.bytes.length;
  }

  /** Part `i`, sharing the list's bytes. */
  at(i: number): EncodedHtml {
    if (!(i >= 0 && i < this.ends.length)) throw new RangeError(`no part ${i} in a list of ${this.ends.length}`);
    return new EncodedHtml(ENCODED, this.bytes.subarray(i === 0 ? 0 : this.ends[i - 1], this.ends[i]));
  }
}

/**
 * Stands in for what a kept part leaves open (its children, a time rendered per request) while
 * it is rendered. Escaped text never holds a `<`, so the one place it can appear is the slot.
 */
export const SLOT = new Html('<!--slot-->');

/** `html`, rendered with SLOT in it once, as the encoded parts before and after the slot. */
export function aroundSlot(html: Html): { before: EncodedHtml; after: EncodedHtml } {
  const [before, after, ...more] = html.html.split(SLOT.html);
  if (before === undefined || after === undefined || more.length > 0)
    throw new Error('aroundSlot: the markup must hold SLOT once');
  return { before: new EncodedHtml(new Html(before)), after: new EncodedHtml(new Html(after)) };
}

/** A page as the pieces it is written from, in order. */
export type PagePart = Html | EncodedHtml;

/**
 * Scratch room for encoding: `encodeInto` a buffer that is already there, then one copy of the
 * bytes written, costs half of what `encode` does on a page (measured on 10 KB article pages:
 * 19 µs against 43), which allocates a buffer for the worst case and flattens the page string on
 * the way. A page that may not fit gets room of its own, written the same way.
 */
const scratch = new Uint8Array(256 * 1024);

/** The page's bytes: string parts encoded, encoded parts copied, in one buffer of its own. */
export function encodeParts(parts: readonly PagePart[]): Uint8Array<ArrayBuffer> {
  // Three bytes per UTF-16 unit at most, so this bounds the page (a rope's length costs nothing).
  let bound = 0;
  for (const part of parts) bound += part instanceof Html ? part.html.length * 3 : part.bytes.length;
  const room = bound <= scratch.length ? scratch : new Uint8Array(bound);
  let at = 0;
  for (const part of parts) {
    if (part instanceof Html) {
      at += utf8.encodeInto(part.html, room.subarray(at)).written;
    } else {
      room.set(part.bytes, at);
      at += part.bytes.length;
    }
  }
  return room.slice(0, at);
}
