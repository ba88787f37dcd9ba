import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { logger } from '../config/log.ts';
import { isStoreUnavailable } from '../store/errors.ts';
import type { ClaimPolicy, Job } from '../store/repositories/jobs.ts';
import type { Store } from '../store/store.ts';

const log = logger('worker');

/** What a handler tells the worker. Throwing means "failed, retry with backoff". */
export type JobOutcome = { status: 'done' } | { status: 'retry-later'; at: Date; reason: string };

/**
 * Runs one job. Written as a method's type so a handler of one kind (`KindHandler<K>`, whose job
 * has its kind's payload) is a JobHandler too: the worker hands each handler only jobs of the
 * kind it is registered under, and every job of a kind is queued with that kind's payload
 * (`enqueueJob`, the stage table's `QueueNext`).
 */
export type JobHandler = {
  run(job: Job, signal: AbortSignal): Promise<JobOutcome | undefined>;
}['run'];

export interface WorkerOptions {
  /** Jobs run at once, across all kinds. */
  concurrency: number;
  /** How long to sleep when no job is ready. */
  idleMs: number;
  /** Backoff for a failed job: attempt number → delay. */
  retryDelayMs: (attempt: number) => number;
  /**
   * A running job whose worker has not sent a heartbeat for this long is taken back by any
   * living worker. Heartbeats and the look for such jobs come every third of it.
   */
  staleAfterMs?: number;
  /** Whether jobs of `kind` may be claimed now (story jobs: only by the story writer). */
  claimable?: (kind: string) => boolean;
  /** Per-host limits claiming keeps to across the cluster. */
  claimPolicy?: ClaimPolicy;
}

/** Longest wait between two tries while the store cannot be reached. */
const MAX_OUTAGE_WAIT_MS = 30_000;

/**
 * Claims jobs from the store and runs their handlers. Any number of workers (in any number of
 * processes, on PostgreSQL) can share one queue. Each keeps its jobs' locks fresh with heartbeats
 * and takes back the jobs of workers whose heartbeats stopped. When the store goes away it waits
 * with backoff and goes on when it returns, settling then what it could not record meanwhile.
 * `stop()` stops claiming, waits for running jobs up to a grace period, then releases the rest
 * so another worker picks them up.
 */
export class Worker {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private running = new Map<number, { job: Job; abort: AbortController; done: Promise<void> }>();
  /** Outcomes that could not be written while the store was away, written when it returns. */
  private unsettled = new Map<number, () => Promise<unknown>>();
  private stopping = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private heartbeat?: NodeJS.Timeout;
  private reclaimer?: NodeJS.Timeout;
  private outageSince?: number;
  private outageTries = 0;

  constructor(
    private readonly store: Store,
    private readonly handlers: Readonly<Record<string, JobHandler>>,
    private readonly options: WorkerOptions,
  ) {}

  private get staleAfterMs(): number {
    return this.options.staleAfterMs ?? 180_000;
  }

  start(): void {
    if (this.loop) return;
    this.loop = this.run();
    const every = Math.max(100, Math.floor(this.staleAfterMs / 3));
    this.heartbeat = setInterval(() => {
      this.store.jobs.heartbeat([...this.running.keys()]).catch((err) => log.warn('heartbeat failed', { err }));
    }, every);
    this.heartbeat.unref();
    this.reclaimer = setInterval(() => void this.reclaimStale(), every);
    this.reclaimer.unref();
  }

  /** Wakes an idle worker (new work was just enqueued). */
  poke(): void {
    this.wake?.();
  }

  /** Queues again the running jobs of workers that stopped sending heartbeats. */
  async reclaimStale(): Promise<number> {
    try {
      const taken = await this.store.jobs.recoverStale(new Date(Date.now() - this.staleAfterMs));
      if (taken.length === 0) return 0;
      const workers = [...new Set(taken.map((t) => t.worker ?? '?'))];
      log.warn('took back the jobs of silent workers', {
        count: taken.length,
        workers,
        jobs: taken.map((t) => `${t.kind}#${t.id}`),
        silentForMs: this.staleAfterMs,
      });
      this.poke();
      return taken.length;
    } catch (err) {
      if (!isStoreUnavailable(err)) log.warn('looking for stale jobs failed', { err });
      return 0;
    }
  }

