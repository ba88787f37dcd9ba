import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Store } from '../../src/store/store.ts';

/**
 * Store factories for repository tests: SQLite always, PostgreSQL when reachable. Each PostgreSQL
 * store lives in a schema of its own that is dropped when the test is done.
 * MERIDIAN_REQUIRE_POSTGRES=1 (set by .ci/run) turns an unreachable server into a failure.
 */
export const PG_URL = process.env.MERIDIAN_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface StoreHandle {
  store: Store;
  /** The PostgreSQL schema the store lives in, for tests that open more connections to it. */
  schema?: string;
  cleanup: () => Promise<void>;
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Why this backend is skipped, or false when it runs. */
  skip: string | false;
  open: () => Promise<StoreHandle>;
}

let pgReachable: Promise<boolean> | undefined;

async function probePostgres(): Promise<boolean> {
  // Generous: on a loaded machine a connection can take seconds, and a probe that gives up early
  // fails every PostgreSQL test of the file under MERIDIAN_REQUIRE_POSTGRES.
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 15_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function openSqlite(): Promise<StoreHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-test-'));
  const store = await Store.open({ dataDir: dir });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function openPostgres(): Promise<StoreHandle> {
  const schema = `meridian_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const store = await Store.open({ databaseUrl: PG_URL, pgSchema: schema });
  return {
    store,
    schema,
    cleanup: async () => {
      await store.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** The backends to run repository tests on. Call once at the top of a test file. */
export async function backends(): Promise<Backend[]> {
  pgReachable ??= probePostgres();
  const reachable = await pgReachable;
  let pgSkip: string | false = false;
  if (!reachable) {
    if (process.env.MERIDIAN_REQUIRE_POSTGRES === '1') {
      throw new Error(`PostgreSQL is required (MERIDIAN_REQUIRE_POSTGRES=1) but ${PG_URL} is not reachable`);
    }
    pgSkip = `PostgreSQL not reachable at ${PG_URL}: PostgreSQL repository tests SKIPPED`;
    process.stderr.write(`\n*** ${pgSkip} ***\n\n`);
  }
  return [
    { name: 'sqlite', skip: false, open: openSqlite },
    { name: 'postgres', skip: pgSkip, open: openPostgres },
  ];
}
