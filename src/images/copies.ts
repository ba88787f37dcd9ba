import sharp, { type Sharp } from 'sharp';
import { UnsupportedImageError } from './errors.ts';
import { type RasterFormat, rasterFormat } from './formats.ts';
import { largestIcoImage } from './ico.ts';

/**
 * The small copies Meridian keeps of a foreign image: bytes in, WebP out, no network and no
 * storage. Readers' browsers then load images from Meridian only, sized for where they are shown
 * instead of the outlet's 2-5 MB originals.
 */
export interface ImageCopy {
  bytes: Buffer;
  width: number;
  height: number;
  type: 'image/webp';
}

/** Sizes where the copies are shown, at twice the CSS pixels for high-density screens. */
export const COPY_SIZES = {
  /** The article page's lead figure (CSS max width 720 px, mostly under 400 on phones). */
  leadWidth: 960,
  /** List thumbnails, shown at 96×72. */
  thumb: { width: 192, height: 144 },
  /** Outlet logos, shown at 16-32 px. */
  logo: 64,
} as const;

/** Decompression bombs: a 40-megapixel original is far beyond any news photo. */
const MAX_INPUT_PIXELS = 40_000_000;

function open(bytes: Uint8Array): Sharp {
  return sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false });
}

function supported(bytes: Uint8Array, allowed: readonly RasterFormat[]): RasterFormat {
  const format = rasterFormat(bytes);
  if (!format || !allowed.includes(format))
    throw new UnsupportedImageError(`not a supported image (${format ?? 'unknown bytes'})`);
  return format;
}

async function webp(pipeline: Sharp, quality: number): Promise<ImageCopy> {
  try {
    const { data, info } = await pipeline.webp({ quality, effort: 4 }).toBuffer({ resolveWithObject: true });
    return { bytes: data, width: info.width, height: info.height, type: 'image/webp' };
  } catch (err) {
    throw new UnsupportedImageError(`cannot decode the image: ${(err as Error).message}`);
  }
}

/** A news photo's two copies: the lead figure's (aspect kept) and a cropped list thumbnail. */
export async function leadImageCopies(bytes: Uint8Array): Promise<{ lead: ImageCopy; thumb: ImageCopy }> {
  supported(bytes, ['jpeg', 'png', 'gif', 'webp', 'avif']);
  // rotate() applies the EXIF orientation before the metadata is dropped.
  const lead = await webp(open(bytes).rotate().resize({ width: COPY_SIZES.leadWidth, withoutEnlargement: true }), 68);
  const thumb = await webp(
    open(bytes)
      .rotate()
      .resize({ ...COPY_SIZES.thumb, fit: 'cover', position: 'attention' }),
    62,
  );
  return { lead, thumb };
}

/**
 * An outlet's favicon as a square 64-pixel copy. Favicons are mostly ICO files, which hold
 * several PNG or BMP images: the largest is taken (sharp reads no ICO), after images/ico.ts
 * checked the file's directory and that image's declared size.
 */
export async function logoCopy(bytes: Uint8Array): Promise<ImageCopy> {
  const format = supported(bytes, ['ico', 'png', 'jpeg', 'gif', 'webp']);
  const size = COPY_SIZES.logo;
  const square = { width: size, height: size, fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } } as const;
  if (format !== 'ico') return webp(open(bytes).resize(square), 80);
  const best = largestIcoImage(bytes);
  const input =
    best.type === 'png'
      ? open(best.data)
      : sharp(Buffer.from(best.rgba.buffer, best.rgba.byteOffset, best.rgba.byteLength), {
          raw: { width: best.width, height: best.height, channels: 4 },
        });
  return webp(input.resize(square), 80);
}
