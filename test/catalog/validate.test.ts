import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadCountries } from '../../src/catalog/data.ts';
import { feedKey, validateCatalog } from '../../src/catalog/validate.ts';
import type { Country, Outlet } from '../../src/model/outlet.ts';

const countries: Country[] = loadCountries();

function outlet(overrides: Partial<Record<keyof Outlet, unknown>> & Record<string, unknown> = {}): Outlet {
  return {
    id: 'example-news',
    name: 'Example News',
    homepage: 'https://news.example.org/',
    country: 'KE',
    languages: ['sw', 'en'],
    feeds: [{ url: 'https://news.example.org/feed.xml' }],
    logo: 'https://news.example.org/favicon.ico',
    kind: 'private',
    ...overrides,
  } as Outlet;
}

/** The problems for one outlet that differs from a valid one by `overrides`. */
function problemsOf(overrides: Record<string, unknown>): string[] {
  return validateCatalog([outlet(overrides)], countries);
}

describe('validateCatalog', () => {
  test('accepts a valid outlet', () => {
    assert.deepEqual(validateCatalog([outlet()], countries), []);
  });

  test('rejects a country code that is not in countries.json', () => {
    const problems = problemsOf({ country: 'QQ' });
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /outlet "example-news": country "QQ"/);
    assert.equal(problemsOf({ country: 'ke' }).length, 1, 'codes are upper case');
  });

  test('rejects invalid BCP 47 tags and asks for the canonical spelling', () => {
    assert.match(problemsOf({ languages: ['en', 'not a tag!'] }).join('\n'), /"not a tag!" is not a valid BCP 47 tag/);
    assert.match(problemsOf({ languages: ['zh-hant'] }).join('\n'), /should be written "zh-Hant"/);
    assert.match(problemsOf({ languages: [] }).join('\n'), /languages must be a non-empty array/);
    const badFeedLanguage = problemsOf({ feeds: [{ url: 'https://news.example.org/a', language: '12' }] });
    assert.match(badFeedLanguage.join('\n'), /feed #1: language "12"/);
  });

  test('rejects relative and non-http URLs', () => {
    assert.match(problemsOf({ homepage: '/news' }).join('\n'), /homepage "\/news" is not an absolute http\(s\) URL/);
    assert.match(problemsOf({ logo: 'ftp://news.example.org/logo.png' }).join('\n'), /logo/);
    assert.match(problemsOf({ feeds: [{ url: 'feed.xml' }] }).join('\n'), /feed #1: url "feed.xml"/);
    assert.match(problemsOf({ feeds: [{ url: 'javascript:alert(1)' }] }).join('\n'), /feed #1: url/);
  });

  test('rejects duplicate ids', () => {
    const twin = outlet({ feeds: [{ url: 'https://other.example.org/rss' }] });
    const problems = validateCatalog([outlet(), twin], countries);
    assert.deepEqual(problems, ['outlet "example-news": duplicate id (also outlet #1)']);
  });

  test('rejects a feed listed by two outlets, however its URL is written', () => {
    const other = outlet({ id: 'other', feeds: [{ url: 'http://NEWS.example.org/feed.xml/' }] });
    const problems = validateCatalog([outlet(), other], countries);
    assert.deepEqual(problems, [
      'outlet "other": feed http://NEWS.example.org/feed.xml/ is already listed by outlet "example-news"',
    ]);
  });

  test('rejects a bad kind, a bad id, unknown fields and missing fields', () => {
    assert.match(
      problemsOf({ kind: 'tabloid' }).join('\n'),
      /kind "tabloid" must be one of public, private, state, agency/,
    );
    assert.match(problemsOf({ id: 'Example News' }).join('\n'), /id must be a lower-case slug/);
    assert.match(problemsOf({ feed: [] }).join('\n'), /unknown field "feed"/);
    assert.match(problemsOf({ feeds: [] }).join('\n'), /feeds must be a non-empty array/);
    assert.match(problemsOf({ name: '' }).join('\n'), /name must be a non-empty string/);
    assert.match(problemsOf({ enabled: 'no' }).join('\n'), /enabled must be true or false/);
    assert.deepEqual(validateCatalog(['not an object'], countries), ['outlet #1: is not a JSON object']);
  });

  test('checks the fallback, reason and unverified note of a feed', () => {
    const feed = { url: 'https://news.example.org/feed/' };
    assert.deepEqual(
      problemsOf({
        feeds: [{ ...feed, fallback: 'https://news.example.org/search/x/feed/rss2/', unverified: 'by rule' }],
      }),
      [],
    );
    assert.match(problemsOf({ feeds: [{ ...feed, fallback: '/search/x' }] })[0] ?? '', /fallback "\/search\/x" is not/);
    assert.match(problemsOf({ feeds: [{ ...feed, fallback: feed.url }] })[0] ?? '', /fallback is the feed itself/);
    assert.match(problemsOf({ feeds: [{ ...feed, queryReason: ' ' }] })[0] ?? '', /queryReason must be a non-empty/);
    assert.match(problemsOf({ feeds: [{ ...feed, unverified: true }] })[0] ?? '', /unverified must be a non-empty/);
  });

  test('reports every problem at once', () => {
    const problems = problemsOf({ country: 'QQ', kind: 'x', homepage: 'nope' });
    assert.equal(problems.length, 3);
  });

  test('feedKey ignores the scheme, host case and a trailing slash, not the query', () => {
    assert.equal(feedKey('http://Example.org/rss/'), feedKey('https://example.org/rss'));
    assert.notEqual(feedKey('https://example.org/rss?a=1'), feedKey('https://example.org/rss?a=2'));
  });
});
