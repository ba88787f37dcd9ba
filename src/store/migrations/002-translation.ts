import type { Kysely } from 'kysely';

/**
 * Translation memory and names. `translation_cache` holds every translated segment under a key
 * that covers text, languages, provider and model (see translate/cache.ts), so nothing is paid
 * for twice. `glossary` maps a name's source form to its one English form.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('translation_cache')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Lets the operator purge one engine's work (a model switch) without scanning the table.
  await db.schema
    .createIndex('translation_cache_provider')
    .on('translation_cache')
    .columns(['provider', 'model'])
    .execute();

  await db.schema
    .createTable('glossary')
    .addColumn('source_lang', 'text', (c) => c.notNull())
    .addColumn('source_form', 'text', (c) => c.notNull())
    .addColumn('english', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    /** JSON string[]: wrong English renderings seen before, replaced without a new request. */
    .addColumn('variants', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('glossary_pk', ['source_lang', 'source_form'])
    .execute();
}
