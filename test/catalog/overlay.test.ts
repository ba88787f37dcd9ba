import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CatalogError, loadCatalog, overlayPath, overlayTarget } from '../../src/catalog/catalog.ts';
import { Config } from '../../src/config/config.ts';
import { setLogSink } from '../../src/config/log.ts';

const dir = mkdtempSync(join(tmpdir(), 'meridian-catalog-overlay-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
/** Writes `content` (an object, or raw text) to a fresh overlay file and returns its path. */
function overlayFile(content: unknown): string {
  const file = join(dir, `overlay-${++counter}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const newOutlet = {
  id: 'nairobi-example',
  name: 'Nairobi Example',
  homepage: 'https://nairobi.example.org/',
  country: 'KE',
  languages: ['sw'],
  feeds: [{ url: 'https://nairobi.example.org/rss' }],
  logo: 'https://nairobi.example.org/favicon.ico',
  kind: 'private',
};

/** Runs `fn`, expecting a CatalogError; returns its message. */
function catalogErrorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof CatalogError, `expected CatalogError, got ${String(err)}`);
    return err.message;
  }
  assert.fail('expected a CatalogError');
}

describe('catalog overlay', () => {
  const builtin = loadCatalog();

  test('adds a complete outlet', () => {
    const catalog = loadCatalog({ overlayFile: overlayFile({ outlets: [newOutlet] }) });
    assert.equal(catalog.outlets.length, builtin.outlets.length + 1);
    assert.deepEqual(catalog.outlet('nairobi-example')?.feeds, newOutlet.feeds);
  });

  test('overrides fields of a built-in outlet and keeps the others', () => {
    const feeds = [{ url: 'https://news.ltn.com.tw/rss/world.xml', topic: 'world' }];
    const file = overlayFile({ outlets: [{ id: 'liberty-times', name: 'Liberty Times Net', feeds }] });
    const outlet = loadCatalog({ overlayFile: file }).outlet('liberty-times');
    assert.equal(outlet?.name, 'Liberty Times Net');
    assert.deepEqual(outlet?.feeds, feeds);
    assert.equal(outlet?.country, builtin.outlet('liberty-times')?.country);
    assert.deepEqual(outlet?.languages, ['zh-Hant']);
  });

  test('disables a built-in outlet without removing it', () => {
    const catalog = loadCatalog({ overlayFile: overlayFile({ outlets: [{ id: 'nytimes', enabled: false }] }) });
    assert.equal(catalog.outlet('nytimes')?.enabled, false);
    assert.equal(catalog.outlets.length, builtin.outlets.length);
    assert.equal(builtin.outlet('nytimes')?.enabled, undefined, 'the built-in catalog is not changed');
  });

  test('only warns about disabling an outlet the catalog does not have', () => {
    const lines: string[] = [];
    const restore = setLogSink((line) => lines.push(line));
    try {
      const catalog = loadCatalog({ overlayFile: overlayFile({ outlets: [{ id: 'gone-outlet', enabled: false }] }) });
      assert.equal(catalog.outlets.length, builtin.outlets.length);
    } finally {
      restore();
    }
    assert.equal(lines.length, 1);
    const entry = JSON.parse(lines[0] ?? '{}');
    assert.equal(entry.level, 'warn');
    assert.match(entry.msg, /"gone-outlet" is disabled by the catalog file but is not in the catalog/);
  });

  test('a missing file is an error that names it', () => {
    const missing = join(dir, 'no-such-file.json');
    assert.match(
      catalogErrorOf(() => loadCatalog({ overlayFile: missing })),
      /no-such-file\.json: the file does not exist/,
    );
  });

  test('invalid JSON is an error that names the file', () => {
    const file = overlayFile('{ "outlets": [ ');
    const message = catalogErrorOf(() => loadCatalog({ overlayFile: file }));
    assert.ok(message.includes(file), message);
    assert.match(message, /is not valid JSON/);
  });

  test('a wrong shape is an error that says what is wrong', () => {
    assert.match(
      catalogErrorOf(() => loadCatalog({ overlayFile: overlayFile([newOutlet]) })),
      /top level must be an object/,
    );
    assert.match(
      catalogErrorOf(() => loadCatalog({ overlayFile: overlayFile({ outlet: [newOutlet] }) })),
      /unknown top-level field "outlet"/,
    );
    assert.match(
      catalogErrorOf(() => loadCatalog({ overlayFile: overlayFile({ outlets: [{ name: 'x' }] }) })),
      /entry #1 has no "id"/,
    );
  });

  test('a partial entry for an unknown outlet lists the missing fields', () => {
    const file = overlayFile({ outlets: [{ id: 'new-one', name: 'New One' }] });
    assert.match(
      catalogErrorOf(() => loadCatalog({ overlayFile: file })),
      /"new-one" is not in the built-in catalog.*missing: homepage/,
    );
  });

  test('an overlay that makes the catalog invalid names the file and the outlet', () => {
    const file = overlayFile({
      outlets: [
        { ...newOutlet, country: 'QQ' },
        { id: 'npr', languages: ['english!'] },
      ],
    });
    const message = catalogErrorOf(() => loadCatalog({ overlayFile: file }));
    assert.ok(message.includes(file), message);
    assert.match(message, /outlet "nairobi-example": country "QQ"/);
    assert.match(message, /outlet "npr": language "english!"/);
  });

  test('an added outlet may not reuse a built-in feed', () => {
    const file = overlayFile({
      outlets: [{ ...newOutlet, feeds: [{ url: 'https://www.taipeitimes.com/xml/index.rss' }] }],
    });
    assert.match(
      catalogErrorOf(() => loadCatalog({ overlayFile: file })),
      /already listed by outlet "taipei-times"/,
    );
  });
});

describe('overlayPath', () => {
  test('is MERIDIAN_CATALOG_FILE when set, even before the file exists', () => {
    const config = Config.fromEnv({ MERIDIAN_CATALOG_FILE: '/etc/meridian/catalog.json', MERIDIAN_DATA_DIR: dir });
    assert.equal(overlayPath(config), '/etc/meridian/catalog.json');
    assert.equal(overlayTarget(config), '/etc/meridian/catalog.json');
  });

  test('is <MERIDIAN_DATA_DIR>/catalog.json only when that file exists', () => {
    const dataDir = mkdtempSync(join(dir, 'data-'));
    const config = Config.fromEnv({ MERIDIAN_DATA_DIR: dataDir });
    assert.equal(overlayPath(config), '');
    assert.equal(overlayTarget(config), join(dataDir, 'catalog.json'));
    writeFileSync(join(dataDir, 'catalog.json'), '{"outlets":[]}');
    assert.equal(overlayPath(config), join(dataDir, 'catalog.json'));
  });
});
