/**
 * Are stories events? End to end, as a new user would meet it: the development pairs of SemEval-2022
 * Task 8 become a WARC (one page per distinct article, `../shared/tools/make_semeval_warc.py`), the
 * real `meridian import` reads it into a fresh data folder with translation off, and each article's
 * story is read back from the store. For same-language and cross-language pairs separately:
 * the share of same-event pairs (Overall ≤ 1.5) put in one story, the share of different-event
 * pairs (Overall ≥ 3) put in one story, and the largest story.
 * Targets: different-event joined ≤ 5 %, same-event joined ≥ 80 %, no story above 30 articles.
 *
 *   npx tsx bench/stories-events.ts [PAIRS.csv] [--reuse DATA_DIR] [--keep DATA_DIR]
 *   npx tsx bench/stories-events.ts [PAIRS.csv] --recluster DATA_DIR [--misses N] [--options JSON]
 *
 * --reuse reads the stories of a data folder an earlier run imported (no import); --keep imports
 * into that folder and leaves it for inspection. Without them a temporary folder is used.
 * --recluster (for tuning) reads the articles a kept import stored and clusters them again in this
 * process, in the order the import clustered them, with the clusterer as the code now stands: a
 * change to the rule is measured in seconds, not an import. It also reports pairs of even and odd
 * row numbers apart (tune on one half, check on the other), and prints the first N same-event pairs
 * left apart and different-event pairs joined (--misses) and the judged pairs by similarity band.
 * With MERIDIAN_EMBEDDINGS_PROVIDER (and its URL, model and weight) set, the import clusters with
 * that provider's vectors, as the pipeline does; --recluster never asks a provider.
 * --options takes clusterer options as JSON
 * ('{"joinThreshold":0.6}'). Neither writes RESULTS.md: only a real import does.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { Store } from '../src/store/store.ts';
import { storyDocs } from '../src/stories/article-docs.ts';
import { type ClustererOptions, StoryClusterer } from '../src/stories/clusterer.ts';
import type { StoryDoc } from '../src/stories/doc.ts';
import { similarity } from '../src/stories/similarity.ts';
import { parseCsv } from '../src/util/csv.ts';
import { writeResults } from './results.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    reuse: { type: 'string' },
    keep: { type: 'string' },
    recluster: { type: 'string' },
    misses: { type: 'string' },
    options: { type: 'string' },
  },
});
const csvPath = resolve(positionals[0] ?? '../shared/data/semeval2022-task8-pairs/training_set.csv');
const root = resolve(new URL('..', import.meta.url).pathname);

function importPairs(): { dir: string; seconds: number; temporary: boolean } {
  if (values.reuse) return { dir: resolve(values.reuse), seconds: Number.NaN, temporary: false };
  const scratch = mkdtempSync(join(tmpdir(), 'stories-events-'));
  const dir = values.keep ? resolve(values.keep) : join(scratch, 'data');
  if (existsSync(join(dir, 'meridian.db'))) throw new Error(`${dir} already holds a store: give a fresh folder`);
  const warc = join(scratch, 'pairs.warc.gz');
  execFileSync('python3', [join(root, '../shared/tools/make_semeval_warc.py'), csvPath, warc], { stdio: 'inherit' });
  const started = performance.now();
  execFileSync(join(root, 'bin/meridian'), ['import', warc], {
    cwd: root,
    env: { ...process.env, MERIDIAN_DATA_DIR: dir, MERIDIAN_TRANSLATOR: 'none', MERIDIAN_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const seconds = (performance.now() - started) / 1000;
  rmSync(warc);
  return { dir, seconds, temporary: !values.keep };
}

/** Article id of the pairs file (from the page URL `/news/<id>.html`) → its live story. */
function readStories(dir: string): { storyOf: Map<string, number>; sizes: Map<number, number> } {
  const db = new Database(join(dir, 'meridian.db'), { readonly: true });
  const merged = new Map<number, number>();
  for (const row of db.prepare('select id, merged_into from stories where merged_into is not null').all() as Array<{
    id: number;
    merged_into: number;
  }>)
    merged.set(row.id, row.merged_into);
  const live = (id: number) => {
    let at = id;
    for (let hops = 0; hops < 64 && merged.has(at); hops++) at = merged.get(at) as number;
    return at;
  };
  const rows = db
    .prepare('select a.url, s.story_id from articles a join story_articles s on s.article_id = a.id')
    .all() as Array<{ url: string; story_id: number }>;
  db.close();
  const storyOf = new Map<string, number>();
  const sizes = new Map<number, number>();
  for (const { url, story_id } of rows) {
    const id = /\/news\/([^/]+)\.html$/.exec(url)?.[1];
    if (!id) continue;
    const story = live(story_id);
    storyOf.set(id, story);
    sizes.set(story, (sizes.get(story) ?? 0) + 1);
  }
  return { storyOf, sizes };
}

