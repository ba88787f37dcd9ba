import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.ts';

/**
 * Full-text search over headlines and bodies, original and English. SQLite: an FTS5 table with
 * the trigram tokenizer, which finds substrings in any script (Chinese and Japanese have no spaces
 * between words). PostgreSQL: a tsvector with the language-neutral 'simple' configuration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql`CREATE VIRTUAL TABLE article_search USING fts5(title, body, tokenize = 'trigram remove_diacritics 1')`.execute(
      db,
    );
    return;
  }
  await sql`CREATE TABLE article_search (
    article_id integer PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    title text NOT NULL,
    body text NOT NULL,
    document tsvector NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX article_search_document ON article_search USING gin (document)`.execute(db);
}
