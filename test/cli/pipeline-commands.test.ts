import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Store } from '../../src/store/store.ts';
import { runCli } from '../helpers/cli.ts';
import { articleHtml, localOutlet, type NewsSite, startNewsSite } from '../helpers/news-site.ts';
import { buildWarc } from '../helpers/warc.ts';

const dir = mkdtempSync(join(tmpdir(), 'meridian-pipeline-cli-'));

/** An operator's catalog file adding one outlet whose feed is the local test site. */
function overlay(site: NewsSite, name: string): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ outlets: [localOutlet(site)] }));
  return file;
}

function envFor(name: string, site?: NewsSite): Record<string, string> {
  return {
    MERIDIAN_DATA_DIR: join(dir, name),
    MERIDIAN_ALLOW_PRIVATE_ADDRESSES: 'true',
    MERIDIAN_HOST_DELAY_MS: '0',
    MERIDIAN_TRANSLATOR: 'none',
    LOG_LEVEL: 'error',
    ...(site ? { MERIDIAN_CATALOG_FILE: overlay(site, name) } : {}),
  };
}

async function storeAt(name: string): Promise<Store> {
  return Store.open({ dataDir: join(dir, name) });
}

describe('pipeline commands', () => {
  let site: NewsSite;
  before(async () => {
    site = await startNewsSite({ articles: 6 });
  });
  after(async () => {
    await site?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('ingest --once polls the selected outlet, stores its articles and exits', async () => {
    const env = envFor('ingest', site);
    const r = await runCli(['ingest', '--once', '--outlet', 'local-daily'], env);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /ingest: done/);
    const store = await storeAt('ingest');
    try {
      assert.equal(await store.articles.count(), 6);
      const states = await store.articles.countByState();
      assert.equal(states.clustered, 6, 'each article went through translation (none) and clustering');
      assert.ok((await store.stories.list({ limit: 10 })).length >= 1);
    } finally {
      await store.close();
    }
    const status = await runCli(['status'], env);
    assert.equal(status.code, 0, status.err);
    assert.match(status.out, /Articles: 6 \(clustered 6\)/);
    assert.match(status.out, /local-daily\s+AQ\s+6/);
    assert.match(status.out, /Translation is off \(MERIDIAN_TRANSLATOR=none\)/);
    // Jobs by worker stage, from the stage table: the six fetches done, in the fetch stage.
    assert.match(status.out, /fetch stage:\n\s+poll\s+done 1\n\s+fetch\s+done 6 \(for discovered articles\)/);
    const json = JSON.parse((await runCli(['status', '--json'], env)).out) as { articles: { total: number } };
    assert.equal(json.articles.total, 6);
  });

  test('ingest --once rejects an unknown outlet with one clear line', async () => {
    const r = await runCli(['ingest', '--once', '--outlet', 'nope'], envFor('unknown', site));
    assert.equal(r.code, 2);
    assert.match(r.err, /no outlet "nope" in the catalog/);
  });

  test('sources check fetches each feed once and reports status, HTTP code and item count', async () => {
    const broken = await startNewsSite({ articles: 1, feedStatus: 404 });
    try {
      const env = envFor('check', site);
      const ok = await runCli(['sources', 'check', '--outlet', 'local-daily', '--json'], env);
      assert.equal(ok.code, 0, ok.err);
      assert.deepEqual(JSON.parse(ok.out), {
        outlet: 'local-daily',
        url: site.feedUrl,
        ok: true,
        status: 200,
        items: 6,
        recent: 0,
      });
      assert.match(ok.err, /1 of 1 feeds work/);
      const badEnv = envFor('check-bad', broken);
      const bad = await runCli(['sources', 'check', '--country', 'AQ'], badEnv);
      assert.match(bad.out, /^FAIL 404 .* local-daily/m);
      assert.match(bad.err, /0 of 1 feeds work, 1 failing/);
    } finally {
      await broken.close();
    }
  });

  test('sources check counts the items of the last day and switches a failing feed to its fallback', async () => {
    const fresh = await startNewsSite({ articles: 5, recent: 2 });
    const broken = await startNewsSite({ articles: 3, recent: 1, feedStatus: 404 });
    try {
      const counted = await runCli(['sources', 'check', '--outlet', 'local-daily', '--json'], envFor('fresh', fresh));
      assert.equal(counted.code, 0, counted.err);
      assert.deepEqual(JSON.parse(counted.out), {
        outlet: 'local-daily',
        url: fresh.feedUrl,
        ok: true,
        status: 200,
        items: 5,
        recent: 2,
      });
      const human = await runCli(['sources', 'check', '--outlet', 'local-daily'], envFor('fresh-text', fresh));
      assert.match(human.out, /^OK +200 +5 items +2 last day +local-daily/m);

      // The outlet's main feed (chosen by rule) fails; its recorded fallback, a search feed, works.
      const env = envFor('fallback');
      const catalogFile = join(dir, 'fallback.json');
      const feed = { url: broken.feedUrl, fallback: broken.searchFeedUrl, unverified: 'chosen by rule for the test' };
      writeFileSync(catalogFile, JSON.stringify({ outlets: [{ ...localOutlet(broken), feeds: [feed] }] }));
      env.MERIDIAN_CATALOG_FILE = catalogFile;
      const dry = await runCli(['sources', 'check', '--outlet', 'local-daily', '--dry-run'], env);
      assert.match(
        dry.out,
        /^FAIL 404 .* local-daily .*\[chosen by rule, not verified\]\n {2}fallback OK +200 +3 items +1 last day/m,
      );
      assert.doesNotMatch(dry.err, /switched/);
      const listed = async () =>
        (
          JSON.parse(
            (await runCli(['sources', 'list', '--json'], env)).out.split('\n').find((l) => l.includes('local-daily')) ??
              '{}',
          ) as { feeds: string[] }
        ).feeds;
      assert.deepEqual(await listed(), [broken.feedUrl], '--dry-run leaves the catalog file alone');
      const r = await runCli(['sources', 'check', '--outlet', 'local-daily', '--json'], env);
      assert.equal(r.code, 0, r.err);
      const result = JSON.parse(r.out) as { ok: boolean; fallback: { ok: boolean; items: number; recent: number } };
      assert.equal(result.ok, false);
      assert.deepEqual([result.fallback.ok, result.fallback.items, result.fallback.recent], [true, 3, 1]);
      assert.match(r.err, /switched local-daily to its fallback/);
      assert.deepEqual(await listed(), [broken.searchFeedUrl], 'the outlet is now read through its fallback');
      // Now the fallback is the feed and the old one its fallback: it works, so nothing switches.
      const again = await runCli(['sources', 'check', '--outlet', 'local-daily'], env);
      assert.match(again.out, /^OK .* local-daily/m);
      assert.doesNotMatch(again.err, /switched/);
    } finally {
      await fresh.close();
      await broken.close();
    }
  });

  test('import reads WARC files: catalog hosts go to their outlet, unknown hosts get one of their own', async () => {
    const paragraphs = [
      'Der Bundestag hat am Donnerstag nach langer Debatte ein neues Gesetz zur Wasserversorgung in den Städten beschlossen, das ab dem kommenden Jahr gelten soll.',
      'Die Opposition kritisierte, dass die Kommunen zu wenig Geld für die Umsetzung bekommen, und kündigte an, vor dem Verfassungsgericht zu klagen.',
      'Umweltverbände begrüßten die Entscheidung grundsätzlich, forderten aber strengere Regeln für die Landwirtschaft und mehr Kontrollen der Grenzwerte.',
    ];
    const warc = join(dir, 'news.warc.gz');
    writeFileSync(
      warc,
      buildWarc([
        {
          url: 'https://www.upmedia.mg/news_info.php?SerialNo=1',
          html: articleHtml(
            1,
            '特使抵達台北',
            ['美國特使週一抵達台北，展開為期三天的訪問，並將與多位官員會面，討論區域安全與經濟合作等議題。'.repeat(3)],
            'zh-Hant',
          ),
        },
        {
          url: 'https://www.beispiel-zeitung.de/politik/wasser',
          html: articleHtml(2, 'Bundestag beschließt Wassergesetz', paragraphs, 'de'),
          encoded: true,
        },
        { url: 'https://www.beispiel-zeitung.de/bild.png', html: 'PNG', contentType: 'image/png' },
        { url: 'https://www.beispiel-zeitung.de/gone', html: 'Not here', status: 404 },
      ]),
    );
    const env = envFor('import');
    const r = await runCli(['import', warc], env);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /9 records, 2 HTML pages, 2 articles stored/);
    const store = await storeAt('import');
    try {
      const articles = await store.articles.list({ limit: 10 });
      const byOutlet = new Map(articles.map((a) => [a.outletId, a]));
      assert.equal(byOutlet.get('upmedia')?.country, 'TW', 'a catalog host is attributed to its outlet');
      const web = byOutlet.get('web-beispiel-zeitung-de');
      assert.equal(web?.country, 'DE', 'country from the country-code domain');
      assert.equal(web?.language, 'de');
      assert.equal(web?.blocks.length, 3);
      const outlet = await store.outlets.get('web-beispiel-zeitung-de');
      assert.equal(outlet?.outsideCatalog, true);
      assert.equal(outlet?.name, 'Test Daily', 'named from the page’s site name');
    } finally {
      await store.close();
    }
    const again = await runCli(['import', warc], env);
    assert.match(again.err, /0 articles stored, 2 already known/);
  });

  test('a truncated WARC keeps the articles read before the cut and says so, with exit code 1', async () => {
    const whole = buildWarc(
      [
        {
          url: 'https://www.beispiel-zeitung.de/a',
          html: articleHtml(3, 'Titel', ['Ein Absatz mit genug Text, damit er als Artikel zählt. '.repeat(6)], 'de'),
        },
      ],
      false,
    );
    const file = join(dir, 'cut.warc');
    writeFileSync(file, whole.subarray(0, whole.length - 40));
    const r = await runCli(['import', file], envFor('cut'));
    assert.equal(r.code, 1);
    assert.match(r.err, /1 unreadable, skipped: truncated: the file ends inside the record/);
  });

  test('killing ingest mid-run loses no discovered item and stores no article twice', async () => {
    const slow = await startNewsSite({ articles: 12, pageDelayMs: 250 });
    try {
      const env = { ...process.env, ...envFor('kill', slow), MERIDIAN_HOST_CONCURRENCY: '1' };
      const child = spawn(process.execPath, ['bin/meridian', 'ingest', '--once', '--outlet', 'local-daily'], {
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let childErr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        childErr += chunk.toString();
      });
      // Wait until the feed was read and a few pages fetched, then kill without warning. Starting
      // ingest (loading its code and language model) took over 10 s on a loaded CI machine, so the
      // wait is bounded by ingest's own progress and a generous deadline, not a short fixed time.
      const store = await storeAt('kill');
      try {
        const finished = async () => {
          const states = await store.articles.countByState();
          return (states.extracted ?? 0) + (states.clustered ?? 0);
        };
        const deadline = Date.now() + 60_000;
        while (child.exitCode === null && Date.now() < deadline && (await finished()) < 2) {
          await new Promise((r) => setTimeout(r, 50));
        }
        assert.equal(child.exitCode, null, `ingest ended before the kill: ${childErr}`);
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
        const atKill = await store.articles.countByState();
        assert.equal(
          await store.articles.count(),
          12,
          `every discovered item was recorded before any page was fetched${childErr ? `; ingest said: ${childErr}` : ''}`,
        );
        assert.ok((atKill.discovered ?? 0) > 0, `the kill came mid-run: ${JSON.stringify(atKill)}`);

        const rerun = await runCli(['ingest', '--once', '--outlet', 'local-daily'], envFor('kill', slow));
        assert.equal(rerun.code, 0, rerun.err);
        assert.equal(await store.articles.count(), 12, 'nothing stored twice');
        assert.equal((await store.articles.countByState()).clustered, 12, 'every article finished');
        const pages = slow.requests.filter((r) => r.startsWith('/news/'));
        assert.ok(
          pages.length <= 12 + 2,
          `pages fetched at most once each, plus those in flight at the kill (${pages.length})`,
        );
      } finally {
        await store.close();
      }
    } finally {
      await slow.close();
    }
  });
});

