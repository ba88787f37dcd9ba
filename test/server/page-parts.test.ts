import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Html } from '../../src/server/jsx/jsx-runtime.ts';
import { aroundSlot, EncodedHtml, EncodedList, encodeParts, SLOT } from '../../src/server/page-parts.ts';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('page parts', () => {
  test('string and encoded parts are written in order, as the page the joined markup makes', () => {
    const parts = [
      new Html('<p lang="zh-Hant">臺灣’s “news”</p>'),
      new EncodedHtml(new Html('<aside>Ελληνικά · עברית 🇬🇷</aside>')),
      new Html(''),
      new Html('<p>end</p>'),
    ];
    const bytes = encodeParts(parts);
    assert.equal(decode(bytes), '<p lang="zh-Hant">臺灣’s “news”</p><aside>Ελληνικά · עברית 🇬🇷</aside><p>end</p>');
    assert.deepEqual(
      Buffer.from(bytes),
      Buffer.from('<p lang="zh-Hant">臺灣’s “news”</p><aside>Ελληνικά · עברית 🇬🇷</aside><p>end</p>', 'utf8'),
    );
  });

  test('each page gets bytes of its own: the next page does not overwrite the last one', () => {
    const first = encodeParts([new Html('<p>first page</p>')]);
    const second = encodeParts([new Html('<p>second</p>')]);
    assert.equal(decode(first), '<p>first page</p>');
    assert.equal(decode(second), '<p>second</p>');
    assert.notEqual(first.buffer, second.buffer);
  });

  test('a page too big for the scratch room is joined the plain way, whole', () => {
    const long = '“'.repeat(100_000); // 300 KB in UTF-8, more than the scratch room
    const bytes = encodeParts([new Html('<p>'), new EncodedHtml(new Html(long)), new Html(`${long}</p>`)]);
    assert.equal(bytes.length, 3 + 600_000 + 4);
    assert.equal(decode(bytes), `<p>${long}${long}</p>`);
  });

  test('a list keeps its parts as one run of bytes, and each part comes out as its own bytes', () => {
    const texts = ['<li>臺灣</li>', '', '<li>Ελληνικά 🇬🇷</li>', '<li>plain</li>'];
    const list = new EncodedList(texts.map((t) => new Html(t)));
    assert.equal(list.length, 4);
    assert.equal(list.byteLength, Buffer.byteLength(texts.join('')));
    for (const [i, t] of texts.entries())
      assert.deepEqual(Buffer.from(list.at(i).bytes), Buffer.from(t, 'utf8'), `part ${i}`);
    assert.equal(decode(encodeParts([list.at(2), new Html('<hr>'), list.at(0)])), `${texts[2]}<hr>${texts[0]}`);
    assert.throws(() => list.at(4), RangeError);
    assert.throws(() => list.at(-1), RangeError);
  });

  test('markup rendered around the slot comes apart there, and only with the slot in it once', () => {
    const { before, after } = aroundSlot(new Html(`<section><h2>Τίτλος</h2>${SLOT.html}</section>`));
    assert.equal(decode(before.bytes), '<section><h2>Τίτλος</h2>');
    assert.equal(decode(after.bytes), '</section>');
    assert.throws(() => aroundSlot(new Html('<p>no slot</p>')), /must hold SLOT once/);
    assert.throws(() => aroundSlot(new Html(`${SLOT.html}${SLOT.html}`)), /must hold SLOT once/);
  });
});