/**
 * The stored articles clustered again in this process, in the order the import clustered them
 * (the order their story assignments were written).
 */
async function recluster(dir: string): Promise<{
  storyOf: Map<string, number>;
  sizes: Map<number, number>;
  docs: Map<string, StoryDoc>;
  clusterer: StoryClusterer;
}> {
  const db = new Database(join(dir, 'meridian.db'), { readonly: true });
  const order = db.prepare('select article_id from story_articles order by rowid').all() as Array<{
    article_id: number;
  }>;
  const urls = new Map(
    (db.prepare('select id, url from articles').all() as Array<{ id: number; url: string }>).map((r) => [r.id, r.url]),
  );
  db.close();
  const store = await Store.open({ dataDir: dir, migrate: false });
  const list = await storyDocs(
    store,
    order.map((r) => r.article_id),
  );
  await store.close();
  const clusterer = new StoryClusterer(values.options ? (JSON.parse(values.options) as ClustererOptions) : {});
  const started = process.cpuUsage();
  const storyOfArticle = new Map<string | number, number>();
  const survivor = new Map<number, number>();
  for (const doc of list) {
    const { storyId, merged } = clusterer.add(doc);
    storyOfArticle.set(doc.id, storyId);
    for (const m of merged ?? []) survivor.set(m, storyId);
  }
  const cpu = process.cpuUsage(started);
  console.error(`reclustered ${list.length} articles in ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU`);
  const live = (id: number) => {
    let at = id;
    for (let hops = 0; hops < 1000 && survivor.has(at); hops++) at = survivor.get(at) as number;
    return at;
  };
  const storyOf = new Map<string, number>();
  const sizes = new Map<number, number>();
  const docs = new Map<string, StoryDoc>();
  for (const doc of list) {
    const id = /\/news\/([^/]+)\.html$/.exec(urls.get(Number(doc.id)) ?? '')?.[1];
    if (!id) continue;
    const story = live(storyOfArticle.get(doc.id) as number);
    storyOf.set(id, story);
    docs.set(id, doc);
    sizes.set(story, (sizes.get(story) ?? 0) + 1);
  }
  return { storyOf, sizes, docs, clusterer };
}

interface Tally {
  same: number;
  sameJoined: number;
  different: number;
  differentJoined: number;
  largest: number;
}

const { dir, seconds, temporary } = values.recluster
  ? { dir: resolve(values.recluster), seconds: Number.NaN, temporary: false }
  : importPairs();
const { storyOf, sizes, docs, clusterer } = values.recluster
  ? await recluster(dir)
  : { ...readStories(dir), docs: new Map<string, StoryDoc>(), clusterer: undefined };
const [header = [], ...rows] = parseCsv(readFileSync(csvPath, 'utf8'));
const col = (name: string) => header.indexOf(name);
const tallies = { same: blank(), cross: blank() };
const halves = { even: { same: blank(), cross: blank() }, odd: { same: blank(), cross: blank() } };
const missed: Array<{ a: string; b: string; overall: number; la: string; lb: string }> = [];
const falseJoins: typeof missed = [];
const judged: typeof missed = [];
const languagesOfStory = new Map<number, Set<string>>();
let unplaced = 0;
for (const row of rows) {
  const [a = '', b = ''] = (row[col('pair_id')] ?? '').split('_');
  const overall = Number(row[col('Overall')]);
  const la = row[col('lang1')] ?? '';
  const lb = row[col('lang2')] ?? '';
  const sa = storyOf.get(a);
  const sb = storyOf.get(b);
  if (sa === undefined || sb === undefined) {
    unplaced++;
    continue;
  }
  for (const [s, l] of [
    [sa, la],
    [sb, lb],
  ] as const) {
    const set = languagesOfStory.get(s) ?? new Set<string>();
    set.add(l);
    languagesOfStory.set(s, set);
  }
  const half = Number(row[0]) % 2 === 0 ? halves.even : halves.odd;
  for (const t of [la === lb ? tallies.same : tallies.cross, la === lb ? half.same : half.cross]) {
    if (overall <= 1.5) {
      t.same++;
      if (sa === sb) t.sameJoined++;
    } else if (overall >= 3) {
      t.different++;
      if (sa === sb) t.differentJoined++;
    }
  }
  if (overall <= 1.5 && sa !== sb) missed.push({ a, b, overall, la, lb });
  if (overall >= 3 && sa === sb) falseJoins.push({ a, b, overall, la, lb });
  if (overall <= 1.5 || overall >= 3) judged.push({ a, b, overall, la, lb });
}
for (const [story, size] of sizes) {
  const cross = (languagesOfStory.get(story)?.size ?? 0) > 1;
  const t = cross ? tallies.cross : tallies.same;
  t.largest = Math.max(t.largest, size);
}
if (temporary) rmSync(join(dir, '..'), { recursive: true, force: true });

