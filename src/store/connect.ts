import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { logger } from '../config/log.ts';
import { BoundedMap } from '../util/bounded-map.ts';
import type { DialectName } from './dialect.ts';
import { StoreError } from './errors.ts';
import type { Database } from './schema.ts';

export interface ConnectOptions {
  /** postgres://… or empty for SQLite. */
  databaseUrl?: string;
  /** Folder holding `meridian.db` (SQLite only). */
  dataDir?: string;
  /** SQLite file path, overriding dataDir (`:memory:` for tests). */
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests isolate themselves with one each). */
  pgSchema?: string;
  readonly?: boolean;
  /** Most memory SQLite keeps for pages it has read, in MiB (MERIDIAN_SQLITE_CACHE_MB; unset: SQLite's 2 MB). */
  sqliteCacheMb?: number;
}

export interface Connection {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where the data lives, for messages (file path or server URL without password). */
  location: string;
}

export const SQLITE_FILE = 'meridian.db';

const log = logger('store');

export async function connect(options: ConnectOptions): Promise<Connection> {
  if (options.databaseUrl) return connectPostgres(options.databaseUrl, options.pgSchema);
  return connectSqlite(options);
}

async function connectSqlite(options: ConnectOptions): Promise<Connection> {
  const file = options.sqliteFile ?? join(prepareDataDir(options.dataDir ?? './data'), SQLITE_FILE);
  let sqlite: SqliteDatabase.Database;
  try {
    // SQLite silently falls back to read-only when it cannot write the file; say so up front.
    if (!options.readonly && file !== ':memory:' && existsSync(file)) accessSync(file, constants.W_OK);
    sqlite = new SqliteDatabase(file, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
    });
  } catch (err) {
    throw new StoreError(describeSqliteError(file, err), { cause: err });
  }
  try {
    await configureSqlite(sqlite, options);
  } catch (err) {
    sqlite.close();
    throw new StoreError(describeSqliteError(file, err), { cause: err });
  }
  cachePreparedStatements(sqlite);
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }),
    dialect: 'sqlite',
    location: file,
  };
}

async function configureSqlite(sqlite: SqliteDatabase.Database, options: ConnectOptions): Promise<void> {
  // busy_timeout rides out short locks held by other processes.
  sqlite.pragma('busy_timeout = 5000');
  // WAL lets the server read while the pipeline writes.
  if (!options.readonly) await switchToWal(sqlite);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  // SQLite keeps 2 MB of pages by default, so a reader opening random articles of a big archive
  // went to the operating system for nearly every page, and each such read blocks the event
  // loop (for milliseconds when the kernel had evicted the page). Pages stay in this process
  // instead; the memory is taken only as pages are read.
  if (options.sqliteCacheMb) sqlite.pragma(`cache_size = -${Math.round(options.sqliteCacheMb * 1024)}`);
  // Touch the schema so a corrupt file fails here, with a clear message, not mid-request.
  sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
}

/** How long opening waits for other processes to let go of a new file's journal mode. */
const WAL_SWITCH_WAIT_MS = 5000;

/**
 * Puts the file in WAL mode. On a new file that takes an exclusive lock, and SQLite answers
 * SQLITE_BUSY at once, without the busy handler, when another process is opening the same new
 * file (3 processes opening 100 fresh files together: 25 of 300 opens failed so). It is asked again.
 */
async function switchToWal(sqlite: SqliteDatabase.Database): Promise<void> {
  const deadline = Date.now() + WAL_SWITCH_WAIT_MS;
  for (;;) {
    try {
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/** What Kysely runs for a ROLLBACK with no transaction open: nothing. */
const NO_OP = {
  reader: false,
  run: () => ({ changes: 0, lastInsertRowid: 0 }),
} as unknown as SqliteDatabase.Statement;

/** Distinct SQL texts whose prepared statements are kept (IN-lists of varying length make more). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew, and preparing costs about as much as running a simple indexed
 * query. Statements are reused by SQL text instead: better-sqlite3 statements are reusable as long
 * as they are not iterated concurrently, and Kysely only calls all()/run() on them.
 */
function cachePreparedStatements(sqlite: SqliteDatabase.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new BoundedMap<string, SqliteDatabase.Statement>(STATEMENT_CACHE_SIZE);
  sqlite.prepare = ((source: string) => {
    // SQLite rolls a transaction back by itself when a write fails with SQLITE_FULL (or IOERR);
    // Kysely's ROLLBACK after it would fail with "cannot rollback - no transaction is active",
    // and that error would replace the one that says the disk is full.
    if (source === 'rollback' && !sqlite.inTransaction) return NO_OP;
    let stmt = cache.refresh(source);
    if (!stmt) {
      stmt = prepare(source);
      cache.set(source, stmt);
    }
    return stmt;
  }) as typeof sqlite.prepare;
}

function prepareDataDir(dir: string): string {
  const path = resolve(dir);
  try {
    if (!existsSync(path)) mkdirSync(path, { recursive: true });
    accessSync(path, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new StoreError(
      `Data folder ${path} cannot be created or written (${code}). Set MERIDIAN_DATA_DIR to a writable folder.`,
      { cause: err },
    );
  }
  return path;
}

function describeSqliteError(file: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || /not a database|malformed/i.test(message)) {
    return `Database file ${file} is corrupt or not a SQLite database (${message}). Restore it from a backup or move it away to start afresh.`;
  }
  if (
    code.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'EROFS' ||
    /readonly|unable to open/i.test(message)
  ) {
    return `Database file ${file} cannot be opened for writing (${message}). Check its permissions and those of its folder.`;
  }
  return `Database file ${file} cannot be opened: ${message}`;
}

/** Connection settings of one PostgreSQL session (the pool's and a session lock's). */
export function pgClientConfig(url: string, schema?: string): pg.ClientConfig {
  return {
    connectionString: url,
    connectionTimeoutMillis: 5000,
    // A dead peer (server host gone, network cut) is noticed instead of waited on forever.
    keepAlive: true,
    // Names the sessions in pg_stat_activity: which are Meridian's, and of which store (schema).
    application_name: schema ? `meridian:${schema}`.slice(0, 63) : 'meridian',
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
}

async function connectPostgres(url: string, schema?: string): Promise<Connection> {
  const safeUrl = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  const pool = new pg.Pool({ ...pgClientConfig(url, schema), max: 10 });
  // An idle pooled connection that the server closes (restart, failover, idle timeout) emits
  // 'error' on the pool; without a listener that kills the process. The pool drops the client and
  // the next query opens a new one, so the error is only worth a line in the log.
  pool.on('error', (err) => log.warn('PostgreSQL connection lost; it will be reopened', { err: err.message }));
  // The pool listens only to idle clients; one in use when the server goes away emits 'error'
  // too (its query fails on its own, and the pool discards the broken client on release).
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    const message = err instanceof Error ? err.message : String(err);
    throw new StoreError(`Cannot connect to PostgreSQL at ${safeUrl}: ${message}`, { cause: err });
  }
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    dialect: 'postgres',
    location: safeUrl,
  };
}
