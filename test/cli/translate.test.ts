import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Store } from '../../src/store/store.ts';
import { runCli } from '../helpers/cli.ts';
import { libreTranslateProtocol, startWireServer, type WireServer } from '../translate/wire-servers.ts';

/** `meridian translate`, against a local server speaking the LibreTranslate protocol. */
describe('meridian translate (provider: local server speaking the LibreTranslate protocol)', () => {
  let server: WireServer;
  let dir: string;
  let env: Record<string, string>;

  before(async () => {
    server = await startWireServer(libreTranslateProtocol);
    dir = mkdtempSync(join(tmpdir(), 'meridian-cli-translate-'));
    env = {
      MERIDIAN_TRANSLATOR: 'libretranslate',
      MERIDIAN_LIBRETRANSLATE_URL: server.url,
      MERIDIAN_DATA_DIR: dir,
      LOG_LEVEL: 'silent',
    };
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('blank-line separated blocks in, the same blocks in English out, in order', async () => {
    const file = join(dir, 'in.txt');
    writeFileSync(
      file,
      'El presidente habló con el enviado en Madrid.\n\n\n\nLos ministros llegaron ayer.\n  \nUna foto del presidente\n',
    );
    const r = await runCli(['translate', '--from', 'es', file], env);
    assert.equal(r.code, 0, r.err);
    assert.equal(
      r.out,
      'The president spoke with the envoy in Madrid.\n\nThe ministers arrived yesterday.\n\nA photo of the president\n',
    );
  });

  test('without --from the language is detected from the text', async () => {
    const file = join(dir, 'detect.txt');
    writeFileSync(
      file,
      'El presidente del Gobierno habló ayer con los ministros sobre la situación económica del país y las medidas que se tomarán.\n',
    );
    const before = server.translateRequests().length;
    const r = await runCli(['translate', '--json', file], env);
    assert.equal(r.code, 0, r.err);
    const sent = server.translateRequests().slice(before);
    assert.equal((JSON.parse(sent[0]?.body ?? '{}') as { source: string }).source, 'es');
    assert.equal((JSON.parse(r.out) as { source: string }).source, 'es');
  });

  test('an unknown provider and a provider that is down are one clear line each', async () => {
    const file = join(dir, 'in2.txt');
    writeFileSync(file, 'Hola.\n');
    const unknown = await runCli(['translate', '--from', 'es', '--provider', 'babelfish', file], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /unknown provider "babelfish"/);
    const down = await runCli(['translate', '--from', 'es', file], {
      ...env,
      MERIDIAN_LIBRETRANSLATE_URL: 'http://127.0.0.1:9',
    });
    assert.equal(down.code, 1);
    assert.match(down.err, /could not be reached.*try again later/);
  });

  test('with MERIDIAN_TRANSLATOR=none the text comes back unchanged, with a notice on stderr', async () => {
    const file = join(dir, 'none.txt');
    writeFileSync(file, 'Hola.\n\nAdiós.\n');
    const r = await runCli(['translate', '--from', 'es', file], { ...env, MERIDIAN_TRANSLATOR: 'none' });
    assert.equal(r.code, 0);
    assert.equal(r.out, 'Hola.\n\nAdiós.\n');
    assert.match(r.err, /MERIDIAN_TRANSLATOR=none/);
  });

  test('--article ID translates a stored article, saves it, and a second run costs no provider call', async () => {
    const store = await Store.open({ dataDir: dir });
    let id: number | undefined;
    try {
      await store.outlets.syncCatalog([
        {
          id: 'elpais',
          name: 'El País',
          homepage: 'https://elpais.com/',
          country: 'ES',
          languages: ['es'],
          feeds: [],
          logo: 'https://elpais.com/favicon.ico',
          kind: 'private',
        },
      ]);
      id = await store.articles.insertDiscovered({
        outletId: 'elpais',
        country: 'ES',
        url: 'https://elpais.com/a',
        urlKey: 'elpais.com/a',
      });
      assert.ok(id);
      await store.articles.saveExtracted(
        id,
        {
          title: 'Crisis en la capital',
          blocks: [
            { kind: 'p', text: 'El presidente habló con el enviado en Madrid.' },
            { kind: 'p', text: 'Los ministros llegaron ayer.' },
          ],
          image: { url: 'https://elpais.com/a.jpg', caption: 'Una foto del presidente' },
          language: 'es',
        },
        { contentHash: 'h' },
      );
    } finally {
      await store.close();
    }
    const first = await runCli(['translate', '--article', String(id), '--json'], env);
    assert.equal(first.code, 0, first.err);
    const result = JSON.parse(first.out) as {
      providerCalls: number;
      title: string;
      blocks: string[];
      imageCaption: string;
    };
    assert.equal(result.title, 'Crisis in the capital');
    assert.deepEqual(result.blocks, [
      'The president spoke with the envoy in Madrid.',
      'The ministers arrived yesterday.',
    ]);
    assert.equal(result.imageCaption, 'A photo of the president');
    assert.equal(result.providerCalls, 1);

    const second = await runCli(['translate', '--article', String(id), '--json'], env);
    assert.equal((JSON.parse(second.out) as { providerCalls: number }).providerCalls, 0);

    const reopened = await Store.open({ dataDir: dir });
    try {
      const saved = await reopened.translations.get(id ?? 0);
      assert.equal(saved?.title, 'Crisis in the capital');
      assert.equal(saved?.provider, 'libretranslate');
      assert.equal(saved?.blocks.length, 2);
    } finally {
      await reopened.close();
    }
  });
});