  private claimableKinds(): string[] {
    const allowed = this.options.claimable;
    return Object.keys(this.handlers).filter((k) => !allowed || allowed(k));
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const free = this.options.concurrency - this.running.size;
      const kinds = this.claimableKinds();
      let claimed: Job[] = [];
      let unavailable = false;
      if (free > 0 && kinds.length > 0) {
        try {
          if (this.unsettled.size > 0) await this.settleLeftovers();
          claimed = await this.store.jobs.claim(kinds, this.id, free, new Date(), this.options.claimPolicy);
          this.storeBack();
        } catch (err) {
          unavailable = this.storeAway(err);
          if (!unavailable) log.error('claiming jobs failed', { err });
        }
      }
      for (const job of claimed) this.launch(job);
      if (unavailable) await this.sleep(this.outageWaitMs());
      else if (claimed.length === 0 || this.running.size >= this.options.concurrency) {
        await this.idle(this.running.size >= this.options.concurrency);
      }
    }
  }

  /** Logs the start of an outage once; true when `err` is one. */
  private storeAway(err: unknown): boolean {
    if (!isStoreUnavailable(err)) return false;
    if (this.outageSince === undefined) {
      this.outageSince = Date.now();
      log.warn('store unreachable; waiting for it with backoff', { err: (err as Error).message });
    }
    this.outageTries++;
    return true;
  }

  private storeBack(): void {
    if (this.outageSince === undefined) return;
    log.info('store reachable again; going on', { afterMs: Date.now() - this.outageSince });
    this.outageSince = undefined;
    this.outageTries = 0;
  }

  private outageWaitMs(): number {
    const base = Math.min(MAX_OUTAGE_WAIT_MS, 250 * 2 ** Math.min(this.outageTries, 8));
    return base / 2 + Math.random() * (base / 2);
  }

  /** Writes the outcomes of jobs that finished while the store was away. */
  private async settleLeftovers(): Promise<void> {
    for (const [id, settle] of this.unsettled) {
      await settle();
      this.unsettled.delete(id);
    }
    log.info('recorded the outcomes of jobs finished while the store was away');
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private idle(waitForSlot: boolean): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.options.idleMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
      if (waitForSlot && this.running.size > 0) {
        Promise.race([...this.running.values()].map((r) => r.done)).then(() => this.wake?.());
      }
    });
  }

  private launch(job: Job): void {
    const abort = new AbortController();
    const done = this.execute(job, abort.signal).finally(() => {
      this.running.delete(job.id);
      this.wake?.();
    });
    this.running.set(job.id, { job, abort, done });
  }

  /** Writes a job's outcome; when the store is away, keeps it to write when it returns. */
  private async settle(job: Job, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (err) {
      if (!this.storeAway(err)) throw err;
      this.unsettled.set(job.id, write);
    }
  }

  private async execute(job: Job, signal: AbortSignal): Promise<void> {
    const handler = this.handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      const outcome = await handler(job, signal);
      if (signal.aborted) return; // released by stop(); another worker will finish it
      if (outcome?.status === 'retry-later') {
        log.info('job deferred', {
          id: job.id,
          kind: job.kind,
          reason: outcome.reason,
          until: outcome.at.toISOString(),
        });
        await this.settle(job, () => this.store.jobs.release(job.id, outcome.at, this.id));
      } else {
        await this.settle(job, () => this.store.jobs.complete(job.id, this.id));
      }
    } catch (err) {
      if (signal.aborted) return;
      const message = err instanceof Error ? err.message : String(err);
      if (isStoreUnavailable(err)) {
        // The job did not fail, the store did: it goes back without counting the attempt.
        this.storeAway(err);
        await this.settle(job, () => this.store.jobs.release(job.id, new Date(), this.id)).catch(() => {});
        return;
      }
      const retryAt = new Date(Date.now() + this.options.retryDelayMs(job.attempts));
      let result = 'unknown' as 'retry' | 'parked' | 'unknown';
      await this.settle(job, async () => {
        result = await this.store.jobs.fail(job, message, retryAt, this.id);
      }).catch(() => {});
      const level = result === 'parked' ? 'error' : 'warn';
      log[level](result === 'parked' ? 'job parked after its last attempt' : 'job failed, will retry', {
        id: job.id,
        kind: job.kind,
        attempt: job.attempts,
        err: message,
      });
    }
  }

  /** True when nothing is running in this worker. */
  get idleNow(): boolean {
    return this.running.size === 0;
  }

  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.reclaimer) clearInterval(this.reclaimer);
    this.wake?.();
    await this.loop;
    const inFlight = [...this.running.values()];
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
    const settled = await Promise.race([Promise.all(inFlight.map((r) => r.done)).then(() => 'done' as const), timeout]);
    if (settled === 'timeout') {
      for (const r of this.running.values()) {
        r.abort.abort();
        await this.store.jobs.release(r.job.id, new Date(), this.id).catch(() => {});
      }
      log.warn('stopped with jobs in flight; released them for another worker', { count: this.running.size });
    }
    if (this.unsettled.size > 0) await this.settleLeftovers().catch(() => {});
  }
}
