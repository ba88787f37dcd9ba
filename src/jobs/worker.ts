import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { logger } from '../config/log.ts';
import type { Job } from '../store/repositories/jobs.ts';
import type { Store } from '../store/store.ts';

const log = logger('worker');

/** What a handler tells the worker. Throwing means "failed, retry with backoff". */
export type JobOutcome = { status: 'done' } | { status: 'retry-later'; at: Date; reason: string };

export type JobHandler = (job: Job, signal: AbortSignal) => Promise<JobOutcome | undefined>;

export interface WorkerOptions {
  /** Jobs run at once, across all kinds. */
  concurrency: number;
  /** How long to sleep when no job is ready. */
  idleMs: number;
  /** Backoff for a failed job: attempt number → delay. */
  retryDelayMs: (attempt: number) => number;
}

/**
 * Claims jobs from the store and runs their handlers. Any number of workers (in any number of
 * processes, on PostgreSQL) can share one queue. `stop()` stops claiming, waits for running jobs
 * up to a grace period, then releases the rest so another worker picks them up.
 */
export class Worker {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private running = new Map<number, { job: Job; abort: AbortController; done: Promise<void> }>();
  private stopping = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly store: Store,
    private readonly handlers: Readonly<Record<string, JobHandler>>,
    private readonly options: WorkerOptions,
  ) {}

  private heartbeat?: NodeJS.Timeout;

  start(): void {
    if (this.loop) return;
    this.loop = this.run();
    this.heartbeat = setInterval(() => {
      this.store.jobs.heartbeat([...this.running.keys()]).catch((err) => log.warn('heartbeat failed', { err }));
    }, 30_000);
    this.heartbeat.unref();
  }

  /** Wakes an idle worker (new work was just enqueued). */
  poke(): void {
    this.wake?.();
  }

  private async run(): Promise<void> {
    const kinds = Object.keys(this.handlers);
    while (!this.stopping) {
      const free = this.options.concurrency - this.running.size;
      let claimed: Job[] = [];
      if (free > 0) {
        try {
          claimed = await this.store.jobs.claim(kinds, this.id, free);
        } catch (err) {
          log.error('claiming jobs failed', { err });
        }
      }
      for (const job of claimed) this.launch(job);
      if (claimed.length === 0 || this.running.size >= this.options.concurrency) {
        await this.idle(this.running.size >= this.options.concurrency);
      }
    }
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
        await this.store.jobs.release(job.id, outcome.at);
      } else {
        await this.store.jobs.complete(job.id);
      }
    } catch (err) {
      if (signal.aborted) return;
      const message = err instanceof Error ? err.message : String(err);
      const retryAt = new Date(Date.now() + this.options.retryDelayMs(job.attempts));
      const result = await this.store.jobs.fail(job, message, retryAt).catch(() => 'unknown');
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
    this.wake?.();
    await this.loop;
    const inFlight = [...this.running.values()];
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
    const settled = await Promise.race([Promise.all(inFlight.map((r) => r.done)).then(() => 'done' as const), timeout]);
    if (settled === 'timeout') {
      for (const r of this.running.values()) {
        r.abort.abort();
        await this.store.jobs.release(r.job.id).catch(() => {});
      }
      log.warn('stopped with jobs in flight; released them for another worker', { count: this.running.size });
    }
  }
}
