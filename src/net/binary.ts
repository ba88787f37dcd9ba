/**
 * Whether decoded "text" is really binary: compressed or image bytes pushed through a charset
 * decoder come out as control characters and U+FFFD, which language identification then reads as
 * Icelandic or Yoruba. Real pages have next to none, so a small share is decisive.
 */
const SAMPLE_CHARS = 64 * 1024;
/** Share of suspicious characters above which the text is binary (random bytes give 13% or more). */
export const BINARY_SHARE = 0.05;

/** Share of C0/C1 control characters (not tab, newline, form feed, carriage return) and U+FFFD. */
export function binaryShare(text: string): number {
  const n = Math.min(text.length, SAMPLE_CHARS);
  if (n === 0) return 0;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd)
      bad++;
  }
  return bad / n;
}

export function looksBinary(text: string): boolean {
  return binaryShare(text) > BINARY_SHARE;
}
