import { createHash } from 'node:crypto';
import pg from 'pg';
import { logger } from '../config/log.ts';

const log = logger('store');

/**
 * A lock held by one process of the cluster for as long as it lives: a PostgreSQL session-level
 * advisory lock on a connection of its own. The server frees it when that connection ends, so a
 * killed holder's lock passes to the next process that asks; a holder whose connection broke
 * (database restart, network) is told through `onLost` and must stop acting as the holder.
 * On SQLite (one machine) the lock is always held, as every process of one machine did before.
 */
export interface SessionLock {
  readonly held: boolean;
  /** Takes the lock if it is free; checks a held lock's connection is still alive. */
  tryAcquire(): Promise<boolean>;
  release(): Promise<void>;
}

export class AlwaysHeldLock implements SessionLock {
  readonly held = true;
  async tryAcquire(): Promise<boolean> {
    return true;
  }
  async release(): Promise<void> {}
}

/** 64-bit advisory lock key for `name` in one store (schema), as a decimal string. */
export function advisoryKey(name: string, schema: string): string {
  return createHash('sha256').update(`meridian:${schema}:${name}`).digest().readBigInt64BE(0).toString();
}

export class PostgresSessionLock implements SessionLock {
  private client?: pg.Client;
  private holding = false;

  constructor(
    private readonly clientConfig: pg.ClientConfig,
    private readonly key: string,
    private readonly name: string,
    private readonly onLost: (reason: string) => void,
  ) {}

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
      this.holding = rows[0]?.ok === true;
      return this.holding;
    } catch (err) {
      this.drop(err instanceof Error ? err.message : String(err));
      return false;
    }
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
