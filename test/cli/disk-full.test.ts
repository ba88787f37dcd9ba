import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Store } from '../../src/store/store.ts';
import { runCli } from '../helpers/cli.ts';
import { articleHtml } from '../helpers/news-site.ts';
import { buildWarc } from '../helpers/warc.ts';

const root = mkdtempSync(join(tmpdir(), 'meridian-disk-full-'));
const mnt = join(root, 'mnt');
const PAGES = 150;

/** A small filesystem of its own (tmpfs, as root); the reason it cannot be had otherwise. */
function mountSmallDisk(): string | false {
  if (process.getuid?.() !== 0) return 'needs root to mount a small filesystem';
  try {
    mkdirSync(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mnt], { stdio: 'ignore' });
    return false;
  } catch {
    return 'cannot mount a tmpfs here';
  }
}
const skip = mountSmallDisk();
after(() => {
  if (!skip) execFileSync('umount', [mnt]);
  rmSync(root, { recursive: true, force: true });
});

async function storeState(dataDir: string) {
  const store = await Store.open({ dataDir, migrate: false });
  try {
    const states = await store.articles.countByState();
    return {
      count: await store.articles.count(),
      discovered: states.discovered ?? 0,
      unindexed: (await store.search.unindexed()).length,
      titles: (await store.articles.list({ limit: 3 })).map((a) => a.title),
    };
  } finally {
    await store.close();
  }
}

describe('a full disk', { skip }, () => {
  test('stops import with one clear line; serve still serves what is stored; space back, the import finishes', async () => {
    const warc = join(root, 'news.warc.gz');
    writeFileSync(
      warc,
      buildWarc(
        Array.from({ length: PAGES }, (_, i) => ({
          url: `https://www.beispiel-zeitung.de/news/${i}`,
          html: articleHtml(
            i,
            `Report ${i} on the river talks`,
            Array.from(
              { length: 8 },
              (_, p) =>
                `Paragraph ${p} of report ${i}: delegates met for round ${i * 7 + p} to talk about the water of the river and the dam upstream.`,
            ),
          ),
        })),
      ),
    );
    const dataDir = join(mnt, 'data');
    const env = { MERIDIAN_DATA_DIR: dataDir, MERIDIAN_TRANSLATOR: 'none', LOG_LEVEL: 'error' };

    const first = await runCli(['import', '--no-pipeline', warc], env);
    assert.equal(first.code, 2, first.err);
    assert.match(first.err, /meridian import: the disk holding .*meridian\.db is full/);
    const atFull = await storeState(dataDir);
    assert.ok(atFull.count > 0 && atFull.count < PAGES, `the disk filled mid-import (${atFull.count} articles)`);
    assert.deepEqual([atFull.discovered, atFull.unindexed], [0, 0], 'no half-stored article');

    const second = await runCli(['import', '--no-pipeline', warc], env);
    assert.equal(second.code, 2);
    assert.match(second.err, /the disk holding .* is full/);
    assert.doesNotMatch(second.err, /cannot rollback/);

    // `serve` starts on the full disk, says so once, and serves the stored articles.
    const serve = spawn(process.execPath, ['bin/meridian', 'serve', '--port', '0'], {
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        serve.stderr?.on('data', (c: Buffer) => {
          err += c.toString();
          const m = /Meridian is running at (\S+)/.exec(err);
          if (m?.[1]) resolve(m[1]);
        });
        serve.once('exit', (code) => reject(new Error(`serve exited (${code}): ${err}`)));
      });
      assert.equal(err.match(/disk full: serving what is stored, read-only/g)?.length, 1, err);
      const res = await fetch(`${url}/api/articles?limit=5`);
      assert.equal(res.status, 200);
      const body = await res.text();
      assert.match(body, /Report \d+ on the river talks/);
    } finally {
      serve.kill('SIGTERM');
      await new Promise((r) => serve.once('exit', r));
    }

    // Space returns: the same import stores the rest, the article it was storing included.
    execFileSync('mount', ['-o', 'remount,size=64m', mnt]);
    const third = await runCli(['import', '--no-pipeline', warc], env);
    assert.equal(third.code, 0, third.err);
    const done = await storeState(dataDir);
    assert.equal(done.count, PAGES);
    assert.deepEqual([done.discovered, done.unindexed], [0, 0]);
  });
});
