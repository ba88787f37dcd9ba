import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { logger } from '../config/log.ts';
import type { Database } from './schema.ts';

const log = logger('store');

/**
 * A lock held by one process of the cluster for as long as it lives: a PostgreSQL session-level
 * advisory lock on a connection of its own. The server frees it when that connection ends, so a
 * killed holder's lock passes to the next process that asks; a holder whose connection broke
 * (database restart, network) is told through `onLost` and must stop acting as the holder.
 * On SQLite (one machine) the lock is always held, as every process of one machine did before.
 *
 * `held` is what this process last heard, and a process can miss the end of its session (a cut
 * network, a long pause): what it writes as the holder must be checked where it is written, with
 * `assertHeldIn`, inside the write's transaction.
 */
export interface SessionLock {
  readonly held: boolean;
  /** Takes the lock if it is free; checks a held lock's connection is still alive. */
  tryAcquire(): Promise<boolean>;
  /**
   * Fences a write: inside a transaction of `db`, throws LockLostError unless the database says
   * this process's session holds the lock now; and until that transaction ends, a process taking
   * the lock over waits before it counts as the holder (so it never acts on a store that the old
   * holder is still writing).
   */
  assertHeldIn(db: Kysely<Database>): Promise<void>;
  release(): Promise<void>;
}

/** A write was refused because this process no longer holds the lock it was written under. */
export class LockLostError extends Error {
  constructor(lock: string, reason: string) {
    super(`the ${lock} lock is no longer held by this process (${reason})`);
    this.name = 'LockLostError';
  }
}

export class AlwaysHeldLock implements SessionLock {
  readonly held = true;
  async tryAcquire(): Promise<boolean> {
    return true;
  }
  async assertHeldIn(): Promise<void> {}
  async release(): Promise<void> {}
}

/** 64-bit advisory lock key for `name` in one store (schema), as a decimal string. */
export function advisoryKey(name: string, schema: string): string {
  return createHash('sha256').update(`meridian:${schema}:${name}`).digest().readBigInt64BE(0).toString();
}

/**
 * Two advisory keys per lock: `key`, held by the holder's session for as long as it holds the lock,
 * and `writesKey`, taken shared by each fenced write transaction and, once, exclusively by a new
 * holder before it counts as one, so that it waits for the writes of the previous holder that
 * passed their check before it took over.
 */
export class PostgresSessionLock implements SessionLock {
  private client?: pg.Client;
  private holding = false;
  /** The server process of the session holding the lock, as pg_locks names it. */
  private pid?: number;
  private readonly key: string;
  private readonly writesKey: string;

  constructor(
    private readonly clientConfig: pg.ClientConfig,
    private readonly name: string,
    schema: string,
    private readonly onLost: (reason: string) => void,
  ) {
    this.key = advisoryKey(name, schema);
    this.writesKey = advisoryKey(`${name}:writes`, schema);
  }

  get held(): boolean {
    return this.holding;
  }

  async tryAcquire(): Promise<boolean> {
    try {
      const client = await this.connection();
      if (this.holding) {
        // A held lock is only as good as its connection: a round trip proves it still stands.
        await client.query('SELECT 1');
        return true;
      }
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [this.key]);
      if (rows[0]?.ok !== true) return false;
      // Writes of the previous holder that were checked before it lost the lock may still be
      // open: wait until they end (taking their shared key exclusively, then letting it go).
      await client.query('SELECT pg_advisory_lock($1::bigint)', [this.writesKey]);
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [this.writesKey]);
      this.holding = client === this.client;
      return this.holding;
    } catch (err) {
      this.drop(err instanceof Error ? err.message : String(err));
      return false;
    }
  }

  async assertHeldIn(db: Kysely<Database>): Promise<void> {
    if (!this.holding || this.pid === undefined) throw new LockLostError(this.name, 'not held');
    // Shared: fenced writes do not wait for each other, only a taker waits for them.
    await sql`SELECT pg_advisory_xact_lock_shared(${this.writesKey}::bigint)`.execute(db);
    // pg_locks shows a 64-bit key as its high (classid) and low (objid) 32 bits.
    const { rows } = await sql<{ held: boolean }>`
      SELECT EXISTS (
        SELECT 1 FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND pid = ${this.pid}
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND ((classid::bigint << 32) | objid::bigint) = ${this.key}::bigint
      ) AS held`.execute(db);
    if (rows[0]?.held !== true) throw new LockLostError(this.name, 'its session has ended');
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.holding = false;
    // Ending the session frees the lock; no unlock statement is needed.
    await client?.end().catch(() => {});
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client(this.clientConfig);
    // Without these listeners a server restart is an unhandled 'error' event that kills the process.
    client.on('error', (err) => this.drop(err.message, client));
    client.on('end', () => this.drop('connection ended', client));
    this.client = client;
    try {
      await client.connect();
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      this.pid = rows[0]?.pid;
    } catch (err) {
      this.client = undefined;
      await client.end().catch(() => {});
      throw err;
    }
    return client;
  }

  private drop(reason: string, client = this.client): void {
    if (client !== this.client) return;
    const wasHeld = this.holding;
    this.client = undefined;
    this.holding = false;
    client?.end().catch(() => {});
    if (wasHeld) {
      log.warn('session lock lost', { lock: this.name, reason });
      this.onLost(reason);
    }
  }
}
