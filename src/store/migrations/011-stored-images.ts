import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect.ts';

/**
 * Small copies of articles' lead images and outlets' logos, kept in the database (not on a web
 * process's disk: `serve` processes may run on other machines than the worker that fetched the
 * image). A row goes with its article or outlet. `articles.image_stored` and
 * `outlets.logo_stored` name the version a page may link to; '' says the image could not be had,
 * NULL that nobody tried yet.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const bytes = dialectOf(db) === 'postgres' ? 'bytea' : 'blob';
  await db.schema
    .createTable('images')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('cascade'))
    .addColumn('outlet_id', 'text', (c) => c.references('outlets.id').onDelete('cascade'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', bytes, (c) => c.notNull())
    .addColumn('byte_length', 'integer', (c) => c.notNull())
    .addColumn('source_url', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('images_article').on('images').column('article_id').execute();
  await db.schema.createIndex('images_outlet').on('images').column('outlet_id').execute();
  await db.schema.alterTable('articles').addColumn('image_stored', 'text').execute();
  await db.schema.alterTable('outlets').addColumn('logo_stored', 'text').execute();
}
