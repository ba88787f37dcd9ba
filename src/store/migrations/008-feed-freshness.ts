import type { Kysely } from 'kysely';

/**
 * How many of a feed's items (at its last successful poll) were published in the last day, beside
 * the item count: a filtered or stale feed shows at a glance on /sources.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('feeds').addColumn('last_recent_count', 'integer').execute();
}
