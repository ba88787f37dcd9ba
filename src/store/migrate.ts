import { type Kysely, type MigrationProvider, Migrator, sql } from 'kysely';
import type { DialectName } from './dialect.ts';
import { StoreError } from './errors.ts';
import { migrations } from './migrations/index.ts';

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** How long a SQLite migration waits for another process's write lock before giving up. */
const SQLITE_LOCK_WAIT_MS = 30_000;

export interface MigrationTarget {
  dialect: DialectName;
  /** The file or server, for messages. */
  location: string;
  /** PostgreSQL schema that holds the store, when not the default. */
  schema?: string | undefined;
}

/**
 * Brings the schema up to date; returns the names of the migrations it applied.
 *
 * Several processes may open one store at once (`serve` and `ingest` started together, a web
 * process and the pipeline). On PostgreSQL, Kysely serialises them with an advisory lock. Its
 * SQLite adapter takes no lock at all, so two processes each read "nothing applied" and the
 * second failed half-way ("table outlets already exists"). On SQLite the whole run therefore
 * happens inside one BEGIN IMMEDIATE transaction: the write lock is taken before the list of
 * applied migrations is read, so whoever comes second waits, then finds nothing left to do.
 */
export async function migrateToLatest(db: Kysely<unknown>, target: MigrationTarget): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateOnce(db, target);
    } catch (err) {
      if (attempt >= OTHER_SCHEMA_RETRIES || !anotherSchemaWentAway(err, target.schema)) throw err;
    }
  }
}

/**
 * Kysely's migrator lists the tables of every schema to find its own, asking PostgreSQL
 * `has_schema_privilege` by name for each; a schema some other user drops meanwhile makes that
 * query fail ("schema … does not exist", 3F000). Another store's schema coming and going is no
 * reason for this one not to open: the run is tried again (each of its steps can run twice;
 * migrations themselves run in a transaction).
 */
const OTHER_SCHEMA_RETRIES = 20;

function anotherSchemaWentAway(err: unknown, own: string | undefined): boolean {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code !== '3F000') return false;
  const gone = /schema "([^"]+)" does not exist/.exec(cause.message ?? '')?.[1];
  return gone !== undefined && gone !== own;
}

async function migrateOnce(db: Kysely<unknown>, target: MigrationTarget): Promise<string[]> {
  const sqlite = target.dialect === 'sqlite';
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'meridian_migrations',
    migrationLockTableName: 'meridian_migrations_lock',
    // Without it, Kysely looks for its tables in every schema and may find another store's.
    ...(target.schema ? { migrationTableSchema: target.schema } : {}),
    // Our own transaction holds the lock on SQLite; a nested one is not allowed.
    ...(sqlite ? { disableTransactions: true } : {}),
  });
  // better-sqlite3 has one connection, so the transaction begun here is the one every statement
  // of the migrator runs in (nothing else uses the store while it opens).
  if (sqlite) await beginImmediate(db, target.location);
  let outcome: Awaited<ReturnType<Migrator['migrateToLatest']>> | undefined;
  try {
    outcome = await migrator.migrateToLatest();
  } finally {
    if (sqlite) await sql.raw(outcome && !outcome.error ? 'COMMIT' : 'ROLLBACK').execute(db);
  }
  const { error, results } = outcome;
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = /readonly|read-only|permission/i.test(message)
      ? ' Check that the database file and its folder are writable.'
      : '';
    throw new StoreError(`Migrating the database at ${target.location} failed: ${message}.${hint}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Takes SQLite's write lock, waiting out another writer (busy_timeout per try) up to a bound. */
async function beginImmediate(db: Kysely<unknown>, location: string): Promise<void> {
  const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
  for (;;) {
    try {
      await sql`BEGIN IMMEDIATE`.execute(db);
      return;
    } catch (err) {
      const busy = (err as { code?: string }).code === 'SQLITE_BUSY';
      if (!busy || Date.now() >= deadline) {
        const why = busy
          ? `another process held its write lock for ${SQLITE_LOCK_WAIT_MS / 1000} s`
          : err instanceof Error
            ? err.message
            : String(err);
        throw new StoreError(`Migrating the database at ${location} failed: ${why}.`, { cause: err });
      }
    }
  }
}
