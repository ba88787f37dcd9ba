import type { Kysely } from 'kysely';

/** Takes remember how many articles their story had, so the next version can be debounced. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('takes').addColumn('article_count', 'integer').execute();
}
