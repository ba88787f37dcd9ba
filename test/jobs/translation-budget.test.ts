import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Config } from '../../src/config/config.ts';
import { translateBodyHandler, translateHandler } from '../../src/jobs/handlers/translate.ts';
import { type ArticlePayload, articleJobKey, JOB } from '../../src/jobs/kinds.ts';
import { liftMultiCountryBodies } from '../../src/jobs/priority-store.ts';
import { queueNext } from '../../src/jobs/stages-table.ts';
import { pipelineStatus } from '../../src/jobs/status.ts';
import { storeBudget } from '../../src/jobs/translation-budget.ts';
import type { JobHandler } from '../../src/jobs/worker.ts';
import type { Store } from '../../src/store/store.ts';
import type { BudgetLimits } from '../../src/translate/budget.ts';
import { createTranslator } from '../../src/translate/providers/index.ts';
import type { Translator } from '../../src/translate/translator.ts';
import { seed } from '../helpers/seed.ts';
import { testApp } from '../helpers/server.ts';
import { backends } from '../helpers/stores.ts';
import { deeplProtocol, startWireServer, type WireServer } from '../translate/wire-servers.ts';

/**
 * Translation in order and within a budget, on the real store (SQLite and PostgreSQL), the real
 * handlers and the DeepL provider against a local server speaking DeepL's protocol that records
 * every character it is sent. The clock is injected: jobs are claimed at the test's time and the
 * budget's days are the test's days.
 */
const TITLE = 'El presidente habló con el enviado número'; // 43 characters with ' n'
const PARAGRAPH = 'Los ministros llegaron ayer a la capital. '.repeat(2).trim(); // a body: 171 characters

function article(n: number, hoursOld: number, country = 'DE', outletId = 'dw') {
  return {
    outletId,
    country,
    url: `https://example.org/${outletId}/${n}`,
    title: `${TITLE} ${n}`,
    language: 'es',
    blocks: [
      { kind: 'p' as const, text: `${PARAGRAPH} ${n}` },
      { kind: 'p' as const, text: `${PARAGRAPH} ${n}.` },
    ],
    published: new Date(Date.UTC(2026, 11, 7, 12) - hoursOld * 3_600_000).toISOString(),
  };
}

/** Claims and runs jobs at `now`, one at a time, as a worker would; returns what ran. */
async function runDue(store: Store, handlers: Record<string, JobHandler>, now: Date, max = 100) {
  const ran: Array<{ kind: string; articleId: number; outcome: string }> = [];
  for (let i = 0; i < max; i++) {
    const [job] = await store.jobs.claim(Object.keys(handlers), 'test-worker', 1, now);
    if (!job) break;
    const articleId = (job.payload as ArticlePayload).articleId;
    const outcome = await (handlers[job.kind] as JobHandler)(job, new AbortController().signal);
    if (outcome?.status === 'retry-later') await store.jobs.release(job.id, outcome.at);
    else await store.jobs.complete(job.id);
    ran.push({ kind: job.kind, articleId, outcome: outcome?.status ?? 'done' });
  }
  return ran;
}

/** Characters the DeepL server was asked to translate. */
function charsSent(server: WireServer): number {
  return server
    .translateRequests()
    .flatMap((r) => (JSON.parse(r.body) as { text: string[] }).text)
    .reduce((n, t) => n + t.length, 0);
}

