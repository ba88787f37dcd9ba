/**
 * Scale-out (issue 20, "Measured"): `meridian worker` processes on PostgreSQL over the same local
 * corpus, as an operator runs them. Configurations: 1, 2 and 3 workers at the default concurrency,
 * and 1 worker at a higher one. For each: articles per minute, CPU time and peak memory (RSS) of
 * each worker, the gaps between two requests to one host, and the pair agreement (Rand index) of
 * its story assignments with the single worker's.
 *
 * Then the idle memory of a worker for each set of stages (`--stages`), and of a web process
 * (`serve --no-pipeline`): each started on an empty catalog and measured after it settles.
 *
 * The corpus is test/helpers/world-sites.ts: local news sites (one host each) telling the same
 * events in words of their own. Each configuration gets a fresh database on a PostgreSQL cluster
 * of the benchmark's own (initdb under /tmp), so the shared server is never touched.
 *
 *   npx tsx bench/scale-out.ts [sites=10] [events=12] [--no-write]
 *
 * Articles per minute are counted from the moment the sites' feeds are added (every worker of the
 * configuration running) to the moment every article is clustered and no job is due: start-up
 * (loading models, migrating) is outside it, feed polling inside. On a shared 2-core machine several workers compete for the same two cores: the
 * figures say what the queue and politeness allow there, not what N machines would do.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCatalog } from '../src/catalog/catalog.ts';
import { hostOption, JOB } from '../src/jobs/kinds.ts';
import { Store } from '../src/store/store.ts';
import { type PrivatePostgres, startPrivatePostgres } from '../test/helpers/private-postgres.ts';
import {
  assignments,
  drained,
  gapsOf,
  pairAgreement,
  startWorld,
  type WorkerProcess,
  type World,
  waitFor,
} from '../test/helpers/world-sites.ts';
import { writeResults } from './results.ts';
import { median } from './stats.ts';

const ROOT = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const SITES = Number(args[0] ?? 10);
const EVENTS = Number(args[1] ?? 12);
const TOTAL = SITES * EVENTS;
const WRITE = !process.argv.includes('--no-write');
const DELAY_MS = 250;
/** How long an idle process is left to settle (models loaded, first claims done) before measuring. */
const SETTLE_MS = 8_000;

interface Config {
  name: string;
  workers: number;
  concurrency?: number;
}

const CONFIGS: Config[] = [
  { name: '1 worker', workers: 1 },
  { name: '2 workers', workers: 2 },
  { name: '3 workers', workers: 3 },
  { name: '1 worker, concurrency 12', workers: 1, concurrency: 12 },
];

const IDLE_STAGES = ['fetch,translate,stories', 'fetch', 'translate', 'stories'];

/** A process's memory and CPU time from /proc: resident now, resident at its peak, user+system seconds. */
function usage(pid: number): { rssMb: number; peakMb: number; cpuS: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  // /proc/PID/stat: fields 14 and 15 (utime, stime) in clock ticks, after the parenthesised name.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024, cpuS: ticks / 100 };
}

async function stopAll(workers: WorkerProcess[]): Promise<void> {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGTERM');
  await Promise.all(workers.map((w) => w.exited));
}

interface RunResult {
  config: Config;
  seconds: number;
  perWorker: Array<{ rssMb: number; peakMb: number; cpuS: number }>;
  gaps: number[];
  underDelay: number;
  maxInFlight: number;
  assigned: Map<string, number>;
}

/**
 * Runs one configuration on a fresh database. The workers start on an empty catalog; once every one
 * of them is running, the sites' outlets are written to the store and their polls queued (as the
 * scheduler does for due feeds), so start-up (loading models, migrating) is outside the timing and
 * every worker has the same chance at the work.
 */
