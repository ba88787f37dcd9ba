import { hostname } from 'node:os';
import type { Config } from '../config/config.ts';
import { logger } from '../config/log.ts';
import { backoffMs } from '../net/backoff.ts';
import type { Store } from '../store/store.ts';
import { articleJobKey, articleJobKeyPrefix, enqueueJob, hostOption, JOB } from './kinds.ts';
import { indexForSearch } from './search-index.ts';
import type { Stages } from './stages.ts';
import { recoverySteps, type StageProviders, stageHandlers } from './stages-table.ts';
import type { StoryWriterRole } from './story-writer.ts';
import { type JobHandler, Worker } from './worker.ts';
import { ALL_STAGES, kindsOf, parseStages, STORY_WRITER_KINDS, type WorkerStage } from './worker-stages.ts';

const log = logger('pipeline');

/** Image fetches one pipeline process runs at once, beside the text's MERIDIAN_WORKER_CONCURRENCY. */
const IMAGE_CONCURRENCY = 2;

/** Worker ids are `host:pid:random`; a worker of this host whose pid no longer runs is dead. */
export function isDeadLocalWorker(worker: string): boolean {
  const [host, pid] = worker.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export interface PipelineOptions {
  concurrency?: number;
  idleMs?: number;
  /** How often due feeds are looked for. */
  tickMs?: number;
  /** Limit polling to one country or outlet (`meridian ingest --country`). */
  filter?: { country?: string; outletId?: string };
  /** What the translation, story and take steps are built from (assemblePipeline); without it only fetching runs. */
  providers?: StageProviders;
  /** Handlers that replace the stage table's for their kinds (tests). */
  handlers?: Record<string, JobHandler>;
  /** Stages this process works on (MERIDIAN_WORKER_STAGES); the others' jobs are left to other workers. */
  stages?: readonly WorkerStage[];
  /** Who may run story jobs in the cluster; without it this process always may. */
  storyWriter?: StoryWriterRole;
}

/** Backoff for failed jobs: about 30 s, 1 min, 2 min … capped at an hour, with jitter. */
export function jobRetryDelayMs(attempt: number): number {
  return backoffMs(attempt, { baseMs: 30_000, maxMs: 3_600_000 });
}

/**
 * The ingestion pipeline in one process: a scheduler that turns due feeds into poll jobs, and a
 * worker that runs every job kind. On start it recovers what a killed process left behind: jobs
 * stuck `running` are queued again, and an article left between two steps gets its next job.
 */
export class Pipeline {
  readonly worker: Worker;
  /** Runs the image and logo jobs only, when this process runs the fetch stage. */
  readonly imageWorker?: Worker;
  /** Job kinds this pipeline runs (others, e.g. translation on a separate worker, are not waited for). */
  readonly kinds: string[];
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private readonly staleAfterMs: number;
  private readonly schedulesPolls: boolean;

  constructor(
    private readonly store: Store,
    stages: Stages,
    config: Config,
    private readonly options: PipelineOptions = {},
  ) {
    const table = stageHandlers({
      store,
      stages,
      config,
      ...(options.providers ? { providers: options.providers } : {}),
    });
    const all: Record<string, JobHandler> = { ...table.main, ...options.handlers };
    const allImages = table.ownSlots;
    // Kinds of no stage (a test's own handler) always run; the stages' kinds only where chosen.
    const chosen = kindsOf(options.stages ?? parseStages(config.list('MERIDIAN_WORKER_STAGES')));
    const staged = kindsOf(ALL_STAGES);
    const pick = (from: Record<string, JobHandler>) =>
      Object.fromEntries(Object.entries(from).filter(([k]) => chosen.has(k) || !staged.has(k)));
    const handlers = pick(all);
    const imageHandlers = pick(allImages);
    this.kinds = [...Object.keys(handlers), ...Object.keys(imageHandlers)];
    this.schedulesPolls = JOB.poll in handlers;
    this.staleAfterMs = config.int('MERIDIAN_JOB_STALE_S') * 1000;
    const writer = options.storyWriter;
    const idleMs = options.idleMs ?? 1000;
    this.worker = new Worker(store, handlers, {
      concurrency: options.concurrency ?? config.int('MERIDIAN_WORKER_CONCURRENCY'),
      idleMs,
      retryDelayMs: jobRetryDelayMs,
      staleAfterMs: this.staleAfterMs,
      claimPolicy: { hostConcurrency: config.int('MERIDIAN_HOST_CONCURRENCY'), turnSlackMs: 250 },
      ...(writer ? { claimable: (kind: string) => !STORY_WRITER_KINDS.has(kind) || writer.active } : {}),
    });
    // Images have slots of their own: image hosts that answer slowly (up to the fetch timeout)
    // must not hold the slots in which articles are fetched, translated and clustered.
    if (Object.keys(imageHandlers).length > 0)
      this.imageWorker = new Worker(store, imageHandlers, {
        concurrency: IMAGE_CONCURRENCY,
        idleMs,
        retryDelayMs: jobRetryDelayMs,
        staleAfterMs: this.staleAfterMs,
      });
    if (writer) writer.onTakeOver = () => this.worker.poke();
  }

  async recover(): Promise<void> {
    // Jobs of a worker on this machine whose process is gone are released at once; elsewhere, a
    // lock without a heartbeat for MERIDIAN_JOB_STALE_S means its worker died (every worker also
    // looks for those while it runs).
    let stale = 0;
    for (const worker of await this.store.jobs.runningWorkers()) {
      if (worker !== this.worker.id && worker !== this.imageWorker?.id && isDeadLocalWorker(worker))
        stale += await this.store.jobs.releaseWorker(worker);
    }
    stale += (await this.store.jobs.recoverStale(new Date(Date.now() - this.staleAfterMs))).length;
    // Each step stores its result and then queues the next; a kill between the two leaves an
    // article in a state with no job to move it on. Its job is queued again here (not when it
    // is parked: that one waits for the operator).
    const requeued: Record<string, number> = {};
    for (const { kind, state, options } of recoverySteps()) {
      for (const id of await this.store.articles.idsWithoutOpenJob(state, articleJobKeyPrefix(kind))) {
        const enqueue = await options(this.store, id);
        if (!enqueue) continue;
        if (await this.store.jobs.enqueue(kind, { articleId: id }, { dedupeKey: articleJobKey(kind, id), ...enqueue }))
          requeued[state] = (requeued[state] ?? 0) + 1;
      }
    }
    // Stored but never indexed (a kill between the two, before they were one transaction).
    const unindexed = await this.store.search.unindexed();
    for (const id of unindexed) await indexForSearch(this.store, id);
    if (stale || unindexed.length > 0 || Object.keys(requeued).length > 0)
      log.info('recovered unfinished work', {
        staleJobs: stale,
        articlesRequeuedByState: requeued,
        articlesIndexed: unindexed.length,
      });
  }

  /** Enqueues a poll job for every due feed; returns how many. */
  async enqueueDueFeeds(now = new Date()): Promise<number> {
    const due = await this.store.feeds.due(now, 500, this.options.filter ?? {});
    let n = 0;
    for (const feed of due) {
      if (await enqueueJob(this.store.jobs, JOB.poll, { feedId: feed.id }, { maxAttempts: 1, ...hostOption(feed.url) }))
        n++;
    }
    if (n > 0) this.worker.poke();
    return n;
  }

  async start(): Promise<void> {
    await this.recover();
    await this.options.storyWriter?.start();
    this.worker.start();
    this.imageWorker?.start();
    if (!this.schedulesPolls) return;
    const tick = () => {
      this.ticking = this.enqueueDueFeeds()
        .then(() => undefined)
        .catch((err) => log.error('scheduling polls failed', { err }));
    };
    tick();
    this.timer = setInterval(tick, this.options.tickMs ?? 30_000);
    this.timer.unref();
  }

  /**
   * Polls every selected feed once and returns when the work it caused is finished. Jobs waiting
   * for a retry further away than `horizonMs` stay queued for the next run.
   */
  async runOnce(onProgress?: (pending: number) => void, horizonMs = 60_000): Promise<void> {
    await this.recover();
    await this.options.storyWriter?.start();
    await this.enqueueDueFeeds(new Date(Date.now() + 365 * 86_400_000));
    await this.drain(onProgress, horizonMs);
  }

  /** Runs the queued work (of this pipeline's kinds) until none is due within `horizonMs`. */
  async drain(onProgress?: (pending: number) => void, horizonMs = 60_000): Promise<void> {
    this.worker.start();
    this.imageWorker?.start();
    for (;;) {
      const pending = await this.store.jobs.pending(this.kinds, new Date(Date.now() + horizonMs));
      onProgress?.(pending);
      if (pending === 0 && this.worker.idleNow && (this.imageWorker?.idleNow ?? true)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async stop(graceMs?: number): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
    await Promise.all([this.worker.stop(graceMs), this.imageWorker?.stop(graceMs)]);
    await this.options.storyWriter?.stop();
  }
}
