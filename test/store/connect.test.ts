import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { Config } from '../../src/config/config.ts';
import { SQLITE_FILE } from '../../src/store/connect.ts';
import { StoreError } from '../../src/store/errors.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { Store } from '../../src/store/store.ts';
import { backends, PG_URL } from '../helpers/stores.ts';

const root = mkdtempSync(join(tmpdir(), 'meridian-connect-'));
after(() => rmSync(root, { recursive: true, force: true }));
const isRoot = process.getuid?.() === 0;

/** Root ignores permission bits, so as root the file is made immutable (chattr) instead. */
function makeReadOnly(file: string, on: boolean): void {
  if (isRoot) execFileSync('chattr', [on ? '+i' : '-i', file]);
  else chmodSync(file, on ? 0o444 : 0o644);
}

function canMakeReadOnly(): boolean {
  if (!isRoot) return true;
  const probe = join(root, 'chattr-probe');
  writeFileSync(probe, '');
  try {
    execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The next line a child writes to stdout. */
function nextLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (!text.includes('\n')) return;
      child.stdout?.off('data', onData);
      resolve(text.trim());
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before a line: ${text}`)));
  });
}

describe('opening the embedded store', () => {
  test('creates a missing data folder, uses WAL, and migrates', async () => {
    const dir = join(root, 'fresh', 'nested');
    const store = await Store.open({ dataDir: dir });
    const mode = await store.db.executeQuery({
      sql: 'PRAGMA journal_mode',
      parameters: [],
      query: { kind: 'RawNode' },
    } as never);
    assert.equal((mode.rows[0] as { journal_mode: string }).journal_mode, 'wal');
    assert.equal(await store.articles.count(), 0);
    await store.close();
    const reopened = await Store.open({ dataDir: dir });
    await reopened.close();
  });

  test('processes opening one fresh store at the same instant all succeed and migrate it once', async () => {
    // Three processes load their code, wait at a barrier, then open a new store together, five
    // times over. Two races lost processes here: SQLite's switch of a new file to WAL answers
    // "database is locked" without waiting, and Kysely's SQLite migrator takes no lock, so two
    // processes each applied the migrations ("table outlets already exists"). What is kept: every
    // process opens, and the store has each migration once.
    const children = Array.from({ length: 3 }, () =>
      spawn(process.execPath, ['--import', 'tsx', 'test/helpers/open-store-child.ts'], {
        stdio: ['pipe', 'pipe', 'inherit'],
      }),
    );
    try {
      assert.deepEqual(await Promise.all(children.map(nextLine)), ['ready', 'ready', 'ready']);
      for (let round = 0; round < 5; round++) {
        const dir = join(root, `together-${round}`);
        const outcomes = children.map(nextLine);
        for (const child of children) child.stdin?.write(`${dir}\n`);
        assert.deepEqual(await Promise.all(outcomes), ['opened', 'opened', 'opened'], `round ${round}`);
        const store = await Store.open({ dataDir: dir, migrate: false });
        try {
          const applied = await sql<{ name: string }>`SELECT name FROM meridian_migrations ORDER BY name`.execute(
            store.db,
          );
          assert.deepEqual(
            applied.rows.map((r) => r.name),
            Object.keys(migrations).sort(),
            'every migration recorded exactly once',
          );
          assert.equal(await store.articles.count(), 0, 'the schema is whole');
        } finally {
          await store.close();
        }
      }
    } finally {
      for (const child of children) child.stdin?.end();
    }
  });

  test('MERIDIAN_SQLITE_CACHE_MB sizes the page cache (negative cache_size is KiB)', async () => {
    const store = await Store.fromConfig(
      Config.fromEnv({ MERIDIAN_DATA_DIR: join(root, 'cache'), MERIDIAN_SQLITE_CACHE_MB: '48' }),
    );
    const { rows } = await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(store.db);
    assert.equal(rows[0]?.cache_size, -48 * 1024);
    await store.close();
  });

  test('a corrupt database file is a clear StoreError naming the file, not a crash', async () => {
    const dir = join(root, 'corrupt');
    await Store.open({ dataDir: dir }).then((s) => s.close());
    writeFileSync(join(dir, SQLITE_FILE), 'this is not a database, just text '.repeat(200));
    await assert.rejects(Store.open({ dataDir: dir }), (err: unknown) => {
      assert.ok(err instanceof StoreError);
      assert.match(err.message, /corrupt or not a SQLite database/);
      assert.ok(err.message.includes(join(dir, SQLITE_FILE)));
      return true;
    });
  });

  test('a data folder that cannot be created is a clear StoreError', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    await assert.rejects(Store.open({ dataDir: join(file, 'sub') }), (err: unknown) => {
      assert.ok(err instanceof StoreError);
      assert.match(err.message, /cannot be created or written.*MERIDIAN_DATA_DIR/);
      return true;
    });
  });

  test('a read-only database file is a clear StoreError', { skip: !canMakeReadOnly() }, async () => {
    const dir = join(root, 'readonly');
    const file = join(dir, SQLITE_FILE);
    await Store.open({ dataDir: dir }).then((s) => s.close());
    makeReadOnly(file, true);
    try {
      await assert.rejects(Store.open({ dataDir: dir }), (err: unknown) => {
        assert.ok(err instanceof StoreError);
        assert.match(err.message, /cannot be opened for writing.*permissions/);
        return true;
      });
    } finally {
      makeReadOnly(file, false);
    }
  });

  test('an unreachable PostgreSQL is a clear StoreError with the password masked', async () => {
    await assert.rejects(
      Store.open({ databaseUrl: 'postgres://meridian:hunter2@127.0.0.1:1/none' }),
      (err: unknown) => {
        assert.ok(err instanceof StoreError);
        assert.match(err.message, /Cannot connect to PostgreSQL at postgres:\/\/meridian:\*\*\*@127\.0\.0\.1:1/);
        assert.ok(!err.message.includes('hunter2'));
        return true;
      },
    );
  });
});

const postgres = (await backends()).find((b) => b.name === 'postgres');

describe('opening a PostgreSQL store', { skip: postgres?.skip ?? 'no PostgreSQL backend' }, () => {
  /**
   * A pool whose first `times` schema-privilege questions (Kysely's migrator asks one per schema
   * when it lists tables) name a schema that is gone, as when another user drops it between the
   * listing and the question: PostgreSQL itself answers 3F000.
   */
  function poolAskingAboutGoneSchema(
    schema: string,
    gone: string,
    times: number,
  ): { pool: pg.Pool; asked: () => number } {
    const pool = new pg.Pool({ connectionString: PG_URL, max: 2, options: `-c search_path=${schema}` });
    let left = times;
    let asked = 0;
    const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
    (pool as unknown as { connect: () => Promise<pg.PoolClient> }).connect = async () => {
      const client = await connect();
      const query = client.query.bind(client) as (text: string, values?: unknown[]) => Promise<unknown>;
      (client as unknown as { query: typeof query }).query = (text, values) => {
        if (typeof text === 'string' && text.includes('has_schema_privilege') && left > 0) {
          left--;
          asked++;
          return query(`select has_schema_privilege('${gone}', 'USAGE')`);
        }
        return query(text, values);
      };
      return client;
    };
    return { pool, asked: () => asked };
  }

  /**
   * Runs `check` against a store schema of its own whose migrator meets a vanished schema the
   * first `times` times it asks; drops the schema after.
   */
  async function migratingWithVanishing(
    name: string,
    times: number,
    check: (migrate: () => Promise<string[]>, asked: () => number, schema: string) => Promise<void>,
  ): Promise<void> {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const schema = `meridian_${name}_${process.pid}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    const { pool, asked } = poolAskingAboutGoneSchema(schema, `${schema}_other`, times);
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
    try {
      await check(() => migrateToLatest(db, { dialect: 'postgres', location: 'test', schema }), asked, schema);
    } finally {
      await db.destroy();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  }

  test('another schema dropped while the store migrates does not stop it from opening', () =>
    migratingWithVanishing('gone', 2, async (migrate, asked) => {
      const applied = await migrate();
      assert.equal(asked(), 2, 'the migrator met the vanished schema twice');
      assert.deepEqual(applied, Object.keys(migrations), 'and then migrated the store in full');
    }));

  test('a schema that keeps vanishing is an error after a bounded number of tries', () =>
    migratingWithVanishing('vanishing', 1000, async (migrate, asked, schema) => {
      await assert.rejects(
        migrate(),
        (err: unknown) => err instanceof StoreError && err.message.includes(`schema "${schema}_other" does not exist`),
      );
      // Tried unboundedly, it would outlast the 1,000 sabotaged questions and open.
      assert.ok(asked() < 1000, `${asked()} questions`);
    }));
});
