/**
 * Image formats Meridian stores, told by their first bytes, never by a Content-Type header: a
 * page served as image/jpeg that is really HTML is refused. SVG is not among them: it can carry
 * script, and nothing here needs vector art from a foreign host.
 */
export type RasterFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif' | 'ico';

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

export function rasterFormat(b: Uint8Array): RasterFormat | undefined {
  if (b.length < 12) return undefined;
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (ascii(b, 1, 4) === 'PNG' && b[0] === 0x89) return 'png';
  if (ascii(b, 0, 4) === 'GIF8') return 'gif';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'webp';
  if (ascii(b, 4, 8) === 'ftyp' && /avi[fs]/.test(ascii(b, 8, 12))) return 'avif';
  // ICONDIR: reserved 0, type 1 (icon), at least one image.
  if (b[0] === 0 && b[1] === 0 && b[2] === 1 && b[3] === 0 && (b[4] ?? 0) + (b[5] ?? 0) > 0) return 'ico';
  return undefined;
}