describe('meridian retry', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('re-queues parked jobs and re-enables disabled feeds', async () => {
    const name = 'retry';
    const store = await Store.open({ dataDir: join(dir, name) });
    try {
      const outlet = {
        id: 'o',
        name: 'O',
        homepage: 'https://o.example/',
        country: 'FR',
        languages: ['fr'],
        feeds: [{ url: 'https://o.example/rss' }],
        logo: '',
        kind: 'private' as const,
      };
      await store.outlets.syncCatalog([outlet]);
      await store.feeds.syncCatalog([outlet]);
      const feed = (await store.feeds.list())[0]!;
      await store.feeds.recordPoll(feed.id, { ok: false, status: 500, nextIntervalS: 3600, disable: true });
      await store.jobs.enqueue('fetch', { articleId: 1 }, { maxAttempts: 1 });
      const [job] = await store.jobs.claim(['fetch'], 'w');
      await store.jobs.fail(job!, 'boom', new Date());
    } finally {
      await store.close();
    }
    const env = { MERIDIAN_DATA_DIR: join(dir, name) };
    const none = await runCli(['retry'], env);
    assert.equal(none.code, 2);
    const jobs = await runCli(['retry', '--jobs'], env);
    assert.match(jobs.out, /1 parked job queued again/);
    const feeds = await runCli(['retry', '--feeds'], env);
    assert.match(feeds.out, /1 feed enabled and due now/);
    const unknown = await runCli(['retry', 'https://nowhere.example/rss'], env);
    assert.match(unknown.err, /no such feed/);
    const badKind = await runCli(['retry', '--kind', 'fecth'], env);
    assert.match(badKind.err, /no job kind "fecth": kinds are poll, fetch, image, logo, translate, translate-body/);
    const after = await Store.open({ dataDir: join(dir, name) });
    try {
      assert.equal((await after.feeds.list())[0]?.disabled, 0);
      assert.equal(await after.jobs.pending(['fetch']), 1);
    } finally {
      await after.close();
    }
  });
});
