import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { leadImageCopies, logoCopy } from '../../src/images/copies.ts';
import { UnsupportedImageError } from '../../src/images/errors.ts';
import { rasterFormat } from '../../src/images/formats.ts';
import { icoOf } from '../helpers/images.ts';

const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 120, g: 90, b: 40 } } })
    .jpeg()
    .toBuffer();

/** A 32-bit BMP icon entry (BITMAPINFOHEADER, bottom-up BGRA rows, then the AND mask). */
function bmpEntry(size: number, bgra: [number, number, number, number]): Buffer {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  for (let i = 0; i < size * size; i++) pixels.set(bgra, i * 4);
  const mask = Buffer.alloc(Math.ceil(size / 32) * 4 * size);
  return Buffer.concat([header, pixels, mask]);
}

describe('image copies', () => {
  test('a large photo becomes a 960-wide lead copy and a 192×144 thumbnail, both WebP and small', async () => {
    const original = await photo(2400, 1600);
    const { lead, thumb } = await leadImageCopies(original);
    assert.deepEqual([lead.width, lead.height, lead.type], [960, 640, 'image/webp']);
    assert.deepEqual([thumb.width, thumb.height], [192, 144]);
    assert.equal(rasterFormat(lead.bytes), 'webp');
    assert.ok(lead.bytes.length < original.length, 'the copy is smaller than the original');
  });

  test('a small photo is not enlarged', async () => {
    const { lead } = await leadImageCopies(await photo(400, 300));
    assert.deepEqual([lead.width, lead.height], [400, 300]);
  });

  test('HTML, SVG and truncated bytes are refused with a clear error, not decoded', async () => {
    await assert.rejects(leadImageCopies(Buffer.from('<html><body>Not found</body></html>')), UnsupportedImageError);
    await assert.rejects(
      leadImageCopies(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')),
      /not a supported image \(unknown bytes\)/,
    );
    const truncated = (await photo(800, 600)).subarray(0, 200);
    await assert.rejects(leadImageCopies(truncated), UnsupportedImageError);
  });

  test('favicons: the largest image of an ICO, PNG or BMP inside, becomes a 64-pixel square', async () => {
    const red = await sharp({ create: { width: 48, height: 48, channels: 4, background: '#d00' } })
      .png()
      .toBuffer();
    const small = bmpEntry(16, [0, 0, 255, 255]);
    const fromPng = await logoCopy(
      icoOf([
        { size: 16, data: small },
        { size: 48, data: red },
      ]),
    );
    assert.deepEqual([fromPng.width, fromPng.height], [64, 64]);
    const { data } = await sharp(fromPng.bytes).raw().toBuffer({ resolveWithObject: true });
    const [r, g, b] = data;
    assert.ok(
      (r as number) > 180 && (g as number) < 40 && (b as number) < 40,
      `the 48-pixel red PNG was used: ${r},${g},${b}`,
    );

    const fromBmp = await logoCopy(icoOf([{ size: 16, data: bmpEntry(16, [255, 0, 0, 255]) }]));
    const blue = await sharp(fromBmp.bytes).raw().toBuffer();
    assert.ok((blue[0] as number) < 40 && (blue[2] as number) > 200, `BGRA read as blue: ${[...blue.subarray(0, 4)]}`);
    await assert.rejects(logoCopy(Buffer.from([0, 0, 1, 0, 1, 0, 1, 2, 3, 4, 5, 6, 7])), UnsupportedImageError);
  });

  test('hostile icons are refused from their directory, before anything is decoded', async () => {
    // 65,535 entries all pointing at one small image: decoding each would take minutes.
    const one = bmpEntry(16, [0, 0, 255, 255]);
    const many = Buffer.alloc(6 + 16 * 65_535);
    many.writeUInt16LE(1, 2);
    many.writeUInt16LE(65_535, 4);
    for (let i = 0; i < 65_535; i++) {
      many[6 + 16 * i] = 16;
      many.writeUInt32LE(one.length, 6 + 16 * i + 8);
      many.writeUInt32LE(many.length, 6 + 16 * i + 12);
    }
    const started = performance.now();
    await assert.rejects(logoCopy(Buffer.concat([many, one])), /claims 65535 images/);
    assert.ok(performance.now() - started < 200, 'refused without decoding');

    // A BMP whose own header claims 30,000 × 30,000 pixels (3.6 GB of RGBA) behind a 16-pixel entry.
    const huge = bmpEntry(16, [0, 0, 255, 255]);
    huge.writeInt32LE(30_000, 4);
    huge.writeInt32LE(60_000, 8);
    await assert.rejects(logoCopy(icoOf([{ size: 16, data: huge }])), /30000×30000 pixels is not a favicon/);

    // An entry that points past the end of the file.
    const past = icoOf([{ size: 16, data: one }]);
    past.writeUInt32LE(past.length * 4, 6 + 12);
    await assert.rejects(logoCopy(past), /truncated/);
  });
});
