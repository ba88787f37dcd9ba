import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { stripInertMarkup } from '../../src/extract/parse.ts';

/**
 * The cuts as one regular expression, left to right as the HTML tokenizer reads: what
 * stripInertMarkup must do. It finds the same by a faster route (start tag, then a search for
 * its end tag).
 */
function reference(html: string): string {
  return html
    .replace(
      /<script\b[^>]*>[\s\S]*?<\/script\b[^>]*>|<(style|svg|template)\b[^>]*(?<!\/)>[\s\S]*?<\/\1\b[^>]*>|<!--(?:-?>|[\s\S]*?-->)|<(select|button|textarea|iframe)\b[^>]*(?<!\/)>[\s\S]*?<\/\2\s*>/gi,
      (m) => (/^<script\b[^>]*application\/ld\+json/i.test(m.slice(0, 200)) ? m : ''),
    )
    .replace(
      />\s+(?=<\/?(?:div|p|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|section|article|header|footer|nav|aside|main|figure|figcaption|h[1-6]|meta|link|script|style|noscript|form|option|select|head|body|html|title|hr|blockquote|pre)\b)/gi,
      '>',
    )
    .replace(
      /(<\/?(?:div|p|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot|tr|td|th|section|article|header|footer|nav|aside|main|figure|figcaption|h[1-6]|form|blockquote)\b[^>]*>)\s+(?=<)/gi,
      '$1',
    );
}

test('inert markup is cut: scripts but JSON-LD, styles, svg, comments, controls, space at block edges', () => {
  const page = `<html><head><script>var a = "</div>";</script ><script type="application/ld+json">{"a":1}</script>
    <style>p{}</style></head><body>
    <div class="x">  <p>Text <b>bold</b> <i>it</i></p>  <!-- note --> <svg/>kept<svg><path/></svg>
    <select><option>1</option></select><pre>  code</pre> <span> a </span> </div></body></html>`;
  const out = stripInertMarkup(page);
  assert.equal(out, reference(page));
  assert.ok(out.includes('{"a":1}') && !out.includes('var a') && !out.includes('p{}') && !out.includes('note'));
  assert.ok(out.includes('<svg/>kept') && !out.includes('<path/>') && !out.includes('<option>'));
  assert.ok(out.includes('<p>Text <b>bold</b> <i>it</i></p>'), 'space between inline elements is text');
  assert.ok(out.includes('<pre>  code</pre>'), 'space after <pre> is text');
  assert.ok(out.includes('<div class="x"><p>'));
});

test('the two-step cuts equal the single expressions on any mix of tags, text and space', () => {
  const token = fc.constantFrom(
    '<script>',
    '<script type="application/ld+json">',
    '<SCRIPT src=x>',
    '</script>',
    '</script\n<!--x-->',
    '<style>',
    '</STYLE>',
    '<svg/>',
    '<svg viewBox="0 0">',
    '</svg >',
    '<template>',
    '</template>',
    '<!--',
    '-->',
    '<!-->',
    '<select>',
    '</select >',
    '<button/>',
    '</button>',
    '<iframe src=a>',
    '</iframe>',
    '<textarea>',
    '</textarea x>',
    '<div class="a>b">',
    '</div>',
    '<p>',
    '</P>',
    '<pre>',
    '<h2>',
    '<li>',
    '<span>',
    '</span>',
    '<a href=x>',
    '</a>',
    '<b>',
    '<meta name=x>',
    '<br>',
    '<<div>',
    '<divx>',
    '>',
    '<',
    ' ',
    '  \n\t',
    '\u00a0',
    '\u3000\ufeff',
    '\u2028',
    '\u0085',
    '\u001c',
    'text',
    'x > y',
    '"',
  );
  fc.assert(
    fc.property(fc.array(token, { maxLength: 40 }), (tokens) => {
      const html = tokens.join('');
      assert.equal(stripInertMarkup(html), reference(html));
    }),
    { seed: 22, numRuns: 20_000 },
  );
});

test('a comment and a script are cut as the tokenizer reads them, whichever opens first', () => {
  const text = '<p>The article text stays.</p>';
  // A <script> inside a comment is comment text: cutting scripts first ate the article.
  assert.ok(stripInertMarkup(`<!-- <script> -->${text}<script>x()</script>`).includes(text));
  // <!--> is a whole, empty comment, not the start of one that runs to the next -->.
  assert.ok(stripInertMarkup(`<body><!-->${text}<!-- note --></body>`).includes(text));
  assert.ok(stripInertMarkup(`<body><!--->${text}<!-- note --></body>`).includes(text));
  // <!-- inside a script is script text: the script is cut, the text after it stays.
  assert.equal(stripInertMarkup(`<script>document.write("<!--")</script>${text}`), text);
});

// A hostile page of unclosed openers: each used to search to the end of the page again (minutes
// for a few megabytes). The timeout is a guard against that, not a speed target (bench/fuzz.ts).
test('unclosed comments, scripts and controls do not make the cut quadratic', { timeout: 20_000 }, () => {
  for (const opener of ['<!--', '<script>', '<select>', '<style>']) {
    const html = `<p>kept</p>${opener.repeat(Math.floor(1_500_000 / opener.length))}`;
    assert.equal(stripInertMarkup(html), html, `${opener}: nothing closes, nothing is cut`);
  }
});
