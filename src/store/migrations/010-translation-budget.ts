import { type Kysely, sql } from 'kysely';

/**
 * Translation within a budget. Jobs get a priority (claimed highest first), so article bodies
 * wait in the order they matter and a reader's request can move one ahead from another process.
 * `translation_spend` counts the characters sent to each provider per UTC day, headlines and
 * bodies apart, so every worker holds the same daily budget.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('jobs')
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`CREATE INDEX jobs_ready_priority ON jobs (state, priority, run_at)`.execute(db);
  await db.schema
    .createTable('translation_spend')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('headline_chars', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('body_chars', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('translation_spend_pk', ['provider', 'day'])
    .execute();
}
