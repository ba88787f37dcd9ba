import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { charsetFromContentType, charsetFromMarkup, decodeBody, normaliseCharset } from '../../src/net/charset.ts';
import { SAMPLES } from './charset-samples.ts';

function page(charset: string, text: string, meta = true): Uint8Array {
  const head = meta ? `<meta charset="${charset}">` : '';
  return iconv.encode(
    `<!doctype html><html><head>${head}<title>t</title></head><body><p>${text}</p></body></html>`,
    charset,
  );
}

describe('decodeBody', () => {
  for (const { charset, expected, text } of SAMPLES) {
    test(`${charset} declared in <meta>`, () => {
      const bytes = page(charset, text);
      // The fixture must not be valid UTF-8, or it would prove nothing about the legacy path.
      assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      const out = decodeBody(bytes, 'text/html');
      assert.equal(out.charset, expected);
      assert.ok(out.text.includes(text), out.text);
    });

    test(`${charset} declared in the Content-Type header`, () => {
      const bytes = page(charset, text, false);
      const out = decodeBody(bytes, `text/html; charset="${charset.toUpperCase()}"`);
      assert.equal(out.charset, expected);
      assert.ok(out.text.includes(text));
    });
  }

  test('the HTTP header wins over the <meta> declaration', () => {
    const koi = iconv.encode('<meta charset="windows-1251"><p>Министерство иностранных дел</p>', 'koi8-r');
    const out = decodeBody(koi, 'text/html; charset=koi8-r');
    assert.equal(out.charset, 'koi8-r');
    assert.ok(out.text.includes('Министерство иностранных дел'));
  });

  test('a UTF-8 page that still claims windows-1251 in its meta is read as UTF-8', () => {
    const text = 'Правительство объявило о новых мерах';
    const bytes = new TextEncoder().encode(
      `<html><head><meta charset="windows-1251"></head><body>${text}</body></html>`,
    );
    const out = decodeBody(bytes, 'text/html; charset=windows-1251');
    assert.equal(out.charset, 'utf-8');
    assert.ok(out.text.includes(text));
  });

  test('a UTF-8 page with a stray Latin-1 byte stays UTF-8', () => {
    const text =
      'Fußball: Mönchengladbach gewinnt gegen Dortmund, große Freude in der Stadt. Übermorgen geht es weiter.';
    const page = new TextEncoder().encode(`<meta charset="windows-1252"><p>${text.repeat(3)}</p><p>K`);
    const bytes = new Uint8Array([...page, 0xfc, ...new TextEncoder().encode('chenblogs</p>')]);
    const out = decodeBody(bytes, 'text/html; charset=windows-1252');
    assert.equal(out.charset, 'utf-8');
    assert.ok(out.text.includes(text));
    assert.ok(out.text.includes('K\ufffdchenblogs'));
  });

  test('meta http-equiv form is understood', () => {
    const text = SAMPLES.find((s) => s.charset === 'shift_jis')!.text;
    const bytes = iconv.encode(
      `<html><head><meta http-equiv="Content-Type" content="text/html; charset=x-sjis"></head><body>${text}</body></html>`,
      'shift_jis',
    );
    const out = decodeBody(bytes, null);
    assert.equal(out.charset, 'shift_jis');
    assert.ok(out.text.includes(text));
  });

  test('XML encoding declaration is understood', () => {
    const text = 'Новости: правительство приняло бюджет';
    const bytes = iconv.encode(
      `<?xml version="1.0" encoding="KOI8-R"?><rss><channel><title>${text}</title></channel></rss>`,
      'koi8-r',
    );
    const out = decodeBody(bytes, 'application/rss+xml');
    assert.equal(out.charset, 'koi8-r');
    assert.ok(out.text.includes(text));
  });

  for (const charset of ['gbk', 'shift_jis', 'windows-1251', 'euc-kr', 'big5']) {
    test(`${charset} with no declaration at all is detected`, () => {
      const sample = SAMPLES.find((s) => s.charset === charset)!;
      const bytes = page(charset, `${sample.text} ${sample.text}`, false);
      const out = decodeBody(bytes, 'text/html');
      assert.equal(out.charset, sample.expected);
      assert.ok(out.text.includes(sample.text));
    });
  }

  test('byte order marks win over everything', () => {
    const utf16 = iconv.encode('Привет, мир', 'utf-16le', { addBOM: true });
    const out = decodeBody(utf16, 'text/html; charset=windows-1251');
    assert.equal(out.charset, 'utf-16le');
    assert.equal(out.text, 'Привет, мир');
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('é')]);
    assert.deepEqual(decodeBody(utf8), { text: 'é', charset: 'utf-8' });
  });

  test('a UTF-8 body cut inside a multi-byte character is still UTF-8', () => {
    const full = new TextEncoder().encode('Ελλάδα');
    const out = decodeBody(full.subarray(0, full.length - 1), 'text/html; charset=iso-8859-7');
    assert.equal(out.charset, 'utf-8');
    assert.equal(out.text, 'Ελλάδ');
  });

  test('ISO-2022-JP (7-bit) is recognised by its escape sequences', () => {
    const text = '日本語のニュース';
    const bytes = new Uint8Array(Buffer.from('1b2442467c4b5c386c244e254b2565213c25391b2842', 'hex'));
    const out = decodeBody(bytes, 'text/plain');
    assert.equal(out.charset, 'iso-2022-jp');
    assert.equal(out.text, text);
  });

  test('forceEncoding overrides what the page and header say', () => {
    const bytes = iconv.encode('Министерство иностранных дел', 'koi8-r');
    const out = decodeBody(bytes, 'text/html; charset=windows-1251', { forceEncoding: 'KOI8-R' });
    assert.equal(out.charset, 'koi8-r');
    assert.equal(out.text, 'Министерство иностранных дел');
    assert.throws(() => decodeBody(bytes, null, { forceEncoding: 'no-such-charset' }), RangeError);
  });

  test('falls back to windows-1252 when nothing is known and detection fails', () => {
    const out = decodeBody(new Uint8Array([0x63, 0x61, 0x66, 0xe9]), null);
    assert.equal(out.text, 'café');
  });

  test('empty body', () => {
    assert.deepEqual(decodeBody(new Uint8Array(0), 'text/html'), { text: '', charset: 'utf-8' });
  });
});

