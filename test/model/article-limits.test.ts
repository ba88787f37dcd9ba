import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ARTICLE_LIMITS, boundArticle, boundTranslation, cutAtWord } from '../../src/model/article-limits.ts';

test('cutAtWord keeps short text, cuts long text at a space with an ellipsis, CJK at the limit', () => {
  assert.equal(cutAtWord('Short headline', 500), 'Short headline');
  const words = 'word '.repeat(200);
  const cut = cutAtWord(words, 101);
  assert.ok(cut.length <= 101, `${cut.length}`);
  assert.match(cut, /^(word )*word…$/, 'ends at a whole word');
  const chinese = '特使抵達台北'.repeat(100);
  const cjk = cutAtWord(chinese, 50);
  assert.equal(cjk.length, 50);
  assert.ok(cjk.endsWith('…') && chinese.startsWith(cjk.slice(0, -1)));
  // An astral character (emoji, rare CJK) is never split into a lone surrogate.
  const astral = '𝐀'.repeat(100);
  const a = cutAtWord(astral, 51);
  assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(a), 'no lone high surrogate');
  assert.ok(a.length <= 51);
});

test('boundArticle bounds every text field and the body; what fits is kept as it was', () => {
  const huge = 'x'.repeat(3_000_000);
  const block = { kind: 'p' as const, text: `Lead paragraph ${'y '.repeat(20_000)}` };
  const bounded = boundArticle({
    title: `A headline ${'very '.repeat(1_000_000)}long`,
    standfirst: huge,
    author: huge,
    siteName: huge,
    published: '2026-12-01T10:00:00Z',
    declaredLanguage: huge,
    canonicalUrl: `https://example.org/${huge}`,
    image: { url: 'https://example.org/a.jpg', caption: huge, credit: huge, width: 10 },
    blocks: [
      ...Array.from({ length: 2_000 }, () => block),
      { kind: 'table', text: 'T', html: `<table>${'<tr><td>1</td></tr>'.repeat(20_000)}</table>` },
    ],
  });
  assert.ok(bounded.title.length <= ARTICLE_LIMITS.title && bounded.title.startsWith('A headline very'));
  assert.ok((bounded.standfirst?.length ?? 0) <= ARTICLE_LIMITS.standfirst);
  assert.ok((bounded.author?.length ?? 0) <= ARTICLE_LIMITS.author);
  assert.ok((bounded.siteName?.length ?? 0) <= ARTICLE_LIMITS.siteName);
  assert.equal(bounded.declaredLanguage, undefined, 'a 3 MB language tag is no tag');
  assert.equal(bounded.canonicalUrl, undefined);
  assert.equal(bounded.published, '2026-12-01T10:00:00Z');
  assert.equal(bounded.image?.url, 'https://example.org/a.jpg');
  assert.equal(bounded.image?.width, 10);
  assert.ok((bounded.image?.caption?.length ?? 0) <= ARTICLE_LIMITS.caption);
  assert.ok((bounded.image?.credit?.length ?? 0) <= ARTICLE_LIMITS.credit);
  assert.ok(bounded.blocks.length <= ARTICLE_LIMITS.blocks);
  const body = bounded.blocks.reduce((n, b) => n + b.text.length, 0);
  assert.ok(body <= ARTICLE_LIMITS.bodyText, `${body}`);
  assert.ok(bounded.blocks.every((b) => b.text.length <= ARTICLE_LIMITS.blockText));
  assert.match(bounded.blocks[0]?.text ?? '', /^Lead paragraph y y/);

  const table = boundArticle({
    title: 't',
    blocks: [{ kind: 'table', text: 'T', html: `<table>${'<tr><td>1</td></tr>'.repeat(20_000)}</table>` }],
  });
  assert.deepEqual(table.blocks, [{ kind: 'table', text: 'T' }], 'an oversized table keeps its text');

  const normal = {
    title: 'Envoy lands',
    standfirst: 'Talks begin.',
    blocks: [{ kind: 'table' as const, text: 'T', html: '<table><tr><td>1</td></tr></table>' }],
    image: { url: 'https://example.org/a.jpg', caption: 'At the airport' },
  };
  assert.deepEqual(boundArticle(normal), normal, 'an ordinary article is stored as extracted');
});

test('boundTranslation gives a translation three times the room and keeps every block', () => {
  const babble = 'and again '.repeat(500_000);
  const t = boundTranslation({
    title: babble,
    standfirst: babble,
    imageCaption: babble,
    blocks: Array.from({ length: 600 }, (_, i) => ({ kind: 'p' as const, text: i === 0 ? babble : `Block ${i}.` })),
  });
  assert.ok(t.title.length <= ARTICLE_LIMITS.title * 3 && t.title.length > ARTICLE_LIMITS.title);
  assert.ok((t.standfirst?.length ?? 0) <= ARTICLE_LIMITS.standfirst * 3);
  assert.ok((t.imageCaption?.length ?? 0) <= ARTICLE_LIMITS.caption * 3);
  assert.equal(t.blocks.length, 600, 'as many blocks as the original');
  assert.ok((t.blocks[0]?.text.length ?? 0) <= ARTICLE_LIMITS.blockText * 3);
  assert.equal(t.blocks[599]?.text, 'Block 599.');
});
