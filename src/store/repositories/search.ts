import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect.ts';
import type { Database } from '../schema.ts';

export interface SearchQuery {
  q: string;
  country?: string;
  /** ISO dates (inclusive) on the publication time. */
  from?: string;
  to?: string;
  limit: number;
  offset?: number;
}

export interface SearchHit {
  id: number;
  rank: number;
}

const MAX_QUERY = 200;

/**
 * A reader's query as search text: no NUL or other control characters (PostgreSQL refuses a NUL
 * in text, and FTS5 and tsquery have no use for them), no lone surrogates (half a character,
 * which cannot be encoded as UTF-8), whitespace collapsed, at most MAX_QUERY characters, never
 * ending in half a character. Every query string passes here before reaching FTS5 or tsvector.
 */
export function searchText(raw: string): string {
  const cleaned = raw
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...cleaned];
  return chars.length <= MAX_QUERY ? cleaned : chars.slice(0, MAX_QUERY).join('').trim();
}

/**
 * Full-text search, one API over FTS5 (SQLite) and tsvector (PostgreSQL). Each article is indexed
 * with its original and, once translated, its English headline and body, so a reader finds
 * 「台積電」 and "TSMC" alike.
 */
export class SearchRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  async index(articleId: number, title: string, body: string): Promise<void> {
    const t = title.slice(0, 2000);
    const b = body.slice(0, 100_000);
    if (this.dialect === 'sqlite') {
      await sql`DELETE FROM article_search WHERE rowid = ${articleId}`.execute(this.db);
      await sql`INSERT INTO article_search (rowid, title, body) VALUES (${articleId}, ${t}, ${b})`.execute(this.db);
      return;
    }
    await sql`INSERT INTO article_search (article_id, title, body, document)
      VALUES (${articleId}, ${t}, ${b}, setweight(to_tsvector('simple', ${t}), 'A') || setweight(to_tsvector('simple', ${b}), 'B'))
      ON CONFLICT (article_id) DO UPDATE SET title = excluded.title, body = excluded.body, document = excluded.document`.execute(
      this.db,
    );
  }

  /**
   * Articles with stored text that have no search entry (a kill between storing and indexing, in
   * versions that did the two apart), for recovery to index.
   */
  async unindexed(limit = 10_000): Promise<number[]> {
    const key = sql.raw(this.dialect === 'sqlite' ? 's.rowid' : 's.article_id');
    const rows = await sql<{ id: number }>`
      SELECT a.id FROM articles a
      WHERE a.state IN ('extracted', 'translated', 'clustered')
        AND NOT EXISTS (SELECT 1 FROM article_search s WHERE ${key} = a.id)
      ORDER BY a.id LIMIT ${limit}`.execute(this.db);
    return rows.rows.map((r) => Number(r.id));
  }

  async search(query: SearchQuery): Promise<{ hits: SearchHit[]; total: number }> {
    const q = searchText(query.q);
    if (q === '') return { hits: [], total: 0 };
    const filters = [
      query.country ? sql`a.country = ${query.country.toUpperCase()}` : sql`1 = 1`,
      query.from ? sql`a.published_at >= ${query.from}` : sql`1 = 1`,
      query.to ? sql`a.published_at < ${nextDay(query.to)}` : sql`1 = 1`,
    ];
    const where = sql.join(filters, sql` AND `);
    const terms = q.split(/\s+/).filter(Boolean);
    // Two-character words are common in Chinese and Japanese (台灣, 東京) and fall below the
    // trigram index (and, unspaced, are no token of their own in a tsvector): those queries match
    // substrings instead, a scan that stops at the page size.
    if (terms.some((t) => [...t].length < 3 || CJK.test(t))) return this.substringSearch(terms, where, query);
    if (this.dialect === 'sqlite') {
      const match = ftsQuery(q);
      if (!match) return { hits: [], total: 0 };
      const rows = await sql<{ id: number; rank: number; total: number }>`
        SELECT s.id, s.rank, count(*) OVER () AS total
        FROM (SELECT rowid AS id, bm25(article_search, 5.0, 1.0) AS rank FROM article_search WHERE article_search MATCH ${match}) s
        JOIN articles a ON a.id = s.id
        WHERE ${where}
        ORDER BY s.rank LIMIT ${query.limit} OFFSET ${query.offset ?? 0}`.execute(this.db);
      return { hits: rows.rows.map((r) => ({ id: r.id, rank: r.rank })), total: Number(rows.rows[0]?.total ?? 0) };
    }
    const rows = await sql<{ id: number; rank: number; total: string }>`
      SELECT s.article_id AS id, ts_rank(s.document, query) AS rank, count(*) OVER () AS total
      FROM article_search s JOIN articles a ON a.id = s.article_id, websearch_to_tsquery('simple', ${q}) query
      WHERE s.document @@ query AND ${where}
      ORDER BY rank DESC LIMIT ${query.limit} OFFSET ${query.offset ?? 0}`.execute(this.db);
    return { hits: rows.rows.map((r) => ({ id: r.id, rank: r.rank })), total: Number(rows.rows[0]?.total ?? 0) };
  }

  /** Every term as a substring of the headline or body, newest first. */
  private async substringSearch(
    terms: string[],
    where: ReturnType<typeof sql.join>,
    query: SearchQuery,
  ): Promise<{ hits: SearchHit[]; total: number }> {
    const id = this.dialect === 'sqlite' ? sql.raw('s.rowid') : sql.raw('s.article_id');
    const like = this.dialect === 'sqlite' ? sql.raw('LIKE') : sql.raw('ILIKE');
    const each = terms.map(
      (t) => sql`(s.title ${like} ${likePattern(t)} ESCAPE '\\' OR s.body ${like} ${likePattern(t)} ESCAPE '\\')`,
    );
    const rows = await sql<{ id: number; total: number | string }>`
      SELECT ${id} AS id, count(*) OVER () AS total
      FROM article_search s JOIN articles a ON a.id = ${id}
      WHERE ${sql.join(each, sql` AND `)} AND ${where}
      ORDER BY a.published_at DESC LIMIT ${query.limit} OFFSET ${query.offset ?? 0}`.execute(this.db);
    return { hits: rows.rows.map((r, i) => ({ id: r.id, rank: i })), total: Number(rows.rows[0]?.total ?? 0) };
  }
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Escapes LIKE wildcards in a reader's word. */
function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A reader's words as an FTS5 query: each word quoted (so operators and punctuation in the input
 * cannot break the syntax), all required. The trigram tokenizer needs three characters per term.
 */
export function ftsQuery(q: string): string | undefined {
  const terms = q
    .split(/\s+/)
    .map((t) => t.replace(/"/g, ''))
    .filter((t) => [...t].length >= 3);
  if (terms.length === 0) return undefined;
  return terms.map((t) => `"${t}"`).join(' AND ');
}

function nextDay(date: string): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}
