import type { Kysely } from 'kysely';

/**
 * Each article's vector from the embeddings provider, per model, so a story writer that starts
 * again (a restart, another worker taking over) reads its live window's vectors instead of asking
 * the provider for every one of them. A vector is little-endian float32, base64 (portable text
 * on both backends; about 5.5 KB for 1,024 dimensions).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('article_vectors')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('vector', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_vectors_pk', ['article_id', 'model'])
    .execute();
}
