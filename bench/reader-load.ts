/**
 * Load on the reader with a big archive: fills a SQLite store with 100,000 articles (150 outlets in
 * 50 countries, 30 days, 60% translated), serves it on loopback with `meridian serve` in a child process, and drives
 * 100 concurrent connections with autocannon at country pages and article pages. Prints requests/s,
 * latency p50/p99, the server's CPU time per request and the CPU time the hypervisor took away
 * from this machine meanwhile (steal). Target (issue 4): p99 < 50 ms.
 *
 * "article pages" asks for a random one of all 100,000 articles on every request, so the page
 * cache never helps: the worst case. "recent articles" asks as readers do, nine requests in ten
 * for one of the newest 2,000 articles.
 *
 * With --stories every article belongs to a story of eight consecutive articles (eight outlets),
 * so article pages also show Alternative Takes and the World's Current Take: the case the plain
 * run leaves out. Each story's analysis and take are stored as the pipeline's take job stores
 * them, so pages read them as they do once a story has settled.
 *
 *   npx tsx bench/reader-load.ts [articles=100000] [seconds=10] [--processes N] [--stories]
 *   npx tsx bench/reader-load.ts [articles] [seconds] [--stories] --versus REV [--rounds N]
 *     (this checkout against revision REV, server CPU per request, rounds in alternating order)
 *   npx tsx bench/reader-load.ts --fill DATA_DIR [articles] [--stories]   (only fill a store, to inspect it)
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadCountries } from '../src/catalog/data.ts';
import { storeStoryTakes } from '../src/jobs/story-takes.ts';
import type { Outlet } from '../src/model/outlet.ts';
import { Store } from '../src/store/store.ts';
import { storyDocs } from '../src/stories/article-docs.ts';
import { groupBy } from '../src/util/group-by.ts';
import { writeResults } from './results.ts';
import { median } from './stats.ts';

const COUNTRIES = 50;
const OUTLETS_PER_COUNTRY = 3;
const BATCH = 500;
const STORY_SIZE = 8;

/** A few real-looking paragraphs; each article picks and varies them, so no two bodies are equal. */
const PARAGRAPHS = [
  'The government announced on {day} that it would bring forward the vote on the budget, after weeks of negotiations with the opposition over spending on health and education.',
  'Officials in {city} said the measures would take effect at the start of next month, and that the cost would be covered by savings elsewhere in the administration.',
  'Critics said the plan did little to address rising prices, which have hit households in {city} especially hard since the spring, and called for a broader debate in parliament.',
  '“We have listened to every side,” the minister told reporters on {day}. “This is a fair compromise, and it is time to act.”',
  'Analysts expect the central bank to keep interest rates unchanged at its next meeting, citing slowing growth and uncertainty about exports to the country’s main trading partners.',
  'Thousands of people gathered in the centre of {city} on {day} evening, some carrying banners and flags, in one of the largest demonstrations the city has seen this year.',
  'The report, published by an independent commission, found that emergency services had been stretched by the floods and recommended new investment in flood defences.',
];
const TOPICS = [
  'Budget vote',
  'Floods',
  'Election',
  'Rail strike',
  'Trade talks',
  'Heatwave',
  'Summit',
  'Court ruling',
];
const CITIES = ['the capital', 'the port city', 'the north', 'the border region', 'the old town'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Paragraph `index` (modulo their number) with its day and place filled in. */
function paragraph(index: number, day: string, city: string): string {
  return (PARAGRAPHS[index % PARAGRAPHS.length] as string).replaceAll('{day}', day).replaceAll('{city}', city);
}

function body(i: number): Array<{ kind: 'p'; text: string }> {
  const n = 4 + (i % 5);
  return Array.from({ length: n }, (_, k) => ({
    kind: 'p' as const,
    text: paragraph(i + k * 3, DAYS[(i + k) % DAYS.length] as string, CITIES[(i * 7 + k) % CITIES.length] as string),
  }));
}

/**
 * A World's Current Take of the shape the extractive take writes for a story of eight outlets:
 * three titled sections of two sentences, each citing two of the story's articles.
 */
function storyTake(storyId: number, members: Array<{ id: number; country: string }>, now: string) {
  const cite = (k: number) => [String(members[k % members.length]?.id), String(members[(k + 3) % members.length]?.id)];
  const sections = ['What happened', 'Where coverage differs', 'What comes next'].map((heading, s) => ({
    heading,
    sentences: [0, 1].map((n) => ({
      text: paragraph(storyId + s * 2 + n, 'Monday', 'the capital'),
      citations: cite(s * 2 + n),
    })),
  }));
  return {
    story_id: storyId,
    version: 1,
    sections: JSON.stringify(sections),
    countries: JSON.stringify([...new Set(members.map((m) => m.country))]),
    outlet_count: members.length,
    provider: 'extractive',
    model: 'extractive',
    note: null,
    article_count: members.length,
    created_at: now,
  };
}

/**
 * Puts every article into a story of STORY_SIZE consecutive ones, as the stories stage would, and
 * stores each story's Alternative Takes analysis and take as the take job does once a story settles.
 */
async function fillStories(store: Store, maxId: number): Promise<void> {
  const now = new Date().toISOString();
  for (let from = 1; from <= maxId; from += BATCH * STORY_SIZE) {
    const rows = await store.db
      .selectFrom('articles')
      .select(['id', 'country', 'outlet_id', 'title', 'language'])
      .where('id', '>=', from)
      .where('id', '<', from + BATCH * STORY_SIZE)
      .orderBy('id')
      .execute();
    const byStory = groupBy(rows, (r) => 1 + Math.floor((r.id - 1) / STORY_SIZE));
    await store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('stories')
        .values(
          [...byStory].map(([id, members]) => ({
            id,
            title: (members[0] as { title: string }).title,
            first_seen: now,
            last_seen: now,
            countries: JSON.stringify([...new Set(members.map((m) => m.country))]),
            outlets: JSON.stringify([...new Set(members.map((m) => m.outlet_id))]),
            languages: JSON.stringify([...new Set(members.map((m) => m.language ?? 'und'))]),
            article_count: members.length,
            merged_into: null,
            updated_at: now,
          })),
        )
        .execute();
      await trx
        .insertInto('story_articles')
        .values(
          [...byStory].flatMap(([storyId, members]) =>
            members.map((m) => ({ article_id: m.id, story_id: storyId, score: 0.8, added_at: now })),
          ),
        )
        .execute();
      await trx
        .insertInto('takes')
        .values([...byStory].map(([id, members]) => storyTake(id, members, now)))
        .execute();
    });
    const docs = groupBy(
      await storyDocs(
        store,
        rows.map((r) => r.id),
      ),
      (d) => 1 + Math.floor((Number(d.id) - 1) / STORY_SIZE),
    );
    for (const [id, members] of docs) {
      const story = await store.stories.get(id);
      if (story) await storeStoryTakes(store, story, members);
    }
  }
}

