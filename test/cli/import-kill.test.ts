import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { JOB } from '../../src/jobs/kinds.ts';
import { Store } from '../../src/store/store.ts';
import { runCli } from '../helpers/cli.ts';
import { articleHtml } from '../helpers/news-site.ts';
import { buildWarc } from '../helpers/warc.ts';

const dir = mkdtempSync(join(tmpdir(), 'meridian-import-kill-'));
const PAGES = 400;

/** What a kill must never leave: an article without content, unsearchable, or without its next job. */
async function brokenArticles(store: Store) {
  const states = await store.articles.countByState();
  return {
    discovered: states.discovered ?? 0,
    unindexed: (await store.search.unindexed()).length,
    extractedWithoutJob: (await store.articles.idsWithoutOpenJob('extracted', `${JOB.translate}:`)).length,
  };
}

describe('meridian import killed with SIGKILL', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('leaves no half-stored article; the re-run stores the rest and crawls nothing', async () => {
    // The archived pages' live URLs point here: any request would be a crawl of an imported record.
    const crawled: string[] = [];
    const live = createServer((req, res) => {
      crawled.push(req.url ?? '');
      res.writeHead(500).end();
    });
    await new Promise<void>((r) => live.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(live.address() as AddressInfo).port}`;
    try {
      const warc = join(dir, 'news.warc.gz');
      writeFileSync(
        warc,
        buildWarc(
          Array.from({ length: PAGES }, (_, n) => ({
            url: `${base}/news/${n}`,
            html: articleHtml(n, `Report number ${n} on the river talks`, [
              `Delegates met for the ${n}th time to talk about the water of the river and the dam upstream of the valley.`,
              `Farmers said that in dry season number ${n} the reservoir left them with too little water for their fields.`,
            ]),
          })),
        ),
      );
      const env = {
        ...process.env,
        MERIDIAN_DATA_DIR: join(dir, 'data'),
        MERIDIAN_ALLOW_PRIVATE_ADDRESSES: 'true',
        MERIDIAN_TRANSLATOR: 'none',
        LOG_LEVEL: 'error',
      };
      const child = spawn(process.execPath, ['bin/meridian', 'import', '--no-pipeline', warc], {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let childErr = '';
      child.stderr?.on('data', (c: Buffer) => {
        childErr += c.toString();
      });
      // Kill when part of the archive is stored (bounded by the import's progress, not a fixed time).
      const deadline = Date.now() + 60_000;
      let store: Store | undefined;
      while (child.exitCode === null && Date.now() < deadline) {
        try {
          store ??= await Store.open({ dataDir: join(dir, 'data'), migrate: false });
          if ((await store.articles.count()) >= 40) break;
        } catch {
          // The import has not created its database yet.
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      assert.equal(child.exitCode, null, `import ended before the kill: ${childErr}`);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      assert.ok(store);
      try {
        const atKill = await store.articles.count();
        assert.ok(atKill >= 40 && atKill < PAGES, `the kill came mid-import (${atKill} articles)`);
        assert.deepEqual(await brokenArticles(store), { discovered: 0, unindexed: 0, extractedWithoutJob: 0 });
      } finally {
        await store.close();
      }

      const again = await runCli(['import', '--no-pipeline', warc], env);
      assert.equal(again.code, 0, again.err);
      const m = /(\d+) articles stored, (\d+) already known/.exec(again.err);
      assert.ok(m, again.err);
      assert.equal(Number(m[1]) + Number(m[2]), PAGES, 'every page is either stored now or was stored before');
      const after = await Store.open({ dataDir: join(dir, 'data') });
      try {
        assert.equal(await after.articles.count(), PAGES);
        assert.equal((await after.articles.countByState()).extracted, PAGES);
        assert.deepEqual(await brokenArticles(after), { discovered: 0, unindexed: 0, extractedWithoutJob: 0 });
      } finally {
        await after.close();
      }
      assert.deepEqual(crawled, [], 'no live URL of an imported record was requested');
    } finally {
      live.close();
    }
  });
});
