import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSiteSearch, needsQueryReason, searchKeyword } from '../../src/catalog/feed-url.ts';

test('site searches are recognised in path and query form', () => {
  assert.equal(isSiteSearch('https://burkina24.com/search/afri/feed/rss2/'), true);
  assert.equal(isSiteSearch('https://www.capitalfm.co.ke/news/search/africa/feed/rss2/'), true);
  assert.equal(isSiteSearch('https://sundayexpress.co.ls/?s=africa&feed=rss2'), true);
  assert.equal(isSiteSearch('https://example.org/feed?q=election'), true);
});

test('main and section feeds are not searches, and a query alone still wants a reason', () => {
  assert.equal(isSiteSearch('https://burkina24.com/feed/'), false);
  assert.equal(isSiteSearch('https://www.searchlight.example/feed/'), false);
  assert.equal(isSiteSearch('https://www.lanacion.com.ar/arc/outboundfeeds/rss/?outputType=xml'), false);
  assert.equal(needsQueryReason('https://www.lanacion.com.ar/arc/outboundfeeds/rss/?outputType=xml'), true);
  assert.equal(needsQueryReason('https://burkina24.com/feed/'), false);
  assert.equal(needsQueryReason('not a url'), false);
});

test('the keyword of a search feed is found; a section-picking query has none', () => {
  assert.equal(searchKeyword('https://burkina24.com/search/afri/feed/rss2/'), 'afri');
  assert.equal(
    searchKeyword('https://www.ami.mr/search/%D8%A3%D9%81%D8%B1%D9%8A%D9%82%D9%8A%D8%A7/feed/rss2/'),
    'أفريقيا',
  );
  assert.equal(searchKeyword('https://sundayexpress.co.ls/?s=africa&feed=rss2'), 'africa');
  assert.equal(
    searchKeyword('https://www.thestar.com/search/?f=rss&t=article&c=news/canada*&l=50&s=start_time&sd=desc'),
    undefined,
  );
  assert.equal(searchKeyword('https://www.thestar.com/search/?f=rss&q=election&s=start_time'), 'election');
  assert.equal(
    searchKeyword('https://search.cnbc.com/rs/search/combinedcms/view.xml?partnerId=wrss01&id=19832390'),
    undefined,
  );
  assert.equal(searchKeyword('https://burkina24.com/feed/'), undefined);
});
