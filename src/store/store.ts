import { type Kysely, sql } from 'kysely';
import type { Config } from '../config/config.ts';
import { type ConnectOptions, connect, pgClientConfig } from './connect.ts';
import type { DialectName } from './dialect.ts';
import { migrateToLatest } from './migrate.ts';
import { ArticleVectorRepository } from './repositories/article-vectors.ts';
import { ArticleRepository } from './repositories/articles.ts';
import { FeedRepository } from './repositories/feeds.ts';
import { GlossaryRepository } from './repositories/glossary.ts';
import { HostTurnRepository } from './repositories/host-turns.ts';
import { ImageRepository } from './repositories/images.ts';
import { JobRepository } from './repositories/jobs.ts';
import { OutletRepository } from './repositories/outlets.ts';
import { SearchRepository } from './repositories/search.ts';
import { SegmentCacheRepository } from './repositories/segment-cache.ts';
import { StoryRepository } from './repositories/stories.ts';
import { TranslationSpendRepository } from './repositories/translation-spend.ts';
import { TranslationRepository } from './repositories/translations.ts';
import { WorldTakeRepository } from './repositories/world-takes.ts';
import type { Database } from './schema.ts';
import { AlwaysHeldLock, PostgresSessionLock, type SessionLock } from './session-lock.ts';

/** The store: one connection and one repository per aggregate. SQL lives in the repositories. */
export class Store {
  readonly outlets: OutletRepository;
  readonly feeds: FeedRepository;
  readonly articles: ArticleRepository;
  readonly translations: TranslationRepository;
  readonly translationSpend: TranslationSpendRepository;
  readonly stories: StoryRepository;
  readonly worldTakes: WorldTakeRepository;
  readonly jobs: JobRepository;
  readonly search: SearchRepository;
  readonly segmentCache: SegmentCacheRepository;
  readonly glossary: GlossaryRepository;
  readonly hostTurns: HostTurnRepository;
  readonly articleVectors: ArticleVectorRepository;
  readonly images: ImageRepository;

  private constructor(
    readonly db: Kysely<Database>,
    readonly dialect: DialectName,
    readonly location: string,
    /** How it was opened; `jobAttempts` is MERIDIAN_JOB_ATTEMPTS, the attempts of a job enqueued without its own. */
    private readonly connectOptions: ConnectOptions & { jobAttempts?: number } = {},
  ) {
    this.outlets = new OutletRepository(db);
    this.feeds = new FeedRepository(db);
    this.articles = new ArticleRepository(db);
    this.translations = new TranslationRepository(db);
    this.translationSpend = new TranslationSpendRepository(db);
    this.stories = new StoryRepository(db, dialect);
    this.worldTakes = new WorldTakeRepository(db, dialect);
    this.jobs = new JobRepository(db, dialect, connectOptions.jobAttempts);
    this.search = new SearchRepository(db, dialect);
    this.segmentCache = new SegmentCacheRepository(db);
    this.glossary = new GlossaryRepository(db);
    this.hostTurns = new HostTurnRepository(db, dialect);
    this.articleVectors = new ArticleVectorRepository(db);
    this.images = new ImageRepository(db);
  }

  /** Connects and migrates to the latest schema. */
  static async open(options: ConnectOptions & { migrate?: boolean; jobAttempts?: number }): Promise<Store> {
    const { db, dialect, location } = await connect(options);
    const store = new Store(db, dialect, location, options);
    if (options.migrate !== false) {
      try {
        await migrateToLatest(db as Kysely<unknown>, { dialect, location, schema: options.pgSchema });
      } catch (err) {
        await db.destroy();
        throw err;
      }
    }
    return store;
  }

  /**
   * Runs `fn` with a store whose every statement is part of one transaction: all of it is stored
   * or none (a kill in the middle leaves nothing half-done). `fn` must use only the store it is
   * given: on SQLite the one connection is held until the transaction ends.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => fn(new Store(trx, this.dialect, this.location, this.connectOptions)));
  }

  static fromConfig(config: Config, extra: Partial<ConnectOptions> & { migrate?: boolean } = {}): Promise<Store> {
    const databaseUrl = config.string('DATABASE_URL');
    return Store.open({
      jobAttempts: config.int('MERIDIAN_JOB_ATTEMPTS'),
      ...(databaseUrl
        ? { databaseUrl }
        : { dataDir: config.string('MERIDIAN_DATA_DIR'), sqliteCacheMb: config.int('MERIDIAN_SQLITE_CACHE_MB') }),
      ...extra,
    });
  }

  /**
   * A cluster-wide lock named `name` held by this process while it lives (see SessionLock):
   * PostgreSQL's session advisory lock, scoped to this store's schema; always held on SQLite.
   */
  sessionLock(name: string, onLost: (reason: string) => void = () => {}): SessionLock {
    const { databaseUrl, pgSchema } = this.connectOptions;
    if (this.dialect !== 'postgres' || !databaseUrl) return new AlwaysHeldLock();
    return new PostgresSessionLock(pgClientConfig(databaseUrl, pgSchema), name, pgSchema ?? 'public', onLost);
  }

  /** A round trip to the database that reads nothing (health checks). */
  async ping(): Promise<void> {
    await sql`SELECT 1`.execute(this.db);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
