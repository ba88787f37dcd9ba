import { deflateSync } from 'node:zlib';

/**
 * The app icon drawn as pixels (a globe with a meridian on navy), encoded as PNG with node:zlib,
 * so installable-app icons need no image files or image libraries.
 */
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#10263f"/><circle cx="32" cy="32" r="22" fill="#0b6e6e"/><ellipse cx="32" cy="32" rx="9" ry="22" fill="none" stroke="#fff" stroke-width="3"/><path d="M10 32h44" stroke="#fff" stroke-width="3"/><circle cx="32" cy="32" r="22" fill="none" stroke="#f2c14e" stroke-width="3"/></svg>`;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function pixel(x: number, y: number, size: number): Rgb {
  const s = size / 64;
  const dx = x / s - 32;
  const dy = y / s - 32;
  const r = Math.hypot(dx, dy);
  const navy: Rgb = [0x10, 0x26, 0x3f];
  if (r > 22.5) return navy;
  if (r > 20.5) return [0xf2, 0xc1, 0x4e];
  const ellipse = Math.hypot(dx / 9, dy / 22);
  if (Math.abs(ellipse - 1) < 1.5 / 9 || Math.abs(dy) < 1.5) return [0xff, 0xff, 0xff];
  return [0x0b, 0x6e, 0x6e];
}

export type Rgb = [number, number, number];

/** An 8-bit RGB PNG of `width`×`height`, each pixel from `pixel(x, y)`. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function iconPng(size: number): Buffer {
  return encodePng(size, size, (x, y) => pixel(x + 0.5, y + 0.5, size));
}
