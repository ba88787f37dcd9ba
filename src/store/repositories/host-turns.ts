import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DialectName } from '../dialect.ts';
import type { Database } from '../schema.ts';

/**
 * The database's clock in ms since the epoch. Every worker compares turns with it, so machines
 * whose clocks disagree still space their requests right. (SQLite lives on one machine.)
 */
export function dbNowMs(dialect: DialectName): RawBuilder<number> {
  return dialect === 'postgres'
    ? sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`
    : sql<number>`CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`;
}

/**
 * Turns to ask a web host, shared by every process: a request reserves the host's next start
 * time and pushes it one delay further, in one atomic statement, so N workers together keep the
 * delay that one worker keeps alone.
 */
export class HostTurnRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
  ) {}

  /** Reserves the next start for a request to `host`; returns how many ms to wait for it. */
  async reserve(host: string, delayMs: number): Promise<number> {
    const now = dbNowMs(this.dialect);
    const delay = Math.max(0, Math.round(delayMs));
    const row = await this.db
      .insertInto('host_turns')
      .values({ host, next_ms: sql<number>`${now} + ${delay}` })
      .onConflict((oc) =>
        oc.column('host').doUpdateSet({
          next_ms: sql<number>`CASE WHEN host_turns.next_ms > ${now} THEN host_turns.next_ms ELSE ${now} END + ${delay}`,
        }),
      )
      .returning([sql<number>`next_ms - ${delay} - ${now}`.as('wait')])
      .executeTakeFirstOrThrow();
    return Math.max(0, Number(row.wait));
  }

  /** Holds every process's requests to `host` for `ms` from now (a 429/503 with Retry-After). */
  async pause(host: string, ms: number): Promise<void> {
    const until = sql<number>`${dbNowMs(this.dialect)} + ${Math.round(ms)}`;
    await this.db
      .insertInto('host_turns')
      .values({ host, next_ms: until })
      .onConflict((oc) =>
        oc.column('host').doUpdateSet({
          next_ms: sql<number>`CASE WHEN host_turns.next_ms > ${until} THEN host_turns.next_ms ELSE ${until} END`,
        }),
      )
      .execute();
  }
}
