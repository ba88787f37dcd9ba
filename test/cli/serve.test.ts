import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadBuiltinOutlets } from '../../src/catalog/data.ts';
import { localOutlet, startNewsSite } from '../helpers/news-site.ts';
import { rawGet } from '../helpers/raw-http.ts';

/** Resolves with the URL from the start-up line of `meridian serve` on `child`'s stderr. */
function startedAt(child: ChildProcess): Promise<string> {
  let err = '';
  return new Promise<string>((resolve, reject) => {
    // Generous: a start under a loaded CI machine loads the pipeline (language model) first.
    const timer = setTimeout(() => reject(new Error(`no start-up line: ${err}`)), 90_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /Meridian is running at (http:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
  });
}

/** The Meridian processes `pid` started (Linux: its main thread's children; tsx starts esbuild too). */
function childrenOf(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .split(' ')
    .filter(Boolean)
    .map(Number)
    .filter((child) => {
      try {
        return readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('bin/meridian');
      } catch {
        return false; // gone meanwhile
      }
    });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

for (const processes of ['1', '2']) {
  test(`meridian serve (${processes} web process${processes === '1' ? '' : 'es'}) starts on SQLite under the data dir, answers, and stops cleanly on SIGTERM`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-serve-'));
    const child = spawn(process.execPath, ['bin/meridian', 'serve'], {
      env: {
        ...process.env,
        MERIDIAN_DATA_DIR: dir,
        PORT: '0',
        LOG_LEVEL: 'warn',
        MERIDIAN_PIPELINE: 'false',
        MERIDIAN_WEB_PROCESSES: processes,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      const url = await startedAt(child);
      for (let i = 0; i < 4; i++) {
        const health = (await (await fetch(`${url}/healthz`)).json()) as { status: string; database: string };
        assert.deepEqual([health.status, health.database], ['ok', 'sqlite']);
      }
      const countries = (await (await fetch(`${url}/api/countries`)).json()) as {
        countries: Array<{ code: string; outlets: number }>;
      };
      assert.ok(
        (countries.countries.find((c) => c.code === 'TW')?.outlets ?? 0) >= 1,
        'the catalog was written to the store',
      );
      // Absolute links name the address the server started on (PORT=0: the port it was given),
      // never the Host a client sends.
      const search = await rawGet(url, '/opensearch.xml', { host: 'evil.example', 'x-forwarded-host': 'evil.example' });
      assert.ok(search.body.includes(`template="${url}/search?q={searchTerms}"`), search.body);
      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exit, 0, 'a graceful stop exits 0');
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('meridian serve with the pipeline runs it in the first process and serves pages from a process of its own, started again when it dies', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-serve-pipeline-'));
  const site = await startNewsSite({ articles: 3 });
  // One outlet, the local site; every built-in one is switched off, so nothing leaves the machine.
  const catalog = join(dir, 'catalog.json');
  const builtin = loadBuiltinOutlets().map((o) => ({ id: (o as { id: string }).id, enabled: false }));
  writeFileSync(catalog, JSON.stringify({ outlets: [...builtin, localOutlet(site)] }));
  const child = spawn(process.execPath, ['bin/meridian', 'serve'], {
    env: {
      ...process.env,
      MERIDIAN_DATA_DIR: join(dir, 'data'),
      MERIDIAN_CATALOG_FILE: catalog,
      MERIDIAN_ALLOW_PRIVATE_ADDRESSES: 'true',
      MERIDIAN_HOST_DELAY_MS: '0',
      MERIDIAN_TRANSLATOR: 'none',
      PORT: '0',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    const url = await startedAt(child);
    const [web, ...more] = childrenOf(child.pid as number);
    assert.ok(web !== undefined && more.length === 0, 'one web process, started by the first');
    // The pipeline (in the first process) stores the site's articles; the web process serves them.
    const ids = await until('the pipeline to store the articles', async () => {
      const body = (await (await fetch(`${url}/api/articles?country=AQ&limit=10`)).json()) as {
        articles: Array<{ id: number }>;
      };
      return body.articles.length === 3 ? body.articles.map((a) => a.id) : undefined;
    });
    process.kill(web, 'SIGKILL');
    const replacement = await until('a new web process', async () => {
      const [pid] = childrenOf(child.pid as number);
      return pid !== undefined && pid !== web ? pid : undefined;
    });
    assert.notEqual(replacement, web);
    const page = await until('pages to be served again', async () => {
      const res = await fetch(`${url}/articles/${ids[0]}`);
      return res.status === 200 ? res.text() : undefined;
    });
    assert.match(page, /Talks on the river/);
    assert.equal(child.exitCode, null, 'the pipeline process outlived its web process');
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await exit, 0, 'a graceful stop exits 0');
    assert.throws(() => process.kill(replacement, 0), 'the web process stopped with it');
  } finally {
    child.kill('SIGKILL');
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const processes of ['1', '2']) {
  test(`meridian serve (${processes} web process${processes === '1' ? '' : 'es'}) that cannot listen says why and fails instead of starting again`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-serve-fail-'));
    try {
      // 203.0.113.1 is a documentation address (TEST-NET-3): no interface of this machine has it.
      const child = spawn(process.execPath, ['bin/meridian', 'serve'], {
        env: {
          ...process.env,
          MERIDIAN_DATA_DIR: dir,
          HOST: '203.0.113.1',
          PORT: '0',
          LOG_LEVEL: 'error',
          MERIDIAN_PIPELINE: 'false',
          MERIDIAN_WEB_PROCESSES: processes,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => {
        err += chunk.toString();
      });
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      assert.notEqual(code, 0);
      assert.match(err, /meridian serve: cannot listen on 203\.0\.113\.1:0 \(EADDRNOTAVAIL\): check HOST and PORT/);
      assert.doesNotMatch(err, /\n\s+at /, 'a message, not a stack trace');
      if (processes !== '1') assert.match(err, /Meridian stopped: a web process could not start/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
