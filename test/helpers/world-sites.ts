import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadCatalog } from '../../src/catalog/catalog.ts';
import type { Store } from '../../src/store/store.ts';

/**
 * Several local news sites (one host each: 127.0.0.1 on its own port) covering the same events,
 * for tests and benchmarks of many workers: each event is told once by every site, in words of
 * its own, so the right stories are known. Each site logs when each request arrived.
 */
export interface WorldSite {
  id: string;
  host: string;
  feedUrl: string;
  /** Arrival times (ms) and paths of the requests, in order. */
  requests: Array<{ at: number; path: string }>;
  /** Most requests in flight at once. */
  maxInFlight: number;
}

export interface World {
  sites: WorldSite[];
  events: number;
  /** The event an article URL tells. */
  eventOf(url: string): number;
  /** A catalog file with these outlets only (every built-in outlet disabled). */
  writeCatalog(file: string): string;
  close(): Promise<void>;
}

const PLACES = [
  'Reykjavik',
  'Mombasa',
  'Valparaiso',
  'Tromso',
  'Chittagong',
  'Maputo',
  'Ushuaia',
  'Ulaanbaatar',
  'Tbilisi',
  'Windhoek',
  'Nuuk',
  'Suva',
  'Asuncion',
  'Bishkek',
  'Lubumbashi',
  'Tashkent',
];
const SUBJECTS = [
  'volcano eruption lava evacuation',
  'port strike dockworkers wages',
  'copper mine collapse miners rescue',
  'salmon farm disease quarantine',
  'cyclone flooding monsoon shelters',
  'railway bridge contract tender',
  'glacier research expedition ice',
  'wrestling championship final medal',
  'vineyard frost harvest losses',
  'desert locust swarm crops',
  'fishing quota treaty trawlers',
  'rugby stadium renovation funding',
  'cathedral fire restoration appeal',
  'oil pipeline leak cleanup',
  'central bank currency devaluation',
  'uranium export licence dispute',
];
const PEOPLE = [
  'Halldora Vik',
  'Juma Otieno',
  'Camila Rojas',
  'Eirik Sand',
  'Rafiq Hossain',
  'Lina Macuacua',
  'Tomas Ibarra',
  'Bat Erdene',
  'Nino Beridze',
  'Petrus Shilongo',
  'Aputsiaq Kleist',
  'Mere Tuilagi',
  'Diego Benitez',
  'Aibek Usenov',
  'Jean Kabila',
  'Dilnoza Karimova',
];
const COUNTRIES = ['US', 'FR', 'DE', 'JP', 'BR', 'IN', 'ZA', 'AU'];

function story(event: number, site: number): { title: string; paragraphs: string[] } {
  const place = PLACES[event % PLACES.length] as string;
  const subject = SUBJECTS[event % SUBJECTS.length] as string;
  const person = PEOPLE[event % PEOPLE.length] as string;
  const [a, b, c, d] = subject.split(' ') as [string, string, string, string];
  const titles = [
    `${place} ${a} ${b}: ${person} speaks`,
    `${person} on the ${a} ${b} in ${place}`,
    `${place}: ${c} and ${d} after the ${a} ${b}`,
    `What the ${a} ${b} means for ${place}`,
  ];
  const paragraphs = [
    `In ${place}, the ${a} ${b} dominated the day. ${person} said the ${c} would take time and that ${d} came first.`,
    `Officials in ${place} described the ${a} ${b} as serious; ${person} promised ${c} and more ${d} within the week.`,
    `${person}, speaking in ${place}, addressed the ${c} and the ${d} that followed the ${a} ${b}.`,
    `Residents of ${place} waited for news of the ${c}; the ${a} ${b} left ${d} on everyone's mind, ${person} said.`,
  ];
  const rot = (k: number) => paragraphs[(site + k) % paragraphs.length] as string;
  return { title: titles[site % titles.length] as string, paragraphs: [rot(0), rot(1), rot(2)] };
}