for (const backend of await backends()) {
  describe(`translation order and budget (${backend.name})`, { skip: backend.skip }, () => {
    let server: WireServer;
    let translator: Translator;
    before(async () => {
      server = await startWireServer(deeplProtocol);
      translator = await createTranslator(
        Config.fromEnv({
          MERIDIAN_TRANSLATOR: 'deepl',
          MERIDIAN_DEEPL_API_KEY: 'test-key:fx',
          MERIDIAN_DEEPL_BASE_URL: server.url,
          MERIDIAN_ALLOW_PRIVATE_ADDRESSES: 'true',
        }),
      );
    });
    after(async () => {
      await translator.close?.();
      await server.close();
    });

    function handlers(store: Store, clock: { now: Date }, budget?: BudgetLimits) {
      const options = { now: () => clock.now, ...(budget ? { budget } : {}) };
      return {
        [JOB.translate]: translateHandler(store, translator, 'en', queueNext(JOB.translate), options),
        [JOB.translateBody]: translateBodyHandler(store, translator, 'en', queueNext(JOB.translateBody), options),
      };
    }

    /** Seeds articles as extracted and queues their translation at the test's time. */
    async function extracted(store: Store, articles: ReturnType<typeof article>[], at: Date) {
      const ids = await seed(store, articles);
      for (const id of ids)
        await store.jobs.enqueue(
          JOB.translate,
          { articleId: id },
          { dedupeKey: articleJobKey(JOB.translate, id), runAt: at },
        );
      return ids;
    }

    test('a refund after midnight goes back to the day the characters were taken from', async () => {
      const { store, cleanup } = await backend.open();
      try {
        const clock = { now: new Date('2026-12-07T23:59:59Z') };
        const budget = storeBudget(store, 'deepl', { daily: 1000, headline: 200 }, () => clock.now);
        const reservation = await budget.reserve('headline', 150);
        assert.ok(reservation, 'fits the day');
        assert.equal(await budget.reserve('headline', 100), null, 'the headline cap holds');
        clock.now = new Date('2026-12-08T00:00:01Z');
        await reservation.refund();
        assert.deepEqual(await store.translationSpend.day('deepl', '2026-12-07'), { headline: 0, body: 0 });
        assert.deepEqual(
          await store.translationSpend.day('deepl', '2026-12-08'),
          { headline: 0, body: 0 },
          "the new day's allowance is untouched",
        );
      } finally {
        await cleanup();
      }
    });

    test("late in the day bodies may use what the headlines' pace leaves of their cap; the day's total holds", async () => {
      const { store, cleanup } = await backend.open();
      try {
        const clock = { now: new Date('2026-12-07T01:00:00Z') };
        const limits = { daily: 1000, headline: 600 };
        const budget = storeBudget(store, 'deepl', limits, () => clock.now);
        assert.ok(await budget.reserve('headline', 200), 'headlines spend 200 by 01:00');
        // Early: the headlines' cap is all theirs; bodies have their share's first hours (400 × 2/24).
        assert.equal(await budget.reserve('body', 100), null);
        // 20:00: at their pace headlines need about 200/20 h × 4 h × 1.5 = 40 more: 360 of their cap
        // is lent; bodies may have 400 × 21/24 = 350 of their own and the 360 lent.
        clock.now = new Date('2026-12-07T20:00:00Z');
        assert.ok(await budget.reserve('body', 650), 'a body beyond the bodies’ share fits with the lent cap');
        assert.equal(
          await budget.reserve('headline', 200),
          null,
          "a headline within the headlines' cap is refused when it would pass the day's total",
        );
        assert.ok(await budget.reserve('headline', 100), 'what is left of the day is still theirs');
        assert.deepEqual(await store.translationSpend.day('deepl', '2026-12-07'), { headline: 300, body: 650 });
        const at = await budget.retryAt('body', 100);
        assert.equal(at?.toISOString(), '2026-12-08T00:00:00.000Z', 'nothing left today: bodies wait for midnight');
      } finally {
        await cleanup();
      }
    });

    test('every headline first; then bodies of stories two countries cover, then the newest', async () => {
      const { store, cleanup } = await backend.open();
      try {
        const clock = { now: new Date('2026-12-07T12:00:00Z') };
        const [oldest, older, newest, covered] = await extracted(
          store,
          [article(1, 30), article(2, 20), article(3, 1), article(4, 25)],
          clock.now,
        );
        const h = handlers(store, clock);
        // Headlines only, while bodies are queued behind them.
        const first = await runDue(store, { [JOB.translate]: h[JOB.translate] }, clock.now);
        assert.deepEqual(
          first.map((r) => r.kind),
          Array(4).fill(JOB.translate),
        );
        const headline = await store.translations.get(oldest as number);
        assert.equal(headline?.title, 'The president spoke with the envoy number 1');
        assert.deepEqual(headline?.blocks, [], 'no body yet');
        // The fourth article's story is covered by two countries (clustering lifts its body).
        const story = await store.stories.create({
          title: 'x',
          firstSeen: clock.now.toISOString(),
          lastSeen: clock.now.toISOString(),
          countries: ['DE', 'US'],
          outlets: ['dw', 'npr'],
          languages: ['es', 'en'],
          articleCount: 1,
        });
        await store.stories.assign(story, covered as number, 1);
        await liftMultiCountryBodies(store, { id: story, countries: ['DE', 'US'] }, clock.now);

        const bodies = await runDue(store, h, clock.now);
        assert.deepEqual(
          bodies.map((r) => r.articleId),
          [covered, newest, older, oldest],
        );
        const full = await store.translations.get(oldest as number);
        assert.equal(full?.blocks.length, 2, 'block count kept');
        assert.equal(full?.title, headline?.title, 'the headline is kept');
        assert.match(full?.blocks[0]?.text ?? '', /^The ministers arrived yesterday to the capital/);
        // The story's take is refreshed now that an article's body is in English.
        const take = await store.db
          .selectFrom('jobs')
          .select(['payload', 'state'])
          .where('dedupe_key', '=', `take:${story}`)
          .executeTakeFirst();
        assert.deepEqual(JSON.parse(take?.payload ?? '{}'), { storyId: story, refresh: true });
        assert.equal(take?.state, 'queued');
      } finally {
        await cleanup();
      }
    });

    test('a reader opening an untranslated article moves its body ahead, through the store', async () => {
      const { store, cleanup } = await backend.open();
      try {
        const clock = { now: new Date('2026-12-07T12:00:00Z') };
        const [oldest, , newest] = await extracted(store, [article(1, 30), article(2, 20), article(3, 1)], clock.now);
        const h = handlers(store, clock);
        await runDue(store, { [JOB.translate]: h[JOB.translate] }, clock.now);

        const { app } = await testApp(store);
        const page = await (await app.request(`/articles/${oldest}`)).text();
        assert.match(page, /The president spoke with the envoy number 1/, 'the English headline is shown');
        assert.match(page, /translation of the article is on its way/);
        assert.match(page, /Los ministros llegaron ayer/, 'the original body is shown meanwhile');

        const bodies = await runDue(store, h, clock.now);
        assert.deepEqual(bodies[0]?.articleId, oldest, 'the article the reader opened goes first');
        assert.deepEqual(bodies[1]?.articleId, newest);
        const after = await (await app.request(`/articles/${oldest}`)).text();
        assert.match(after, /The ministers arrived yesterday to the capital/);
        assert.doesNotMatch(after, /on its way/);
      } finally {
        await cleanup();
      }
    });

    test('a spent budget holds bodies, then headlines, until the next UTC day; nothing is dropped or overspent', async () => {
      const { store, cleanup } = await backend.open();
      try {
        // Headlines 5 × 43 = 215 characters; bodies 171 each. Headlines may take 220 a day, bodies
        // the other 400, released over the day: two bodies fit a whole day.
        server.requests.length = 0;
        const limits = { daily: 620, headline: 220 };
        const clock = { now: new Date('2026-12-07T23:00:00Z') };
        const ids = await extracted(
          store,
          [1, 2, 3, 4, 5].map((n) => article(n, 10 - n)),
          clock.now,
        );
        const h = handlers(store, clock, limits);
        await runDue(store, h, clock.now);

        const day1 = await store.translationSpend.day('deepl', '2026-12-07');
        assert.deepEqual(day1, { headline: 215, body: 342 });
        assert.equal(charsSent(server), 215 + 342, 'the budget counts what the provider was sent');
        const bodiesDone = async () =>
          [...(await store.translations.getMany(ids)).values()].filter((t) => t.blocks.length === 2).length;
        assert.equal(await bodiesDone(), 2, 'two bodies fit the day');
        // Nothing dropped: three bodies wait for midnight, in the queue.
        const counts = await store.jobs.counts();
        assert.equal(counts[JOB.translateBody]?.queued, 3);
        assert.equal((await runDue(store, h, new Date('2026-12-07T23:59:00Z'))).length, 0, 'nothing more today');

        // A sixth article arrives late in the day: the headlines' cap is spent too, so it waits.
        clock.now = new Date('2026-12-07T23:30:00Z');
        const [late] = await extracted(store, [article(6, 0)], clock.now);
        const lateRun = await runDue(store, h, clock.now);
        assert.deepEqual(lateRun, [{ kind: JOB.translate, articleId: late, outcome: 'retry-later' }]);
        assert.equal((await store.articles.get(late as number))?.state, 'extracted', 'kept, in the original');

        const status = await pipelineStatus(store, 'deepl', clock.now, limits);
        assert.deepEqual(status.translation.budget.spentToday, { headline: 215, body: 342, total: 557 });
        assert.equal(status.translation.budget.waiting.headlines, 1);
        assert.deepEqual(status.translation.budget.waiting.bodies, { reader: 0, 'multi-country': 0, other: 3 });
        assert.ok(Math.abs((status.translation.budget.costToday ?? 0) - (557 / 1e6) * 25) < 1e-9);

        // Midnight: the headline goes at once; bodies come as the day's release allows, newest first.
        clock.now = new Date('2026-12-08T00:00:10Z');
        const midnight = await runDue(store, h, clock.now);
        assert.deepEqual(
          midnight.filter((r) => r.outcome === 'done').map((r) => r.kind),
          [JOB.translate],
        );
        // Under a budget single-country bodies wait for the day's leftovers (22:00 UTC); a body
        // whose story a second country joins goes as soon as the release allows.
        clock.now = new Date('2026-12-08T12:00:00Z');
        assert.deepEqual(
          (await runDue(store, h, clock.now)).filter((r) => r.outcome === 'done'),
          [],
          'single-country bodies are held',
        );
        const story = await store.stories.create({
          title: 'x',
          firstSeen: clock.now.toISOString(),
          lastSeen: clock.now.toISOString(),
          countries: ['DE', 'US'],
          outlets: ['dw', 'npr'],
          languages: ['es', 'en'],
          articleCount: 2,
        });
        await store.stories.assign(story, ids[0] as number, 1);
        await liftMultiCountryBodies(store, { id: story, countries: ['DE', 'US'] }, clock.now);
        const noon = await runDue(store, h, clock.now);
        assert.deepEqual(
          noon.filter((r) => r.outcome === 'done').map((r) => r.articleId),
          [ids[0]],
          "by noon 13/24 of the bodies' share (216) is released: the multi-country body goes",
        );
        clock.now = new Date('2026-12-08T23:30:00Z');
        const evening = await runDue(store, h, clock.now);
        assert.deepEqual(
          evening.filter((r) => r.outcome === 'done').map((r) => r.articleId),
          [late, ids[2]],
          // One headline (43) by 23:30 leaves 175 of the headlines' 220 unneeded: lent, it carries a
          // second body.
          'the leftovers, and what the headlines will not need, go to the newest single-country bodies',
        );
        const day2 = await store.translationSpend.day('deepl', '2026-12-08');
        assert.deepEqual(day2, { headline: 43, body: 513 });
        assert.ok(43 + 513 <= limits.daily, "the day's total holds");
        assert.equal(charsSent(server), 557 + 43 + 513, 'the server received exactly what the budget counted');
        assert.equal((await store.jobs.counts())[JOB.translateBody]?.queued, 1, 'the oldest waits for day 3');
      } finally {
        await cleanup();
      }
    });
  });
}
