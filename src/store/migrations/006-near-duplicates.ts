import type { Kysely } from 'kysely';

/** MinHash band keys of article bodies, to find near-duplicates (wire copies) through an index. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('article_fingerprints')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('band', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_fingerprints_band').on('article_fingerprints').column('band').execute();
  await db.schema.createIndex('article_fingerprints_article').on('article_fingerprints').column('article_id').execute();
}
