import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadCatalog, validateCatalog } from '../../src/catalog/catalog.ts';
import { loadBuiltinOutlets, loadCountries } from '../../src/catalog/data.ts';
import { needsQueryReason, searchKeyword } from '../../src/catalog/feed-url.ts';
import type { Outlet, Region } from '../../src/model/outlet.ts';

const catalog = loadCatalog();
const enabled = catalog.outlets.filter((o) => o.enabled !== false);

/** Distinct languages by primary subtag: zh-Hant and zh-Hans are one language, Chinese. */
function languageCount(outlets: readonly Outlet[]): number {
  return new Set(outlets.flatMap((o) => o.languages.map((tag) => tag.split('-')[0]))).size;
}

describe('built-in catalog', () => {
  test('validates with zero errors', () => {
    assert.deepEqual(validateCatalog(loadBuiltinOutlets(), loadCountries()), []);
  });

  test('has every country of the world, Kosovo included', () => {
    assert.ok(catalog.countries.length >= 249, `${catalog.countries.length} countries`);
    for (const code of ['US', 'TW', 'CN', 'HK', 'XK', 'PS', 'SS', 'AQ', 'NZ', 'FJ']) {
      assert.ok(catalog.country(code), `missing ${code}`);
    }
    assert.equal(catalog.country('tw')?.name, 'Taiwan');
    assert.equal(catalog.country('TW')?.code3, 'TWN');
    assert.equal(catalog.country('FR')?.region, 'Europe');
  });

  test('meets the size targets: outlets, countries, languages', () => {
    assert.ok(enabled.length >= 150, `${enabled.length} outlets`);
    const countries = new Set(enabled.map((o) => o.country));
    assert.ok(countries.size >= 50, `${countries.size} countries`);
    assert.ok(languageCount(enabled) >= 25, `${languageCount(enabled)} languages`);
  });

  test('has at least eight US outlets, the baseline for coverage gaps', () => {
    const us = enabled.filter((o) => o.country === 'US').map((o) => o.id);
    assert.ok(us.length >= 8, `US outlets: ${us.join(', ')}`);
    for (const id of ['nytimes', 'washington-post', 'npr']) assert.ok(us.includes(id), `missing ${id}`);
  });

  test('has the seed outlet UpMedia in Taiwan, in traditional Chinese', () => {
    const upmedia = catalog.outlet('upmedia');
    assert.ok(upmedia);
    assert.equal(upmedia.country, 'TW');
    assert.equal(upmedia.languages[0], 'zh-Hant');
    assert.equal(new URL(upmedia.homepage).hostname, 'www.upmedia.mg');
    assert.ok(upmedia.feeds.length > 0);
  });

  test('covers every inhabited region and the subregions Meridian reports on', () => {
    const regionsByOutlet = new Set<Region>();
    const subregions = new Map<string, number>();
    for (const o of enabled) {
      const country = catalog.country(o.country);
      assert.ok(country, `${o.id}: unknown country`);
      regionsByOutlet.add(country.region);
      subregions.set(country.subregion, (subregions.get(country.subregion) ?? 0) + 1);
    }
    for (const region of ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'] as const) {
      assert.ok(regionsByOutlet.has(region), `no outlet in ${region}`);
    }
    // East and South Asia, the Middle East, Africa north and south, Latin America, Europe, Oceania.
    for (const sub of [
      'Eastern Asia',
      'South-Eastern Asia',
      'Southern Asia',
      'Western Asia',
      'Northern Africa',
      'Western Africa',
      'Eastern Africa',
      'Southern Africa',
      'South America',
      'Central America',
      'North America',
      'Western Europe',
      'Eastern Europe',
      'Australia and New Zealand',
    ]) {
      assert.ok((subregions.get(sub) ?? 0) >= 3, `${sub}: ${subregions.get(sub) ?? 0} outlets`);
    }
  });

  test('uses zh-Hant for Taiwan and Hong Kong Chinese and zh-Hans for the mainland', () => {
    for (const o of enabled) {
      const chinese = o.languages.filter((tag) => tag.startsWith('zh'));
      if (chinese.length === 0) continue;
      const expected = o.country === 'CN' ? 'zh-Hans' : 'zh-Hant';
      assert.deepEqual(chinese, [expected], `${o.id} (${o.country})`);
    }
  });

  test('every outlet has feeds on real URLs and a logo', () => {
    for (const o of catalog.outlets) {
      assert.ok(o.feeds.length >= 1, o.id);
      assert.match(o.logo, /^https?:\/\//, o.id);
    }
  });

  test('no feed is a site search or carries a query unless its entry says why', () => {
    const unexplained = catalog.outlets.flatMap((o) =>
      o.feeds.filter((f) => needsQueryReason(f.url) && !f.queryReason?.trim()).map((f) => `${o.id}: ${f.url}`),
    );
    assert.deepEqual(unexplained, []);
    // A keyword search is a filter, never an outlet's own news: no reason explains one away.
    const keywordSearches = catalog.outlets.flatMap((o) => o.feeds.filter((f) => searchKeyword(f.url) !== undefined));
    assert.deepEqual(
      keywordSearches.map((f) => f.url),
      [],
    );
  });

  test('an outlet read through a feed chosen by rule keeps its old feed as the fallback', () => {
    const burkina24 = catalog.outlet('burkina24');
    assert.deepEqual(
      burkina24?.feeds.map((f) => [f.url, f.fallback]),
      [['https://burkina24.com/feed/', 'https://burkina24.com/search/afri/feed/rss2/']],
    );
    assert.match(burkina24?.feeds[0]?.unverified ?? '', /not verified/i);
    for (const o of catalog.outlets) {
      for (const f of o.feeds) {
        if (f.unverified) assert.ok(f.fallback, `${o.id}: ${f.url} is unverified and has no fallback`);
      }
    }
    // Where the source list has the outlet's own news feed, it is read, verbatim and verified.
    assert.deepEqual(
      catalog.outlet('capital-fm-ke')?.feeds.map((f) => [f.url, f.unverified]),
      [['https://www.capitalfm.co.ke/news/feed/', undefined]],
    );
  });

  test('lookups find outlets by id and return undefined for unknown ones', () => {
    assert.equal(catalog.outlet('nhk')?.country, 'JP');
    assert.equal(catalog.outlet('no-such-outlet'), undefined);
    assert.equal(catalog.country('QQ'), undefined);
  });
});
