/**
 * A day of translation within a budget: 15,000 articles arrive over a simulated UTC day and go
 * through Meridian's real translation steps (headline job, body job by priority, the daily budget
 * in the store) with the DeepL provider talking to a local server that speaks DeepL's protocol
 * and counts every character it is sent. The clock is simulated, minute by minute: the day runs
 * in a few minutes.
 *
 *   npx tsx bench/translate-budget.ts [../shared/data] [--articles 15000] [--budget 2000000]
 *     [--headline-cap 1500000] [--foreign 0.59] [--multi-country 0.03] [--body-chars 4000]
 *
 * The mix, and where it comes from:
 * - `--foreign`: share of articles not in English; 0.59 is the catalog's share of non-English
 *   feeds (407 of 695). English articles need no translation and cost nothing.
 * - Text: SemEval 2022 task 8 articles (title before the first double space). Bodies are that
 *   language's texts joined until `--body-chars` (the issue's ~4,000 characters an article; the
 *   dataset's texts are cut at ~1,000); half the articles have a standfirst (the first sentence),
 *   three in ten an image caption (another sentence). Every segment carries the article's number,
 *   so the segment cache never makes a repeated text free.
 * - Stories: `--multi-country` of the articles belong to stories of 2-10 articles from different
 *   countries arriving over 6 hours; the rest are single-country. Clustering itself is not run: an
 *   article joins its story when its headline is translated, as the cluster job would, and the
 *   same function lifts the bodies of stories two or more countries cover.
 *
 * Figures: characters spent (Meridian's count and the server's), the share of headlines
 * translated and how soon after arrival, the share of bodies of multi-country stories translated
 * (and of the others), and whether any UTC day ever passed the budget.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Config } from '../src/config/config.ts';
import { translateBodyHandler, translateHandler } from '../src/jobs/handlers/translate.ts';
import { type ArticlePayload, articleJobKey, JOB } from '../src/jobs/kinds.ts';
import { liftMultiCountryBodies } from '../src/jobs/priority-store.ts';
import { queueNext } from '../src/jobs/stages-table.ts';
import type { JobHandler } from '../src/jobs/worker.ts';
import type { Outlet } from '../src/model/outlet.ts';
import { Store } from '../src/store/store.ts';
import { utcDay } from '../src/translate/budget.ts';
import { createTranslator } from '../src/translate/providers/index.ts';
import { parseCsv } from '../src/util/csv.ts';
import { mulberry32 } from '../src/util/random.ts';
import { writeResults } from './results.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    articles: { type: 'string', default: '15000' },
    budget: { type: 'string', default: '2000000' },
    'headline-cap': { type: 'string', default: '1500000' },
    foreign: { type: 'string', default: '0.59' },
    'multi-country': { type: 'string', default: '0.03' },
    'body-chars': { type: 'string', default: '4000' },
  },
});
const dataDir = resolve(positionals[0] ?? '../shared/data');
const N = Number(values.articles);
const limits = { daily: Number(values.budget), headline: Number(values['headline-cap']) };
const FOREIGN = Number(values.foreign);
const MULTI = Number(values['multi-country']);
const BODY_CHARS = Number(values['body-chars']);
const DAY0 = Date.UTC(2026, 11, 7);
const MIN = 60_000;

// Deterministic, so every run replays the same day.
const random = mulberry32(21);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

// ---------------------------------------------------------------------------------------------
// Texts

interface Text {
  lang: string;
  title: string;
  sentences: string[];
}

function loadTexts(): Map<string, Text[]> {
  const [header = [], ...rows] = parseCsv(
    readFileSync(join(dataDir, 'semeval2022-task8-pairs/training_set.csv'), 'utf8'),
  );
  const col = (name: string) => header.indexOf(name);
  const seen = new Set<string>();
  const byLang = new Map<string, Text[]>();
  for (const r of rows) {
    for (const [l, t] of [
      [r[col('lang1')], r[col('text1')]],
      [r[col('lang2')], r[col('text2')]],
    ]) {
      const text = (t ?? '').trim();
      const cut = text.indexOf('  ');
      if (!l || cut <= 0 || seen.has(text)) continue;
      seen.add(text);
      const segmenter = new Intl.Segmenter(l, { granularity: 'sentence' });
      const sentences = Array.from(segmenter.segment(text.slice(cut).trim()), (s) => s.segment.trim()).filter(
        (s) => s.length > 20,
      );
      if (sentences.length < 3) continue;
      const list = byLang.get(l) ?? [];
      list.push({ lang: l, title: text.slice(0, cut).trim(), sentences });
      byLang.set(l, list);
    }
  }
  return byLang;
}

interface SimArticle {
  n: number;
  at: number; // ms since DAY0
  country: string;
  lang: string;
  title: string;
  standfirst?: string;
  caption?: string;
  blocks: string[];
  story?: number;
  id?: number;
  headlineAt?: number;
}

const COUNTRIES = [
  'DE',
  'FR',
  'ES',
  'MX',
  'AR',
  'IT',
  'BR',
  'PL',
  'TR',
  'EG',
  'SA',
  'RU',
  'CN',
  'JP',
  'KR',
  'US',
  'GB',
  'IN',
  'NG',
  'KE',
];

function makeArticles(byLang: Map<string, Text[]>): SimArticle[] {
  const foreignLangs = [...byLang.keys()].filter((l) => l !== 'en' && (byLang.get(l)?.length ?? 0) >= 5);
  if (foreignLangs.length === 0) throw new Error(`no SemEval texts found under ${dataDir}`);
  // English articles are never translated, so any text does for them.
  const textsOf = (lang: string) => byLang.get(lang) ?? byLang.get(foreignLangs[0] as string) ?? [];
  const body = (lang: string, n: number): string[] => {
    const pool = textsOf(lang);
    const paragraphs: string[] = [];
    let chars = 0;
    while (chars < BODY_CHARS) {
      const t = pick(pool);
      for (let i = 0; i < t.sentences.length && chars < BODY_CHARS; i += 3) {
        const p = `${t.sentences.slice(i, i + 3).join(' ')} (${n})`;
        paragraphs.push(p);
        chars += p.length;
      }
    }
    return paragraphs;
  };
  const make = (n: number, at: number, country: string, story?: number): SimArticle => {
    const lang = random() < FOREIGN ? pick(foreignLangs) : 'en';
    const t = pick(textsOf(lang));
    return {
      n,
      at,
      country,
      lang,
      title: `${t.title} (${n})`,
      ...(random() < 0.5 ? { standfirst: `${(t.sentences[0] ?? '').slice(0, 200)} (${n})` } : {}),
      ...(random() < 0.3 ? { caption: `${(t.sentences[1] ?? '').slice(0, 120)} (${n})` } : {}),
      blocks: body(lang, n),
      ...(story !== undefined ? { story } : {}),
    };
  };
  const articles: SimArticle[] = [];
  let story = 0;
  while (articles.length < N * MULTI) {
    const size = 2 + Math.floor(random() * 9);
    const start = random() * 22 * 3_600_000;
    const countries = [...COUNTRIES].sort(() => random() - 0.5);
    for (let i = 0; i < size; i++)
      articles.push(
        make(
          articles.length,
          Math.min(86_399_000, start + random() * 6 * 3_600_000),
          countries[i % 4] as string,
          story,
        ),
      );
    story++;
  }
  while (articles.length < N) articles.push(make(articles.length, random() * 86_400_000, pick(COUNTRIES)));
  return articles.sort((a, b) => a.at - b.at);
}

// ---------------------------------------------------------------------------------------------
// A local server speaking DeepL's protocol (POST /v2/translate {text[], target_lang}) that counts

function deeplServer() {
  const perDay = new Map<string, number>();
  const clock = { now: DAY0 };
  let requests = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url !== '/v2/translate' || !String(req.headers.authorization ?? '').startsWith('DeepL-Auth-Key ')) {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text: string[] };
      requests++;
      const day = utcDay(new Date(clock.now));
      perDay.set(day, (perDay.get(day) ?? 0) + body.text.reduce((n, t) => n + t.length, 0));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ translations: body.text.map((t) => ({ detected_source_language: 'ES', text: `[en] ${t}` })) }),
      );
    });
  });
  return { server, perDay, clock, requests: () => requests };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  const articles = makeArticles(loadTexts());
  const deepl = deeplServer();
  await new Promise<void>((r) => deepl.server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(deepl.server.address() as AddressInfo).port}`;
  // Scratch database in memory-backed storage where there is one: the figures are about the
  // budget, not the disk.
  const dir = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'bench-translate-budget-'));
  const store = await Store.open({ dataDir: dir });
  const translator = await createTranslator(
    Config.fromEnv({
      MERIDIAN_TRANSLATOR: 'deepl',
      MERIDIAN_DEEPL_API_KEY: 'bench-key:fx',
      MERIDIAN_DEEPL_BASE_URL: url,
      MERIDIAN_ALLOW_PRIVATE_ADDRESSES: 'true',
    }),
  );
  const outlets: Outlet[] = COUNTRIES.map((c) => ({
    id: `outlet-${c.toLowerCase()}`,
    name: `Outlet ${c}`,
    homepage: `https://${c.toLowerCase()}.example/`,
    country: c,
    languages: ['und'],
    feeds: [{ url: `https://${c.toLowerCase()}.example/rss` }],
    logo: '',
    kind: 'private',
  }));
  await store.outlets.syncCatalog(outlets);
  await store.feeds.syncCatalog(outlets);

  const clock = { now: new Date(DAY0) };
  const options = { budget: limits, now: () => clock.now };
  const handlers: Record<string, JobHandler> = {
    [JOB.translate]: translateHandler(store, translator, 'en', queueNext(JOB.translate), options),
    [JOB.translateBody]: translateBodyHandler(store, translator, 'en', queueNext(JOB.translateBody), options),
  };
  const byId = new Map<number, SimArticle>();
  const storyIds = new Map<number, number>();
  const storyCountries = new Map<number, Set<string>>();
  let overBudget = 0;
  let next = 0;
  const END = 86_400_000;
  const waitingClustering: SimArticle[] = [];

  for (let t = 0; t < END; t += MIN) {
    clock.now = new Date(DAY0 + t);
    deepl.clock.now = DAY0 + t;
    // Arrivals of this minute, stored as the fetch job stores them.
    for (; next < articles.length && (articles[next] as SimArticle).at < t + MIN; next++) {
      const a = articles[next] as SimArticle;
      const link = `https://${a.country.toLowerCase()}.example/${a.n}`;
      const id = (await store.articles.insertDiscovered({
        outletId: `outlet-${a.country.toLowerCase()}`,
        country: a.country,
        url: link,
        urlKey: link,
      })) as number;
      await store.articles.saveExtracted(
        id,
        {
          title: a.title,
          ...(a.standfirst ? { standfirst: a.standfirst } : {}),
          blocks: a.blocks.map((text) => ({ kind: 'p' as const, text })),
          published: new Date(DAY0 + a.at).toISOString(),
          language: a.lang,
          ...(a.caption ? { image: { url: `${link}.jpg`, caption: a.caption } } : {}),
        },
        { contentHash: `h${a.n}` },
      );
      a.id = id;
      byId.set(id, a);
      // Queued at the simulated time: a job queued at the real time would wait for it.
      await store.jobs.enqueue(
        JOB.translate,
        { articleId: id },
        { dedupeKey: articleJobKey(JOB.translate, id), runAt: clock.now },
      );
      waitingClustering.push(a);
    }
    // The worker: every job due now, highest priority first.
    for (;;) {
      const jobs = await store.jobs.claim(Object.keys(handlers), 'bench', 32, clock.now);
      if (jobs.length === 0) break;
      for (const job of jobs) {
        const outcome = await (handlers[job.kind] as JobHandler)(job, new AbortController().signal);
        if (outcome?.status === 'retry-later') await store.jobs.release(job.id, outcome.at);
        else await store.jobs.complete(job.id);
        const a = byId.get((job.payload as ArticlePayload).articleId);
        if (job.kind === JOB.translate && a && outcome?.status !== 'retry-later') a.headlineAt = t;
      }
    }
    // Clustering, for articles whose headline step is done: join the story, lift its bodies.
    for (let i = waitingClustering.length - 1; i >= 0; i--) {
      const a = waitingClustering[i] as SimArticle;
      if (a.headlineAt === undefined) continue;
      waitingClustering.splice(i, 1);
      if (a.story === undefined || a.id === undefined) continue;
      const countries = storyCountries.get(a.story) ?? new Set<string>();
      countries.add(a.country);
      storyCountries.set(a.story, countries);
      const fields = {
        title: a.title,
        firstSeen: clock.now.toISOString(),
        lastSeen: clock.now.toISOString(),
        countries: [...countries],
        outlets: [],
        languages: [],
        articleCount: 1,
      };
      let sid = storyIds.get(a.story);
      if (sid === undefined) {
        sid = await store.stories.create(fields);
        storyIds.set(a.story, sid);
      } else await store.stories.update(sid, fields);
      await store.stories.assign(sid, a.id, 1);
      await liftMultiCountryBodies(store, { id: sid, countries: [...countries] }, clock.now);
    }
    const spent = await store.translationSpend.day('deepl', utcDay(clock.now));
    if (spent.headline + spent.body > limits.daily) overBudget++;
  }

  // Results at the end of the day.
  const translations = await store.translations.getMany([...byId.keys()]);
  const foreign = articles.filter((a) => a.lang !== 'en');
  const headlines = foreign.filter((a) => a.id !== undefined && translations.has(a.id));
  const latencies = foreign
    .filter((a) => a.headlineAt !== undefined)
    .map((a) => Math.max(0, (a.headlineAt as number) - Math.floor(a.at / MIN) * MIN) / MIN)
    .sort((x, y) => x - y);
  const withinFive = latencies.filter((m) => m <= 5).length;
  const bodyDone = (a: SimArticle) => (translations.get(a.id as number)?.blocks.length ?? 0) === a.blocks.length;
  const multi = foreign.filter((a) => a.story !== undefined && (storyCountries.get(a.story)?.size ?? 0) >= 2);
  const others = foreign.filter((a) => !multi.includes(a));
  const spent = await store.translationSpend.day('deepl', utcDay(new Date(DAY0)));
  const serverChars = deepl.perDay.get(utcDay(new Date(DAY0))) ?? 0;
  const pct = (x: number, of: number) => `${of ? ((x / of) * 100).toFixed(1) : '0.0'}%`;
  const headlineDemand = foreign.reduce(
    (n, a) => n + a.title.length + (a.standfirst?.length ?? 0) + (a.caption?.length ?? 0),
    0,
  );
  const multiBodyDemand = multi.reduce((n, a) => n + a.blocks.join('').length, 0);
  const lines = [
    `${articles.length} articles over one simulated UTC day (${foreign.length} not in English, ${multi.length} of those in ${new Set(multi.map((a) => a.story)).size} multi-country stories); budget ${limits.daily.toLocaleString('en')} characters a day, headlines up to ${limits.headline.toLocaleString('en')}`,
    `Characters spent: ${(spent.headline + spent.body).toLocaleString('en')} (headlines ${spent.headline.toLocaleString('en')}, bodies ${spent.body.toLocaleString('en')}); the DeepL server counted ${serverChars.toLocaleString('en')} in ${deepl.requests()} requests`,
    `Budget exceeded: ${overBudget === 0 && serverChars <= limits.daily ? 'never' : `${overBudget} minutes`} (checked every simulated minute and against the server's count)`,
    `Headlines translated: ${headlines.length}/${foreign.length} (${pct(headlines.length, foreign.length)}); within 5 minutes of arrival ${pct(withinFive, foreign.length)}, median ${latencies[Math.floor(latencies.length / 2)] ?? '-'} min, max ${latencies.at(-1) ?? '-'} min`,
    `Bodies translated, multi-country stories: ${multi.filter(bodyDone).length}/${multi.length} (${pct(multi.filter(bodyDone).length, multi.length)}); other articles: ${others.filter(bodyDone).length}/${others.length}`,
    `Demand: headlines ${headlineDemand.toLocaleString('en')} characters, multi-country bodies ${multiBodyDemand.toLocaleString('en')}: a budget of ${(headlineDemand + multiBodyDemand).toLocaleString('en')} (headlines ${headlineDemand.toLocaleString('en')}) covers both`,
    `Waiting for tomorrow: ${others.length + multi.length - multi.filter(bodyDone).length - others.filter(bodyDone).length} bodies, nothing dropped (${JSON.stringify((await store.jobs.counts())[JOB.translateBody] ?? {})})`,
    `Run time: ${((performance.now() - started) / 1000).toFixed(0)} s`,
  ];
  for (const l of lines) console.log(l);
  writeResults('translate-budget', `\`\`\`\n${lines.join('\n')}\n\`\`\``);
  await translator.close?.();
  await store.close();
  await new Promise((r) => deepl.server.close(r));
  await rm(dir, { recursive: true, force: true });
}

await main();
