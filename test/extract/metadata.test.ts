import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHTML } from 'linkedom';
import { readMetadata } from '../../src/extract/metadata.ts';

function meta(body: string, head = '') {
  const { document } = parseHTML(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
  return readMetadata(document as unknown as Document, 'https://example.com/a');
}

test('the author comes from the first author link or author item, as the selectors say', () => {
  // [rel~="author"] compares without case, as rel does in HTML selectors.
  assert.equal(meta('<p>x</p><a rel="nofollow Author" href="/u">Ana Ruiz</a>').author, 'Ana Ruiz');
  // [itemprop~="author"] [itemprop~="name"]: the name inside the author item, not the item's other text.
  assert.equal(
    meta('<div itemprop="author creator"><span>Staff</span><b itemprop="name">Li Wei</b></div>').author,
    'Li Wei',
  );
  // A name outside any author item is not an author.
  assert.equal(meta('<span itemprop="name">Widget Co</span>').author, undefined);
  // Either form: whichever comes first in the page.
  assert.equal(
    meta('<div itemprop="author"><i itemprop="name">First</i></div><a rel="author" href="/b">Second</a>').author,
    'First',
  );
  // Then [itemprop~="author"], .byline, .author, .article-author, class words compared with case.
  assert.equal(meta('<p class="Byline">Not this</p><p class="meta byline">Jo Doe</p>').author, 'Jo Doe');
  assert.equal(meta('<p class="article-author">Sam Lee</p>').author, 'Sam Lee');
  assert.equal(meta('<p class="authors">Not a match</p>').author, undefined);
});

test('dates come from the itemprop element, else the time element preferred by pubdate, then article', () => {
  assert.equal(meta('<span itemprop="datePublished" content="2024-03-01">1 March</span>').published, '2024-03-01');
  assert.equal(meta('<span itemprop="datepublished" content="2024-03-01">x</span>').published, undefined);
  assert.equal(
    meta(
      '<time datetime="2020-01-01">a</time><article><time datetime="2021-02-02">b</time></article><time datetime="2022-03-03" pubdate>c</time>',
    ).published,
    '2022-03-03',
  );
  assert.equal(
    meta('<time datetime="2020-01-01">a</time><article><p><time datetime="2021-02-02">b</time></p></article>')
      .published,
    '2021-02-02',
  );
  assert.equal(meta('<time>no datetime</time><time datetime="2020-01-01">a</time>').published, '2020-01-01');
});