async function runConfig(
  pg: PrivatePostgres,
  world: World,
  dir: string,
  empty: string,
  config: Config,
  index: number,
): Promise<RunResult> {
  const database = `scale_${index}`;
  pg.createDatabase(database);
  for (const site of world.sites) {
    site.requests.length = 0;
    site.maxInFlight = 0;
  }
  const env = {
    DATABASE_URL: pg.url(database),
    MERIDIAN_DATA_DIR: join(dir, database),
    MERIDIAN_CATALOG_FILE: empty,
    MERIDIAN_ALLOW_PRIVATE_ADDRESSES: 'true',
    MERIDIAN_HOST_DELAY_MS: String(DELAY_MS),
    MERIDIAN_HOST_CONCURRENCY: '1',
    MERIDIAN_TRANSLATOR: 'none',
    MERIDIAN_IMAGES: 'false',
    LOG_LEVEL: 'warn',
    ...(config.concurrency ? { MERIDIAN_WORKER_CONCURRENCY: String(config.concurrency) } : {}),
  };
  const running = (w: WorkerProcess | undefined) => async () => {
    if (w && w.child.exitCode !== null) throw new Error(`a worker exited:\n${w.log()}`);
    return /running on/.test(w?.log() ?? '') ? true : undefined;
  };
  // The first worker migrates the database; the others start once it has.
  const workers: WorkerProcess[] = [spawnMeridian(['worker'], env)];
  let store: Store | undefined;
  try {
    await waitFor('the first worker to start', running(workers[0]), 120_000);
    for (let i = 1; i < config.workers; i++) workers.push(spawnMeridian(['worker'], env));
    for (const w of workers) await waitFor('the workers to start', running(w), 120_000);
    store = await Store.open({ databaseUrl: pg.url(database), migrate: false });
    const opened = store;
    const outlets = loadCatalog({ overlayFile: world.writeCatalog(join(dir, 'world-catalog.json')) }).outlets;
    await store.outlets.syncCatalog(outlets);
    await store.feeds.syncCatalog(outlets.filter((o) => o.enabled !== false));
    const start = Date.now();
    // CPU from here on: each worker's start-up (compiling, loading models) is not the work.
    const before = workers.map((w) => usage(w.child.pid as number).cpuS);
    for (const feed of await store.feeds.due(new Date(start + 86_400_000), 500))
      await store.jobs.enqueue(
        JOB.poll,
        { feedId: feed.id },
        { dedupeKey: `poll:${feed.id}`, maxAttempts: 1, ...hostOption(feed.url) },
      );
    await waitFor('the workers to finish', () => drained(opened, TOTAL), 300_000);
    const end = Date.now();
    const perWorker = workers.map((w, i) => {
      const u = usage(w.child.pid as number);
      return { ...u, cpuS: u.cpuS - (before[i] ?? 0) };
    });
    const gaps = world.sites.flatMap(gapsOf);
    return {
      config,
      seconds: (end - start) / 1000,
      perWorker,
      gaps,
      underDelay: gaps.filter((g) => g < DELAY_MS).length,
      maxInFlight: Math.max(...world.sites.map((s) => s.maxInFlight)),
      assigned: await assignments(opened),
    };
  } finally {
    await stopAll(workers);
    await store?.close();
  }
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Starts `meridian ARGS…` with `env` on top of this process's (stderr kept for its log). */
function spawnMeridian(args: string[], env: Record<string, string>): WorkerProcess {
  // Executed as an operator runs it, so the V8 flags on its first line apply.
  const child = spawn(join(ROOT, 'bin/meridian'), args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d) => {
    log += String(d);
    if (log.length > 1_000_000) log = log.slice(-500_000);
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, log: () => log, exited };
}

/** Resident memory (MB) of `meridian ARGS…` started on an empty catalog, once it has settled. */
async function idleRss(
  pg: PrivatePostgres,
  dir: string,
  catalog: string,
  args: string[],
  index: number,
): Promise<number> {
  const database = `idle_${index}`;
  pg.createDatabase(database);
  const proc = spawnMeridian(args, {
    DATABASE_URL: pg.url(database),
    MERIDIAN_DATA_DIR: join(dir, database),
    MERIDIAN_CATALOG_FILE: catalog,
    MERIDIAN_TRANSLATOR: 'none',
    PORT: String(await freePort()),
    LOG_LEVEL: 'info',
  });
  try {
    // `worker` says "… running on …" when ready, `serve` "Meridian is running at …".
    await waitFor(
      `meridian ${args.join(' ')} to start`,
      async () => {
        if (proc.child.exitCode !== null) throw new Error(`meridian ${args.join(' ')} exited:\n${proc.log()}`);
        return /running on|is running at/.test(proc.log()) ? true : undefined;
      },
      120_000,
    );
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    return usage(proc.child.pid as number).rssMb;
  } finally {
    await stopAll([proc]);
  }
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);

async function main(): Promise<void> {
  const pg = await startPrivatePostgres();
  if (!pg)
    throw new Error('PostgreSQL server binaries (initdb, pg_ctl) are needed: none found under /usr/lib/postgresql');
  const dir = mkdtempSync(join(tmpdir(), 'meridian-scale-'));
  const world = await startWorld({ sites: SITES, events: EVENTS, pageDelayMs: 20 });
  try {
    // An empty catalog (every outlet disabled): the idle processes fetch nothing, and the
    // configurations get their outlets only once all their workers are running.
    const empty = join(dir, 'empty-catalog.json');
    writeFileSync(empty, JSON.stringify({ outlets: loadCatalog().outlets.map((o) => ({ id: o.id, enabled: false })) }));
    const results: RunResult[] = [];
    for (const [i, config] of CONFIGS.entries()) {
      const result = await runConfig(pg, world, dir, empty, config, i);
      results.push(result);
      process.stderr.write(`${config.name}: ${fmt(result.seconds, 1)} s\n`);
    }
    const single = results[0]?.assigned ?? new Map<string, number>();
    const rows = results.map((r) => {
      const workers = r.perWorker;
      return `| ${r.config.name} | ${fmt((TOTAL / r.seconds) * 60)} | ${fmt(r.seconds, 1)} | ${workers.map((w) => fmt(w.cpuS, 1)).join(' / ')} | ${workers.map((w) => fmt(w.peakMb)).join(' / ')} | ${fmt(median(r.gaps))} | ${fmt(Math.min(...r.gaps))} | ${r.underDelay} of ${r.gaps.length} | ${r.maxInFlight} | ${r.assigned.size} | ${pairAgreement(single, r.assigned).toFixed(3)} |`;
    });

    const idle: string[] = [];
    const processes = [
      ...IDLE_STAGES.map((stages) => ({ name: `worker --stages ${stages}`, args: ['worker', '--stages', stages] })),
      { name: 'serve --no-pipeline (one web process)', args: ['serve', '--no-pipeline'] },
    ];
    for (const [i, p] of processes.entries()) {
      const mb = await idleRss(pg, dir, empty, p.args, i);
      process.stderr.write(`${p.name}: ${fmt(mb)} MB\n`);
      idle.push(`| \`meridian ${p.args.join(' ')}\` | ${fmt(mb)} |`);
    }

    const markdown = `${SITES} local sites (one host each) × ${EVENTS} events = ${TOTAL} articles; \`MERIDIAN_HOST_DELAY_MS=${DELAY_MS}\`, \`MERIDIAN_HOST_CONCURRENCY=1\`, translation off, a fresh PostgreSQL database per configuration (a private cluster). Workers started on an empty catalog; articles/min from the moment the sites' feeds are added and polled (all workers running) until every article is clustered and no job is due. CPU (user+system) of each worker process during the run (start-up excluded) and its peak RSS, in start order. Gaps: between consecutive requests to one host, all hosts. Agreement: pair agreement (Rand index) of story assignments with the single worker's.

| configuration | articles/min | seconds | CPU s per worker | peak RSS MB per worker | median gap ms | min gap ms | gaps under the delay | most requests at once per host | articles in stories | agreement with 1 worker |
| --- | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

Idle memory: each process started on an empty catalog (no outlet enabled), measured ${SETTLE_MS / 1000} s after it said it was running.

| process | RSS MB idle |
| --- | ---: |
${idle.join('\n')}
`;
    process.stdout.write(`${markdown}\n`);
    if (WRITE) writeResults('scale-out', markdown);
  } finally {
    await world.close();
    pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
