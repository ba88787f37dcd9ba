import { type Kysely, sql } from 'kysely';
import { autoId, dialectOf } from '../dialect.ts';

/** The first schema: catalog, feeds, articles, translations, stories, takes and jobs. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const id = autoId(dialectOf(db));

  await db.schema
    .createTable('outlets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('homepage', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('logo', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('outside_catalog', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('outlets_country').on('outlets').column('country').execute();

  await db.schema
    .createTable('feeds')
    .addColumn('id', id.type, id.build)
    .addColumn('outlet_id', 'text', (c) => c.notNull().references('outlets.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull().unique())
    .addColumn('language', 'text')
    .addColumn('topic', 'text')
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_polled_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_status', 'integer')
    .addColumn('last_item_count', 'integer')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('poll_interval_s', 'integer', (c) => c.notNull())
    .addColumn('next_poll_at', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('feeds_next_poll').on('feeds').columns(['disabled', 'next_poll_at']).execute();
  await db.schema.createIndex('feeds_outlet').on('feeds').column('outlet_id').execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', id.type, id.build)
    .addColumn('outlet_id', 'text', (c) => c.notNull().references('outlets.id'))
    .addColumn('feed_url', 'text')
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('url_key', 'text', (c) => c.notNull().unique())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('declared_language', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('standfirst', 'text')
    .addColumn('blocks', 'text', (c) => c.notNull())
    .addColumn('image_url', 'text')
    .addColumn('image_caption', 'text')
    .addColumn('image_credit', 'text')
    .addColumn('author', 'text')
    .addColumn('published_at', 'text')
    .addColumn('modified_at', 'text')
    .addColumn('canonical_url', 'text')
    .addColumn('site_name', 'text')
    .addColumn('paywalled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('content_hash', 'text')
    .addColumn('duplicate_of', 'integer')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('discovered_at', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('articles_country_published')
    .on('articles')
    .columns(['country', 'published_at'])
    .execute();
  await db.schema
    .createIndex('articles_outlet_published')
    .on('articles')
    .columns(['outlet_id', 'published_at'])
    .execute();
  await db.schema.createIndex('articles_published').on('articles').column('published_at').execute();
  await db.schema.createIndex('articles_content_hash').on('articles').column('content_hash').execute();
  await db.schema.createIndex('articles_state').on('articles').column('state').execute();

  await db.schema
    .createTable('translations')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('standfirst', 'text')
    .addColumn('blocks', 'text', (c) => c.notNull())
    .addColumn('image_caption', 'text')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('characters', 'integer', (c) => c.notNull())
    .addColumn('ms', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('translations_pk', ['article_id', 'target'])
    .execute();

  await db.schema
    .createTable('stories')
    .addColumn('id', id.type, id.build)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('countries', 'text', (c) => c.notNull())
    .addColumn('outlets', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('article_count', 'integer', (c) => c.notNull())
    .addColumn('merged_into', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stories_last_seen').on('stories').column('last_seen').execute();

  await db.schema
    .createTable('story_articles')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id'))
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('story_articles_story').on('story_articles').column('story_id').execute();

  await db.schema
    .createTable('takes')
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('sections', 'text', (c) => c.notNull())
    .addColumn('countries', 'text', (c) => c.notNull())
    .addColumn('outlet_count', 'integer', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('takes_pk', ['story_id', 'version'])
    .execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', id.type, id.build)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_ready').on('jobs').columns(['state', 'run_at']).execute();
  // One unfinished job per dedupe key; finished ones keep their key for the record.
  await sql`CREATE UNIQUE INDEX jobs_dedupe_open ON jobs (dedupe_key) WHERE state IN ('queued', 'running', 'failed')`.execute(
    db,
  );
}
