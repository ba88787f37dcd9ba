import decodeBmp from 'decode-bmp';
import { UnsupportedImageError } from './errors.ts';

/**
 * Reading an ICO file's directory before decoding anything, so a hostile favicon cannot make us
 * decode thousands of images or allocate gigabytes: a real favicon holds a handful of images of at
 * most 256×256 pixels. Only the largest image is decoded.
 */

/** Real favicons hold 1-10 images; the format allows 65,535. */
export const MAX_ICO_IMAGES = 32;
/** ICO's own limit is 256×256; a PNG inside may claim more, which no favicon needs. */
export const MAX_ICO_SIDE = 512;

export type IcoImage =
  | { type: 'png'; data: Uint8Array }
  | { type: 'bmp'; rgba: Uint8ClampedArray; width: number; height: number };

interface Entry {
  width: number;
  height: number;
  offset: number;
  size: number;
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPng(b: Uint8Array): boolean {
  return PNG_MAGIC.every((x, i) => b[i] === x);
}

/** The directory's entries, each checked to lie inside the file. */
function directory(bytes: Uint8Array): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 6 || view.getUint16(0, true) !== 0 || view.getUint16(2, true) !== 1)
    throw new UnsupportedImageError('not an icon file');
  const count = view.getUint16(4, true);
  if (count === 0) throw new UnsupportedImageError('the icon holds no image');
  if (count > MAX_ICO_IMAGES)
    throw new UnsupportedImageError(`the icon claims ${count} images; a favicon holds at most ${MAX_ICO_IMAGES}`);
  if (bytes.length < 6 + 16 * count) throw new UnsupportedImageError('the icon is truncated');
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + 16 * i;
    const entry = {
      // 0 stands for 256 in an ICO directory.
      width: view.getUint8(at) || 256,
      height: view.getUint8(at + 1) || 256,
      size: view.getUint32(at + 8, true),
      offset: view.getUint32(at + 12, true),
    };
    if (entry.size > 0 && entry.offset >= 6 + 16 * count && entry.offset + entry.size <= bytes.length)
      entries.push(entry);
  }
  if (entries.length === 0) throw new UnsupportedImageError('the icon is truncated');
  return entries;
}

/** The side lengths an embedded image declares in its own header (PNG IHDR or BMP info header). */
function declaredSize(data: Uint8Array): { width: number; height: number } {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (isPng(data)) {
    if (data.length < 24) throw new UnsupportedImageError('the icon is truncated');
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (data.length < 40) throw new UnsupportedImageError('the icon is truncated');
  // BMP icons store the height of the colour and mask bitmaps together: twice the image's.
  return { width: Math.abs(view.getInt32(4, true)), height: Math.abs(view.getInt32(8, true)) / 2 };
}

/** The icon's largest image, decoded only after its declared size was checked. */
export function largestIcoImage(bytes: Uint8Array): IcoImage {
  const best = directory(bytes).sort((a, b) => b.width * b.height - a.width * a.height)[0] as Entry;
  const data = bytes.subarray(best.offset, best.offset + best.size);
  const { width, height } = declaredSize(data);
  if (width === 0 || height === 0 || width > MAX_ICO_SIDE || height > MAX_ICO_SIDE)
    throw new UnsupportedImageError(`an icon image of ${width}×${height} pixels is not a favicon`);
  if (isPng(data)) return { type: 'png', data };
  try {
    const bmp = decodeBmp(data, { width: best.width, height: best.height, icon: true });
    return { type: 'bmp', rgba: bmp.data, width: bmp.width, height: bmp.height };
  } catch (err) {
    throw new UnsupportedImageError(`cannot read the icon: ${(err as Error).message}`);
  }
}
