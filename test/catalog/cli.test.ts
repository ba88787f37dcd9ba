import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'meridian-catalog-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const opmlFile = fileURLToPath(new URL('../fixtures/catalog/opml-import/subscriptions.opml', import.meta.url));

/** A data folder of its own per test, so no test sees another's catalog file. */
function env(): Record<string, string> {
  return { MERIDIAN_DATA_DIR: mkdtempSync(join(dir, 'data-')), LOG_LEVEL: 'silent' };
}

interface Listed {
  id: string;
  name: string;
  country: string;
  languages: string[];
  feeds: string[];
  logo: string;
  kind: string;
  enabled: boolean;
}

function parseLines(out: string): Listed[] {
  return out
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Listed);
}

describe('meridian sources list', () => {
  test('--json prints one outlet per line and a summary on stderr', async () => {
    const { code, out, err } = await runCli(['sources', 'list', '--json'], env());
    assert.equal(code, 0);
    const outlets = parseLines(out);
    assert.ok(outlets.length >= 150);
    const upmedia = outlets.find((o) => o.id === 'upmedia');
    assert.ok(upmedia);
    assert.deepEqual(Object.keys(upmedia), ['id', 'name', 'country', 'languages', 'feeds', 'logo', 'kind', 'enabled']);
    assert.equal(upmedia.country, 'TW');
    assert.deepEqual(upmedia.languages, ['zh-Hant']);
    assert.ok(upmedia.feeds.every((f) => typeof f === 'string' && f.startsWith('http')));
    const countries = new Set(outlets.map((o) => o.country)).size;
    const languages = new Set(outlets.flatMap((o) => o.languages)).size;
    assert.equal(err, `${outlets.length} outlets, ${countries} countries, ${languages} languages\n`);
  });

  test('--country filters, whatever its case', async () => {
    const { code, out, err } = await runCli(['sources', 'list', '--json', '--country', 'jp'], env());
    assert.equal(code, 0);
    const outlets = parseLines(out);
    assert.ok(outlets.length >= 3);
    assert.ok(outlets.every((o) => o.country === 'JP'));
    assert.match(err, /, 1 country, /);
  });

  test('without --json prints an aligned table with a header', async () => {
    const { code, out } = await runCli(['sources', 'list', '--country', 'NZ'], env());
    assert.equal(code, 0);
    const [header, ...rows] = out.trimEnd().split('\n');
    assert.match(header ?? '', /^ID\s+COUNTRY\s+KIND\s+LANGUAGES\s+FEEDS\s+NAME$/);
    const countryColumn = (header ?? '').indexOf('COUNTRY');
    assert.ok(rows.length >= 3);
    for (const row of rows) assert.equal(row.slice(countryColumn, countryColumn + 2), 'NZ', row);
    assert.ok(rows.some((row) => row.startsWith('rnz ')));
  });

  test('flags languages that detection or the configured translator cannot handle', async () => {
    const deepl = { ...env(), MERIDIAN_TRANSLATOR: 'deepl', MERIDIAN_DEEPL_API_KEY: 'test-key:fx' };
    const nigeria = await runCli(['sources', 'list', '--country', 'NG'], deepl);
    assert.equal(nigeria.code, 0, nigeria.err);
    assert.match(nigeria.out, /^wazobia-fm\s+NG\s+\S+\s+pcm!/m);
    assert.match(nigeria.out, /pcm \(wazobia-fm\): the deepl translator cannot translate it into en/);
    const kenya = await runCli(['sources', 'list', '--country', 'KE', '--json'], deepl);
    assert.equal(kenya.code, 0, kenya.err);
    const flagged = parseLines(kenya.out).filter((o) => o.languages.includes('sw'));
    assert.ok(flagged.length > 0);
    for (const o of flagged) {
      assert.deepEqual((o as Listed & { languageProblems?: unknown }).languageProblems, {
        sw: ['the deepl translator cannot translate it into en'],
      });
    }
    const english = parseLines(kenya.out).find((o) => o.languages.join() === 'en') as Listed & {
      languageProblems?: unknown;
    };
    assert.equal(english.languageProblems, undefined, 'DeepL translates English');
  });

  test('shows outlets disabled by the catalog file and leaves them out of the counts', async () => {
    const e = env();
    writeFileSync(
      join(e.MERIDIAN_DATA_DIR ?? '', 'catalog.json'),
      JSON.stringify({ outlets: [{ id: 'rnz', enabled: false }] }),
    );
    const { out, err } = await runCli(['sources', 'list', '--json', '--country', 'NZ'], e);
    const rnz = parseLines(out).find((o) => o.id === 'rnz');
    assert.equal(rnz?.enabled, false);
    assert.match(err, /\(\+1 disabled\)/);
  });

  test('an unknown country and a broken catalog file are one-line user errors', async () => {
    const bad = await runCli(['sources', 'list', '--country', 'ZZ'], env());
    assert.equal(bad.code, 2);
    assert.equal(bad.err, 'meridian sources list: --country ZZ is not an ISO 3166-1 alpha-2 code\n');

    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"outlets": [');
    const result = await runCli(['sources', 'list'], { ...env(), MERIDIAN_CATALOG_FILE: broken });
    assert.equal(result.code, 2);
    assert.match(result.err, /^meridian sources list: Catalog file .*broken\.json is not valid JSON/);
    assert.equal(result.out, '');
  });
});

describe('meridian sources import-opml', () => {
  test('writes the new outlets to the catalog file and lists them afterwards', async () => {
    const e = env();
    const imported = await runCli(['sources', 'import-opml', opmlFile, '--country', 'KE', '--language', 'sw'], e);
    assert.equal(imported.code, 0, imported.err);
    assert.match(imported.out, /^added {5}example-daily-co-ke {2}Example Daily — Top stories {2}\(KE, sw, 2 feeds\)$/m);
    assert.match(imported.out, /^extended {2}taipei-times {2}\+1 feeds$/m);
    assert.match(imported.err, /2 outlets added, 1 extended, 2 feeds skipped; written to .*catalog\.json/);

    const listed = await runCli(['sources', 'list', '--json', '--country', 'KE'], e);
    const ids = parseLines(listed.out).map((o) => o.id);
    assert.ok(ids.includes('example-daily-co-ke') && ids.includes('habari-example-org'), ids.join(','));
  });

  test('requires a file, --country and --language', async () => {
    const noCountry = await runCli(['sources', 'import-opml', opmlFile, '--language', 'sw'], env());
    assert.equal(noCountry.code, 2);
    assert.match(noCountry.err, /--country XX is required/);
    const missing = await runCli(
      ['sources', 'import-opml', join(dir, 'nope.opml'), '--country', 'KE', '--language', 'sw'],
      env(),
    );
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read .*nope\.opml/);
  });
});
