import { logger } from '../config/log.ts';
import type { SessionLock } from '../store/session-lock.ts';
import type { Store } from '../store/store.ts';
import type { StoryService } from './story-service.ts';

const log = logger('stories');

/** How often a process that is not the story writer asks for the lock (and the writer checks it). */
export const STORY_WRITER_CHECK_MS = 5_000;

/**
 * Makes one process of the cluster the story writer: the holder of a PostgreSQL session advisory
 * lock runs clustering and takes; the others never claim those jobs and ask again every few
 * seconds, so when the writer dies (its session ends and frees the lock) another takes over,
 * rebuilding the live stories from the store. On SQLite every process holds it, as before.
 */
export class StoryWriterRole {
  private readonly lock: SessionLock;
  private timer?: NodeJS.Timeout;
  private checking?: Promise<void>;
  /** Called when this process becomes the writer (the worker wakes to claim story jobs). */
  onTakeOver: () => void = () => {};

  constructor(
    store: Store,
    private readonly stories: StoryService,
    private readonly checkMs = STORY_WRITER_CHECK_MS,
    /** The lock, on `onLost` (tests reach the database through a relay they can cut). */
    lockOf: (onLost: () => void) => SessionLock = (onLost) => store.sessionLock('story-writer', onLost),
  ) {
    this.lock = lockOf(() => this.stories.reset());
    // Claiming story jobs only while holding the lock is not enough: a writer can lose it in the
    // middle of a job without hearing so. Each write of stories checks it in its transaction.
    this.stories.fenceWith((db) => this.lock.assertHeldIn(db));
  }

  /** Whether this process may run story jobs now. */
  get active(): boolean {
    return this.lock.held;
  }

  /** Asks for the lock (and confirms a held one); on taking it, rebuilds from the store. */
  check(): Promise<void> {
    this.checking ??= this.checkNow().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  private async checkNow(): Promise<void> {
    const was = this.lock.held;
    const now = await this.lock.tryAcquire();
    if (now && !was) {
      // Another process may have written stories since this one last held the lock.
      this.stories.reset();
      log.info('this process is now the story writer');
      this.onTakeOver();
    }
  }

  async start(): Promise<void> {
    await this.check();
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), this.checkMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.checking;
    await this.lock.release();
  }
}
