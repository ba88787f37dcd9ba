import { Html } from './jsx/jsx-runtime.ts';

const utf8 = new TextEncoder();

/**
 * Markup kept as UTF-8 bytes: the parts many pages repeat as they are (the site header and
 * footer, a story's World's Current Take). A page is answered as bytes, and markup kept as a
 * string is encoded again on every request: on an article page in a story more than half of the
 * page was such markup, and encoding was the largest single cost of rendering it.
 */
export class EncodedHtml {
  readonly bytes: Uint8Array;

  constructor(html: Html) {
    // Buffer.from, not TextEncoder: small ones share Node's pooled slabs, so the tens of
    // thousands a story cache holds are not as many ArrayBuffers for the collector to track.
    this.bytes = Buffer.from(html.html, 'utf8');
  }
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