function blank(): Tally {
  return { same: 0, sameJoined: 0, different: 0, differentJoined: 0, largest: 0 };
}
const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`);
const largest = Math.max(0, ...sizes.values());
const multi = [...sizes.values()].filter((n) => n > 1).length;
// The import inherits this environment: an embeddings provider set here is measured with it.
const provider = process.env.MERIDIAN_EMBEDDINGS_PROVIDER ?? 'none';
const similarityFrom =
  provider === 'none' || values.recluster
    ? 'words, names and numbers (no embeddings provider)'
    : `words and the embeddings of ${process.env.MERIDIAN_EMBEDDINGS_MODEL ?? 'the default model'} (weight ${process.env.MERIDIAN_EMBEDDINGS_WEIGHT ?? 'default'})`;
const lines = [
  `Similarity from ${similarityFrom}.`,
  '',
  `Pairs: \`${csvPath.replace(`${resolve(root, '..')}/`, '../')}\`; ${storyOf.size} articles in ${sizes.size} stories (${multi} with more than one article), largest ${largest}${Number.isNaN(seconds) ? '' : `; import ${seconds.toFixed(0)} s`}${unplaced ? `; ${unplaced} pairs with an article not imported` : ''}.`,
  '',
  '| pairs | same-event joined (target ≥ 80 %) | different-event joined (target ≤ 5 %) | largest story with such pairs |',
  '|---|---|---|---|',
  ...(['same', 'cross'] as const).map((k) => {
    const t = tallies[k];
    return `| ${k === 'same' ? 'same-language' : 'cross-language'} | ${pct(t.sameJoined, t.same)} (${t.sameJoined}/${t.same}) | ${pct(t.differentJoined, t.different)} (${t.differentJoined}/${t.different}) | ${t.largest} |`;
  }),
];
console.log(lines.join('\n'));
if (values.recluster) {
  for (const [name, half] of Object.entries(halves)) {
    const row = (t: Tally) =>
      `same ${pct(t.sameJoined, t.same)} (${t.sameJoined}/${t.same}) different ${pct(t.differentJoined, t.different)} (${t.differentJoined}/${t.different})`;
    console.log(`${name} rows: same-language ${row(half.same)}; cross-language ${row(half.cross)}`);
  }
  const print = (label: string, list: typeof missed) => {
    for (const m of list.slice(0, Number(values.misses ?? 0))) {
      const da = docs.get(m.a);
      const db = docs.get(m.b);
      if (!da || !db) continue;
      const size = sizes.get(storyOf.get(m.a) as number);
      console.log(
        `\n${label} ${m.la}-${m.lb} overall ${m.overall.toFixed(2)} sim ${similarity(da, db, clusterer?.model).toFixed(3)} story of A: ${size}\n  A ${da.title.slice(0, 120)}\n  B ${db.title.slice(0, 120)}`,
      );
    }
  };
  print('missed', missed);
  print('false join', falseJoins);
  bands();
}

/**
 * Judged pairs by their pairwise similarity (the archive's final statistics), same-event against
 * different-event: where the two counts are alike, no threshold on this similarity tells them apart.
 */
function bands(): void {
  const edges = [0, 0.3, 0.4, 0.5, 0.55, 0.6, 0.63, 0.7, 0.8, 1.01];
  const rows = edges.slice(0, -1).map(() => ({
    same: { event: 0, different: 0 },
    cross: { event: 0, different: 0 },
  }));
  for (const m of judged) {
    const da = docs.get(m.a);
    const db = docs.get(m.b);
    if (!da || !db) continue;
    const score = similarity(da, db, clusterer?.model);
    const at = edges.findIndex((e, i) => score >= e && score < (edges[i + 1] ?? 2));
    const row = rows[at];
    if (row) (m.la === m.lb ? row.same : row.cross)[m.overall <= 1.5 ? 'event' : 'different']++;
  }
  console.log('\nsimilarity band | same-language same-event / different-event | cross-language same / different');
  rows.forEach((r, i) => {
    console.log(
      `${(edges[i] ?? 0).toFixed(2)}–${Math.min(1, edges[i + 1] ?? 1).toFixed(2)} | ${r.same.event} / ${r.same.different} | ${r.cross.event} / ${r.cross.different}`,
    );
  });
}
if (!values.reuse && !values.recluster) writeResults('stories-events', lines.join('\n'));
