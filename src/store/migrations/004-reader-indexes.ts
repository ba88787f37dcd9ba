import type { Kysely } from 'kysely';

/**
 * Indexes for the reader at archive scale (measured with bench/reader-load.ts on 100,000 articles).
 * `articles_country_state` covers the per-country article totals of the globe and /api/countries,
 * so they are counted from the index instead of reading every article row with its body.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('articles_country_state').on('articles').columns(['country', 'state']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('articles_country_state').execute();
}