function page(title: string, paragraphs: string[], published: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta property="og:title" content="${title}"><meta property="article:published_time" content="${published}"></head>
<body><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article></body></html>`;
}

export async function startWorld(options: { sites: number; events: number; pageDelayMs?: number }): Promise<World> {
  const sites: WorldSite[] = [];
  const servers: Server[] = [];
  const published = (e: number) => new Date(Date.now() - (options.events - e) * 60_000).toISOString();
  for (let s = 0; s < options.sites; s++) {
    const site: WorldSite = { id: `world-${s}`, host: '', feedUrl: '', requests: [], maxInFlight: 0 };
    let inFlight = 0;
    const server = createServer((req, res) => {
      const path = req.url ?? '/';
      site.requests.push({ at: Date.now(), path });
      inFlight++;
      site.maxInFlight = Math.max(site.maxInFlight, inFlight);
      res.on('close', () => inFlight--);
      const answer = () => {
        if (path === '/feed.xml') {
          const items = Array.from({ length: options.events }, (_, e) => {
            const { title } = story(e, s);
            return `<item><title>${title}</title><link>http://${site.host}/news/${e}</link><guid>http://${site.host}/news/${e}</guid><pubDate>${new Date(published(e)).toUTCString()}</pubDate></item>`;
          }).join('');
          return res
            .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
            .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>${site.id}</title>${items}</channel></rss>`);
        }
        const m = /^\/news\/(\d+)$/.exec(path);
        if (!m) return res.writeHead(404).end();
        const e = Number(m[1]);
        const { title, paragraphs } = story(e, s);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(title, paragraphs, published(e)));
      };
      if (options.pageDelayMs && path.startsWith('/news/')) setTimeout(answer, options.pageDelayMs);
      else answer();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    site.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    site.feedUrl = `http://${site.host}/feed.xml`;
    sites.push(site);
    servers.push(server);
  }
  return {
    sites,
    events: options.events,
    eventOf: (url) => Number(/\/news\/(\d+)/.exec(url)?.[1] ?? -1),
    writeCatalog(file) {
      const builtIn = loadCatalog().outlets.map((o) => ({ id: o.id, enabled: false }));
      const ours = sites.map((site, s) => ({
        id: site.id,
        name: `World ${s}`,
        homepage: `http://${site.host}/`,
        country: COUNTRIES[s % COUNTRIES.length],
        languages: ['en'],
        feeds: [{ url: site.feedUrl }],
        logo: `http://${site.host}/favicon.ico`,
        kind: 'private',
      }));
      writeFileSync(file, JSON.stringify({ outlets: [...builtIn, ...ours] }));
      return file;
    },
    async close() {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
      }
    },
  };
}

/** Gaps (ms) between the arrivals of consecutive requests to one site. */
export function gapsOf(site: WorldSite): number[] {
  return site.requests.slice(1).map((r, i) => r.at - (site.requests[i] as { at: number }).at);
}

export interface WorkerProcess {
  child: ChildProcess;
  log: () => string;
  exited: Promise<number | null>;
}

/** Starts `meridian worker` as an operator would, with `env` on top of this process's. */
export function spawnWorker(root: string, env: Record<string, string>, args: string[] = []): WorkerProcess {
  const child = spawn(process.execPath, [join(root, 'bin/meridian'), 'worker', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d) => {
    log += String(d);
    if (log.length > 2_000_000) log = log.slice(-1_000_000);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, log: () => log, exited };
}

/** Article URL → story id, for every assigned article. */
export async function assignments(store: Store): Promise<Map<string, number>> {
  const rows = await store.db
    .selectFrom('story_articles')
    .innerJoin('articles', 'articles.id', 'story_articles.article_id')
    .select(['articles.url', 'story_articles.story_id'])
    .execute();
  return new Map(rows.map((r) => [r.url, r.story_id]));
}

/**
 * Of all pairs of articles, the share on which two clusterings agree (both together or both
 * apart): the Rand index. 1 means the same grouping, whatever the story ids.
 */
export function pairAgreement(a: Map<string, number>, b: Map<string, number>): number {
  const urls = [...a.keys()].filter((u) => b.has(u)).sort();
  let agree = 0;
  let pairs = 0;
  for (let i = 0; i < urls.length; i++)
    for (let j = i + 1; j < urls.length; j++) {
      const [x, y] = [urls[i] as string, urls[j] as string];
      if ((a.get(x) === a.get(y)) === (b.get(x) === b.get(y))) agree++;
      pairs++;
    }
  return pairs === 0 ? 1 : agree / pairs;
}

/** Stories whose stored article count or countries disagree with their assigned articles. */
export async function inconsistentStories(store: Store): Promise<number[]> {
  const stories = await store.db.selectFrom('stories').selectAll().where('merged_into', 'is', null).execute();
  const bad: number[] = [];
  for (const s of stories) {
    const rows = await store.db
      .selectFrom('story_articles')
      .innerJoin('articles', 'articles.id', 'story_articles.article_id')
      .select(['articles.country'])
      .where('story_articles.story_id', '=', s.id)
      .execute();
    const countries = [...new Set(rows.map((r) => r.country))].sort();
    const stored = (JSON.parse(s.countries) as string[]).sort();
    if (rows.length !== s.article_count || countries.join() !== stored.join()) bad.push(s.id);
  }
  return bad;
}

/** The job kinds an article of the world sites passes through (translation off). */
export const PIPELINE_KINDS = ['poll', 'fetch', 'translate', 'cluster'];

/** Polls `probe` every 200 ms until it gives a value; a failed probe (a server restarting) is a "not yet". */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** True when all `total` articles are clustered and no pipeline job is running or due. */
export async function drained(store: Store, total: number): Promise<true | undefined> {
  const states = await store.articles.countByState();
  if ((states.clustered ?? 0) < total) return undefined;
  return (await store.jobs.pending(PIPELINE_KINDS, new Date())) === 0 ? true : undefined;
}
