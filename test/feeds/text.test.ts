import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeEntities, escapeHtml } from '../../src/feeds/entities.ts';
import { htmlToText, truncateText } from '../../src/feeds/text.ts';

describe('decodeEntities', () => {
  test('named, decimal and hex references; the Latin-1 run is complete', () => {
    assert.equal(decodeEntities('&amp;&lt;&gt;&quot;&apos;'), '&<>"\'');
    assert.equal(decodeEntities('caf&eacute; &#233; &#xE9; &#XE9;'), 'café é é é');
    assert.equal(decodeEntities('&nbsp;&iexcl;&yuml;&THORN;'), '\u00a0¡ÿÞ');
    assert.equal(decodeEntities('&mdash;&ndash;&hellip;&rsquo;&euro;'), '—–…’€');
  });

  test('&#128;–&#159; read as Windows-1252, like browsers', () => {
    assert.equal(decodeEntities('it&#146;s &#147;quoted&#148; &#150; &#128;5'), 'it’s “quoted” – €5');
  });

  test('bare ampersands and unknown names stay as written; bad code points become U+FFFD', () => {
    assert.equal(decodeEntities('R&D & Co &unknown; &amp'), 'R&D & Co &unknown; &amp');
    assert.equal(decodeEntities('&#0;&#xD800;&#99999999;'), '\uFFFD\uFFFD\uFFFD');
  });

  test('escapeHtml round-trips through htmlToText', () => {
    assert.equal(htmlToText(escapeHtml('a <b> & c')), 'a <b> & c');
  });
});

describe('htmlToText', () => {
  test('strips tags: block tags separate words, inline tags do not', () => {
    assert.equal(htmlToText('<p>One</p><p>Two<br>Three</p>'), 'One Two Three');
    assert.equal(htmlToText('wo<b>r</b>d'), 'word');
  });

  test('drops scripts, styles and comments with their content', () => {
    assert.equal(htmlToText('a<script>alert("x")</script>b<style>p{}</style>c<!-- note -->d'), 'a b c d');
  });

  test('decodes entities after stripping, collapses whitespace and removes control characters', () => {
    assert.equal(htmlToText('  a&nbsp;&nbsp;b \n\t c\u0001&lt;tag&gt;  '), 'a b c<tag>');
  });

  test('a tag cut off at the end disappears', () => {
    assert.equal(htmlToText('Read more <a href="https://ex'), 'Read more');
  });
});

describe('truncateText', () => {
  test('cuts at a word boundary and marks the cut', () => {
    const text = 'word '.repeat(300).trim();
    const cut = truncateText(text, 1000);
    assert.ok(cut.length <= 1001);
    assert.ok(cut.endsWith('word…'));
    assert.equal(truncateText('short', 1000), 'short');
  });

  test('never splits a surrogate pair', () => {
    const cut = truncateText('😀'.repeat(20), 5);
    assert.equal(cut, '😀😀…');
  });
});

describe('htmlToText on hostile input', () => {
  test('a hundred thousand unterminated tags end the text at the first one', () => {
    assert.equal(htmlToText('x<b '.repeat(100_000)), 'x');
  });
});
