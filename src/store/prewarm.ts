import { sql } from 'kysely';
import type { Store } from './store.ts';

export interface PrewarmResult {
  /** Articles whose pages (with their translations and story links) were read. */
  articles: number;
  ms: number;
}

/** Article ids read per statement; between statements the event loop serves requests. */
const CHUNK = 1_000;
/** Share of SQLite's cache the warm-up may fill, leaving room for the pages queries bring in. */
const CACHE_SHARE = 0.8;

/**
 * Reads the newest articles, their translations and stories into SQLite's page cache, the
 * way a server that has been up a while has them. After a restart the first readers would
 * otherwise pay for every page with a read from the operating system, or from disk when the
 * kernel has let the file go, and better-sqlite3 reads block the event loop while they wait.
 * (PostgreSQL keeps its own buffers; there it does nothing.)
 *
 * Reads at most CACHE_SHARE of `cacheMb`, newest first, in chunks, yielding between them so
 * requests are answered meanwhile; `signal` stops it (shutdown).
 */
export async function prewarmSqliteCache(
  store: Store,
  options: { cacheMb: number; signal?: AbortSignal },
): Promise<PrewarmResult> {
  const started = performance.now();
  if (store.dialect !== 'sqlite') return { articles: 0, ms: 0 };
  const { rows: size } = await sql<{ bytes: number }>`
    SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()`.execute(store.db);
  // Two single-aggregate statements: SQLite answers each from one end of the id B-tree, where
  // min and max together (or a count) would read the whole table before the first request.
  const { rows: low } = await sql<{ id: number | null }>`SELECT min(id) AS id FROM articles`.execute(store.db);
  const { rows: high } = await sql<{ id: number | null }>`SELECT max(id) AS id FROM articles`.execute(store.db);
  const lo = low[0]?.id ?? null;
  const hi = high[0]?.id ?? null;
  if (lo === null || hi === null) return { articles: 0, ms: performance.now() - started };
  const share = Math.min(1, (options.cacheMb * 1024 * 1024 * CACHE_SHARE) / Math.max(1, size[0]?.bytes ?? 1));
  const stopAt = Math.max(lo, hi - Math.ceil((hi - lo + 1) * share));
  let articles = 0;
  for (let top = hi; top >= stopAt && !options.signal?.aborted; top -= CHUNK) {
    const bottom = Math.max(stopAt, top - CHUNK + 1);
    // length() of a text reads all of it, overflow pages included; the range scans walk the
    // same B-trees (table and primary-key index) that an article page's lookup descends.
    const { rows } = await sql<{ n: number }>`
      SELECT count(*) AS n, sum(length(blocks)) + sum(length(title)) AS bytes
      FROM articles WHERE id BETWEEN ${bottom} AND ${top}`.execute(store.db);
    await sql`SELECT sum(length(blocks)) FROM translations WHERE article_id BETWEEN ${bottom} AND ${top}`.execute(
      store.db,
    );
    // The stories of those articles and their Alternative Takes, which their pages show.
    await sql`
      SELECT count(s.id), sum(length(t.analysis)) FROM story_articles sa
      JOIN stories s ON s.id = sa.story_id LEFT JOIN story_takes t ON t.story_id = sa.story_id
      WHERE sa.article_id BETWEEN ${bottom} AND ${top}`.execute(store.db);
    articles += Number(rows[0]?.n ?? 0);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { articles, ms: performance.now() - started };
}
