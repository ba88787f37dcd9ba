/**
 * MinHash signatures of article bodies, for near-duplicates: the same wire story published by
 * several sites with another headline, a paragraph more or less, a different byline. The share of
 * equal signature values estimates the Jaccard similarity of the two texts' word 4-grams; banding
 * the signature (LSH) finds candidates through an index instead of a scan: texts with Jaccard 0.75
 * share a band with probability 0.998, texts with Jaccard 0.3 with probability 0.12.
 */
const SHINGLE = 4;
const HASHES = 64;
const ROWS = 4; // per band: 16 bands
/** Estimated Jaccard similarity from which two bodies are one story's copies. */
export const NEAR_DUPLICATE_SIMILARITY = 0.6;

/** FNV-1a and a Murmur-style mix over a string: two independent 32-bit hashes. */
function hash2(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  return [a >>> 0, (b | 1) >>> 0];
}

/** Words of the text, lower-cased; in scripts without spaces, single characters stand in. */
function tokens(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).flatMap((w) => (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u.test(w) ? [...w] : [w]));
}

/** The signature as hex (8 digits per value), or undefined for texts too short to judge. */
export function minhash(text: string): string | undefined {
  const words = tokens(text);
  if (words.length < SHINGLE * 6) return undefined;
  const mins = new Uint32Array(HASHES).fill(0xffffffff);
  for (let i = 0; i + SHINGLE <= words.length; i++) {
    const [h1, h2] = hash2(words.slice(i, i + SHINGLE).join(' '));
    // Kirsch–Mitzenmacher: h1 + k·h2 gives HASHES hash functions from two.
    for (let k = 0; k < HASHES; k++) {
      const h = (h1 + Math.imul(k, h2)) >>> 0;
      if (h < (mins[k] as number)) mins[k] = h;
    }
  }
  return Array.from(mins, (v) => v.toString(16).padStart(8, '0')).join('');
}

/** The LSH band keys of a signature. */
export function bands(signature: string): string[] {
  const keys: string[] = [];
  for (let b = 0; b < HASHES / ROWS; b++) keys.push(`${b}:${signature.slice(b * ROWS * 8, (b + 1) * ROWS * 8)}`);
  return keys;
}

/** Estimated Jaccard similarity of the texts behind two signatures. */
export function similarity(a: string, b: string): number {
  let equal = 0;
  for (let i = 0; i < HASHES; i++) if (a.slice(i * 8, i * 8 + 8) === b.slice(i * 8, i * 8 + 8)) equal++;
  return equal / HASHES;
}
