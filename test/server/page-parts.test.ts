import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Html } from '../../src/server/jsx/jsx-runtime.ts';
import { EncodedHtml, encodeParts } from '../../src/server/page-parts.ts';

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
});