describe('charset labels', () => {
  test('normaliseCharset maps aliases and rejects unknown labels', () => {
    assert.equal(normaliseCharset('GB2312'), 'gb18030');
    assert.equal(normaliseCharset('gbk'), 'gb18030');
    assert.equal(normaliseCharset('x-sjis'), 'shift_jis');
    assert.equal(normaliseCharset('win-1251'), 'windows-1251');
    assert.equal(normaliseCharset('cp1256'), 'windows-1256');
    assert.equal(normaliseCharset('ISO8859-2'), 'iso-8859-2');
    assert.equal(normaliseCharset('"utf8"'), 'utf-8');
    assert.equal(normaliseCharset('latin1'), 'windows-1252');
    assert.equal(normaliseCharset('bogus'), null);
    assert.equal(normaliseCharset(''), null);
  });

  test('header and markup parsing', () => {
    assert.equal(charsetFromContentType('text/html; charset=UTF-8'), 'UTF-8');
    assert.equal(charsetFromContentType('text/html;charset="koi8-r"; foo=bar'), 'koi8-r');
    assert.equal(charsetFromContentType('text/html'), null);
    const enc = new TextEncoder();
    assert.equal(charsetFromMarkup(enc.encode('<!-- <meta charset="big5"> --><meta charset=euc-kr>')), 'euc-kr');
    assert.equal(charsetFromMarkup(enc.encode("<?xml version='1.0' encoding='windows-1251'?><rss/>")), 'windows-1251');
    assert.equal(charsetFromMarkup(enc.encode('<html><body>nothing</body></html>')), null);
  });
});
