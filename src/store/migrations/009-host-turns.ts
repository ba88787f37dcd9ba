import { type Kysely, sql } from 'kysely';

/**
 * Politeness for the whole cluster, not per process: `jobs.host` names the web host a poll or
 * fetch job will ask, so claiming can skip hosts that are busy and take one job per host at a
 * time; `host_turns` holds each host's next allowed request start (ms since the epoch, on the
 * database's clock), which every fetcher reserves before it asks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('host', 'text').execute();
  await sql`CREATE INDEX jobs_running_host ON jobs (host) WHERE state = 'running'`.execute(db);
  await db.schema
    .createTable('host_turns')
    .addColumn('host', 'text', (c) => c.primaryKey())
    .addColumn('next_ms', 'bigint', (c) => c.notNull())
    .execute();
}