async function fill(
  store: Store,
  total: number,
  withStories: boolean,
): Promise<{ countries: string[]; maxId: number }> {
  const countries = loadCountries().slice(0, COUNTRIES);
  const outlets: Outlet[] = countries.flatMap((c) =>
    Array.from({ length: OUTLETS_PER_COUNTRY }, (_, k) => ({
      id: `${c.code.toLowerCase()}-outlet-${k}`,
      name: `${c.name} ${['Daily', 'Herald', 'Broadcasting'][k]}`,
      homepage: `https://news-${k}.${c.code.toLowerCase()}.example/`,
      country: c.code,
      languages: ['en'],
      feeds: [{ url: `https://news-${k}.${c.code.toLowerCase()}.example/rss` }],
      logo: `https://news-${k}.${c.code.toLowerCase()}.example/logo.png`,
      kind: k === 2 ? ('public' as const) : ('private' as const),
    })),
  );
  await store.outlets.syncCatalog(outlets);
  await store.feeds.syncCatalog(outlets);
  const now = Date.now();
  const start = performance.now();
  for (let from = 0; from < total; from += BATCH) {
    await store.db.transaction().execute(async (trx) => {
      const rows = [];
      for (let i = from; i < Math.min(total, from + BATCH); i++) {
        const outlet = outlets[i % outlets.length] as Outlet;
        const published = new Date(now - ((i * 2_591_000) % (30 * 86_400_000)) - i).toISOString();
        const url = `https://${new URL(outlet.homepage).host}/news/${i}`;
        rows.push({
          outlet_id: outlet.id,
          url,
          url_key: url,
          country: outlet.country,
          language: i % 5 < 3 ? 'fr' : 'en',
          title: `${TOPICS[i % TOPICS.length]}: ${(PARAGRAPHS[i % PARAGRAPHS.length] as string).slice(4, 70).replace(/\{\w+\}/g, 'today')}`,
          blocks: JSON.stringify(body(i)),
          image_url: i % 3 === 0 ? null : `https://${new URL(outlet.homepage).host}/img/${i}.jpg`,
          image_caption: i % 3 === 0 ? null : 'People gather in the main square',
          published_at: published,
          paywalled: 0,
          content_hash: `h${i}`,
          state: i % 5 < 3 ? 'translated' : 'extracted',
          discovered_at: published,
          updated_at: published,
        });
      }
      const ids = await trx.insertInto('articles').values(rows).returning(['id', 'language', 'blocks']).execute();
      const translations = ids
        .filter((r) => r.language === 'fr')
        .map((r) => ({
          article_id: r.id,
          target: 'en',
          source: 'fr',
          title: `Translated headline of article ${r.id}`,
          blocks: r.blocks,
          provider: 'deepl',
          model: 'default',
          characters: 1200,
          ms: 40,
          created_at: new Date(now).toISOString(),
        }));
      if (translations.length) await trx.insertInto('translations').values(translations).execute();
    });
  }
  const maxId = Number(
    (
      await store.db
        .selectFrom('articles')
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirst()
    )?.m ?? 0,
  );
  if (withStories) await fillStories(store, maxId);
  console.log(`filled ${total} articles in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return { countries: countries.map((c) => c.code.toLowerCase()), maxId };
}

/** CPU seconds used so far by a process and its children (Linux /proc; 0 elsewhere). */
function cpuSeconds(pid: number): number {
  const stat = (p: string) => {
    if (!existsSync(`/proc/${p}/stat`)) return 0;
    const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  const childrenFile = `/proc/${pid}/task/${pid}/children`;
  const children = existsSync(childrenFile)
    ? readFileSync(childrenFile, 'utf8').trim().split(/\s+/).filter(Boolean)
    : [];
  return [String(pid), ...children].reduce((sum, p) => sum + stat(p), 0);
}

/**
 * CPU time the hypervisor gave to other machines (steal, Linux /proc/stat; 0 elsewhere), in ms.
 * On a shared host it comes in bursts of tens of milliseconds that hold every request in flight,
 * so a run's p99 is read beside it.
 */
function stealMs(): number {
  if (!existsSync('/proc/stat')) return 0;
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/) ?? [];
  return Number(cpu[8] ?? 0) * 10;
}

function run(url: string, seconds: number, paths: () => string) {
  return autocannon({
    url,
    connections: 100,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths() }) }],
  });
}

interface Filled {
  /** What the fill printed about itself (articles, seconds). */
  lines: string[];
  countries: string[];
  maxId: number;
}

/**
 * Fills a store in `dir` with the fill of the checkout at `root` (its own schema and data), in a
 * child process: the load generator runs in this one, and a heap left big by filling slowed it
 * enough to cap the figures (country pages measured at half their rate).
 */
function fillInChild(root: string, dir: string, total: number, withStories: boolean): Filled {
  const filled = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(root, 'bench/reader-load.ts'),
      '--fill',
      dir,
      String(total),
      ...(withStories ? ['--stories'] : []),
    ],
    { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = filled.trim().split('\n');
  const { countries, maxId } = JSON.parse(lines.pop() as string) as { countries: string[]; maxId: number };
  // Write the freshly filled file out first, so the disk is not still busy with it while measuring.
  execFileSync('sync');
  return { lines, countries, maxId };
}

/**
 * The real `meridian serve` of the checkout at `root` on the filled store, without the pipeline,
 * started as `npm start` starts it: through bin/meridian's shebang, which carries the server's
 * node flags. Resolves once every web process has finished its warm-up (SQLite pages, then with
 * stories the story asides), so no suite counts requests that waited behind it; at most a minute.
 */
async function startServer(
  root: string,
  dir: string,
  processes: number,
  withStories: boolean,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(join(root, 'bin/meridian'), ['serve'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      // Info, to hear when the start-up warm-up is over (the server logs no requests).
      LOG_LEVEL: 'info',
      MERIDIAN_DATA_DIR: dir,
      PORT: '0',
      MERIDIAN_PIPELINE: 'false',
      MERIDIAN_WEB_PROCESSES: String(processes),
    },
  });
  const warmedUp = withStories ? /story asides rendered into the cache/g : /database pages read into the cache/g;
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    let found: string | undefined;
    let waitedLongEnough = false;
    const settle = () => {
      if (found && (waitedLongEnough || (err.match(warmedUp)?.length ?? 0) >= processes)) resolve(found);
    };
    setTimeout(() => {
      waitedLongEnough = true;
      settle();
    }, 60_000).unref();
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      found ??= /Meridian is running at (\S+)/.exec(err)?.[1];
      settle();
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
  return { child, url };
}

async function stopServer(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/** The kinds of request measured, each a path picker. */
function suites({ countries, maxId }: Filled): Array<[string, () => string]> {
  const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)] as T;
  return [
    // The floor: the cheapest route of the same server on the same machine at the same time.
    ['/healthz', () => '/healthz'],
    ['country pages', () => `/countries/${pick(countries)}`],
    ['article pages', () => `/articles/${1 + Math.floor(Math.random() * maxId)}`],
    [
      'recent articles',
      () =>
        `/articles/${Math.random() < 0.9 ? Math.max(1, maxId - Math.floor(Math.random() * 2000)) : 1 + Math.floor(Math.random() * maxId)}`,
    ],
    ['home page', () => '/'],
  ];
}

interface SuiteFigures {
  result: autocannon.Result;
  cpuPerRequest: number;
  steal: number;
  failed: number;
}

async function measure(url: string, pid: number, seconds: number, paths: () => string): Promise<SuiteFigures> {
  // Warm-up: the first requests of a route compile its code paths (and fill the page cache).
  await run(url, 2, paths);
  const cpuBefore = cpuSeconds(pid);
  const stealBefore = stealMs();
  const result = await run(url, seconds, paths);
  const cpuPerRequest = ((cpuSeconds(pid) - cpuBefore) * 1e6) / Math.max(1, result.requests.total);
  return {
    result,
    cpuPerRequest,
    steal: stealMs() - stealBefore,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    stories: { type: 'boolean', default: false },
    processes: { type: 'string', default: '1' },
    versus: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    // Only fill a store (also how --versus fills one with another revision's code).
    fill: { type: 'string' },
  },
});

async function main(): Promise<void> {
  const command = ['npx tsx bench/reader-load.ts', ...process.argv.slice(2)].join(' ');
  const withStories = options.stories;
  const processes = Number(options.processes);
  const rounds = Number(options.rounds);
  const total = Number(positionals[0] ?? 100_000);
  const seconds = Number(positionals[1] ?? 10);
  if (options.versus) return compare(options.versus, { total, seconds, withStories, rounds, command });
  const dir = mkdtempSync(join(tmpdir(), 'meridian-load-'));
  const filled = fillInChild(ROOT, dir, total, withStories);
  console.log(filled.lines.join('\n'));
  const { child, url } = await startServer(ROOT, dir, processes, withStories);
  try {
    const setting = `${total} articles${withStories ? ` in stories of ${STORY_SIZE}` : ''}, ${processes} web process(es), 100 connections, ${seconds} s each`;
    console.log(`${setting}, ${url}`);
    const rows: string[] = [];
    for (const [name, paths] of suites(filled)) {
      const { result: r, cpuPerRequest, steal, failed } = await measure(url, child.pid as number, seconds, paths);
      console.log(
        `${name.padEnd(15)} ${Math.round(r.requests.average).toString().padStart(6)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  server CPU ${Math.round(cpuPerRequest)} µs/request  (${r.requests.total} requests, ${failed} not 2xx/errors, host steal ${steal} ms)`,
      );
      rows.push(
        `| ${name} | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${Math.round(cpuPerRequest)} | ${r.requests.total} | ${failed} | ${steal} |`,
      );
    }
    // One section per kind of run, so a run with stories does not replace the plain one.
    writeResults(
      `reader-load${withStories ? '-stories' : ''}${processes > 1 ? `-${processes}-processes` : ''}`,
      [
        `${filled.lines.join('; ')}. ${setting}. Load average at the end: ${loadAverage()} (the machine is shared: figures taken under load are upper bounds).`,
        '',
        '| suite | req/s | p50 ms | p99 ms | server CPU µs/request | requests | not 2xx/errors | host steal ms |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        ...rows,
      ].join('\n'),
      command,
    );
  } finally {
    await stopServer(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * This checkout against another revision (`--versus REV`), the way a change to the read side is
 * judged: both servers on stores filled by their own code, measured in turn, round after round
 * (the order flips each round), so a machine that gets busier or quieter weighs on both alike.
 * Server CPU per request is the figure compared; requests/s and latency are the load generator's
 * and move with everything else on a shared machine. The other revision is checked out in a
 * temporary worktree that uses this checkout's node_modules, so both must pin the same packages.
 */
async function compare(
  rev: string,
  o: { total: number; seconds: number; withStories: boolean; rounds: number; command: string },
): Promise<void> {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  const theirs = mkdtempSync(join(tmpdir(), 'meridian-versus-'));
  const label = { ours: git('rev-parse', '--short', 'HEAD'), theirs: git('rev-parse', '--short', rev) };
  if (git('diff', rev, 'HEAD', '--', 'package-lock.json') !== '')
    throw new Error(`${rev} pins other packages than this checkout: compare it from its own install`);
  git('worktree', 'add', '--detach', theirs, rev);
  symlinkSync(join(ROOT, 'node_modules'), join(theirs, 'node_modules'));
  const dirs = {
    ours: mkdtempSync(join(tmpdir(), 'meridian-load-')),
    theirs: mkdtempSync(join(tmpdir(), 'meridian-load-')),
  };
  const roots = { ours: ROOT, theirs };
  try {
    const filled = {
      ours: fillInChild(ROOT, dirs.ours, o.total, o.withStories),
      theirs: fillInChild(theirs, dirs.theirs, o.total, o.withStories),
    };
    const cpu = new Map<string, number[]>();
    const names = suites(filled.ours).map(([name]) => name);
    for (let round = 0; round < o.rounds; round++) {
      const order: Array<'ours' | 'theirs'> = round % 2 === 0 ? ['theirs', 'ours'] : ['ours', 'theirs'];
      for (const side of order) {
        const { child, url } = await startServer(roots[side], dirs[side], 1, o.withStories);
        try {
          for (const [name, paths] of suites(filled[side])) {
            const { cpuPerRequest } = await measure(url, child.pid as number, o.seconds, paths);
            const key = `${side} ${name}`;
            cpu.set(key, [...(cpu.get(key) ?? []), cpuPerRequest]);
            console.log(
              `round ${round + 1} ${label[side]} ${name.padEnd(15)} server CPU ${Math.round(cpuPerRequest)} µs/request`,
            );
          }
        } finally {
          await stopServer(child);
        }
      }
    }
    const rows = names.map((name) => {
      const a = cpu.get(`theirs ${name}`) ?? [];
      const b = cpu.get(`ours ${name}`) ?? [];
      const each = (list: number[]) => list.map((x) => Math.round(x)).join(', ');
      return `| ${name} | ${Math.round(median(a))} | ${Math.round(median(b))} | ${(median(b) / median(a)).toFixed(2)} | ${each(a)} | ${each(b)} |`;
    });
    writeResults(
      `reader-load-versus${o.withStories ? '-stories' : ''}`,
      [
        `${o.total} articles${o.withStories ? ` in stories of ${STORY_SIZE}` : ''}, one web process each, 100 connections, ${o.seconds} s per suite, ${o.rounds} rounds in alternating order. Server CPU µs per request (median of the rounds); ${label.theirs} is \`${rev}\`, ${label.ours} this checkout. Load average at the end: ${loadAverage()}.`,
        '',
        `| suite | ${label.theirs} | ${label.ours} | ratio | ${label.theirs} rounds | ${label.ours} rounds |`,
        '| --- | ---: | ---: | ---: | --- | --- |',
        ...rows,
      ].join('\n'),
      o.command,
    );
  } finally {
    for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
    git('worktree', 'remove', '--force', theirs);
  }
}

function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(1))
    .join(', ');
}

async function fillOnly(dataDir: string, total: number): Promise<void> {
  const store = await Store.open({ dataDir });
  const result = await fill(store, total, options.stories);
  await store.close();
  console.log(JSON.stringify(result));
}

if (options.fill !== undefined) await fillOnly(options.fill, Number(positionals[0] ?? 100_000));
else await main();
