import assert from 'node:assert/strict';
import { test } from 'node:test';
import { data } from 'franc-all/data.js';
import { loadCatalog } from '../../src/catalog/catalog.ts';
import { detectionTag, recognition, scriptsOf, TRIGRAM_CODES } from '../../src/language/coverage.ts';
import { languageWarnings } from '../../src/language/support.ts';
import type { Outlet } from '../../src/model/outlet.ts';

test('franc-all has a Latin profile for every language routed to it', () => {
  const latin = (data as Record<string, Record<string, unknown>>).Latin ?? {};
  const missing = Object.entries(TRIGRAM_CODES).filter(([, code]) => !(code in latin));
  assert.deepEqual(missing, []);
});

test('every language of the built-in catalog is recognised, and how', () => {
  const tags = [...new Set(loadCatalog().outlets.flatMap((o) => o.languages))];
  assert.ok(tags.length >= 55, `${tags.length} tags`);
  const unknown = tags.filter((t) => recognition(t) === undefined);
  assert.deepEqual(unknown, []);
  assert.equal(recognition('sw'), 'trigram profiles');
  assert.equal(recognition('mk'), 'script or letters');
  assert.equal(recognition('pcm'), 'script or letters', 'Pidgin by words of its own');
  assert.equal(recognition('tlh'), undefined, 'Klingon is not recognised');
});

test('related languages are reported on purpose: fil → tl, bs and sr-ME → hr, no → nb', () => {
  assert.equal(detectionTag('fil'), 'tl');
  assert.equal(detectionTag('bs'), 'hr');
  assert.equal(detectionTag('sr-ME'), 'hr');
  assert.equal(detectionTag('no'), 'nb');
  assert.equal(detectionTag('pt-BR'), 'pt');
  assert.deepEqual(scriptsOf('sr'), ['Cyrillic', 'Latin']);
  assert.deepEqual(scriptsOf('mk'), ['Cyrillic']);
});

test('languageWarnings flags what detection or the translator cannot handle', () => {
  const outlet = (id: string, languages: string[], enabled = true): Outlet => ({
    id,
    name: id,
    homepage: `https://${id}.example/`,
    country: 'KE',
    languages,
    feeds: [{ url: `https://${id}.example/feed/` }],
    logo: `https://${id}.example/favicon.ico`,
    kind: 'private',
    enabled,
  });
  const outlets = [outlet('a', ['sw', 'en']), outlet('b', ['pcm']), outlet('c', ['tlh']), outlet('off', ['xh'], false)];
  const translator = { name: 'fake', target: 'en', supports: (source: string) => ['en', 'sw'].includes(source) };
  assert.deepEqual(languageWarnings(outlets, translator), [
    {
      tag: 'pcm',
      outlets: ['b'],
      problems: ['the fake translator cannot translate it into en'],
    },
    {
      tag: 'tlh',
      outlets: ['c'],
      problems: ['language detection does not recognise it', 'the fake translator cannot translate it into en'],
    },
  ]);
  // Without a translator (translation off) only detection is judged.
  assert.deepEqual(
    languageWarnings(outlets).map((w) => w.tag),
    ['tlh'],
  );
});
