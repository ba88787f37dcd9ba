import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect.ts';
import { nowIso, parseJson } from '../json.ts';
import type { Database, JobRow } from '../schema.ts';
import { dbNowMs } from './host-turns.ts';

/** Literal, not bound: both dialects need it to match the partial unique index's predicate. */
export const OPEN_JOB = sql<boolean>`state IN ('queued', 'running', 'failed')`;

export interface Job<P = unknown> {
  id: number;
  kind: string;
  payload: P;
  attempts: number;
  maxAttempts: number;
  /** Claimed highest first; see jobs/priority.ts. */
  priority?: number;
}

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** At most one unfinished job per key; enqueueing a duplicate is a no-op. */
  dedupeKey?: string;
  /** The web host the job will ask (URL.host): claiming then keeps to the host's politeness. */
  host?: string;
  /** Claimed highest first (default 0); see jobs/priority.ts. */
  priority?: number;
}

export interface ClaimPolicy {
  /** Jobs of one host running at once across the cluster (MERIDIAN_HOST_CONCURRENCY). */
  hostConcurrency: number;
  /** A host whose next turn is further away than this is skipped for now. */
  turnSlackMs: number;
}

const DEFAULT_CLAIM_POLICY: ClaimPolicy = { hostConcurrency: 2, turnSlackMs: 250 };

export type JobCounts = Record<string, Record<string, number>>;

/**
 * The pipeline's work queue, one table on both dialects. Workers claim with
 * `FOR UPDATE SKIP LOCKED` on PostgreSQL, so any number of processes share the work; SQLite has
 * one writer at a time, so a single UPDATE … RETURNING claims atomically there.
 */
export class JobRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: DialectName,
    /** Attempts of a job enqueued without its own count (MERIDIAN_JOB_ATTEMPTS). */
    private readonly defaultMaxAttempts = 5,
  ) {}

  async enqueue(kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<number | undefined> {
    const now = nowIso();
    const row = await this.db
      .insertInto('jobs')
      .values({
        kind,
        payload: JSON.stringify(payload),
        state: 'queued',
        max_attempts: options.maxAttempts ?? this.defaultMaxAttempts,
        run_at: (options.runAt ?? new Date()).toISOString(),
        dedupe_key: options.dedupeKey ?? null,
        host: options.host ?? null,
        priority: options.priority ?? 0,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('dedupe_key').where(OPEN_JOB).doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id;
  }

  /**
   * Claims up to `limit` ready jobs of the given kinds for `worker`, fairly across web hosts: at
   * most one job per host per claim, none for a host already running `hostConcurrency` jobs
   * anywhere in the cluster or whose next turn is not due, so one worker's slots spread over
   * many hosts instead of queueing behind one. Jobs without a host come in `run_at, id` order.
   */
  async claim(
    kinds: readonly string[],
    worker: string,
    limit = 1,
    now = new Date(),
    policy: ClaimPolicy = DEFAULT_CLAIM_POLICY,
  ): Promise<Job[]> {
    const at = now.toISOString();
    const soon = sql<number>`${dbNowMs(this.dialect)} + ${Math.round(policy.turnSlackMs)}`;
    const ranked = this.db
      .selectFrom('jobs')
      .select([
        'id',
        'host',
        sql<number>`row_number() OVER (PARTITION BY host ORDER BY priority DESC, run_at, id)`.as('rn'),
      ])
      .where('state', 'in', ['queued', 'failed'])
      .where('kind', 'in', [...kinds])
      .where('run_at', '<=', at)
      .where((eb) =>
        eb.or([
          eb('host', 'is', null),
          eb.and([
            eb('host', 'not in', eb.selectFrom('host_turns').select('host_turns.host').where('next_ms', '>', soon)),
            eb(
              'host',
              'not in',
              eb
                .selectFrom('jobs as busy')
                .select('busy.host')
                .where('busy.state', '=', 'running')
                .where('busy.host', 'is not', null)
                .groupBy('busy.host')
                .having((h) => h.fn.countAll(), '>=', policy.hostConcurrency),
            ),
          ]),
        ]),
      );
    const candidates = this.db
      .selectFrom(ranked.as('ranked'))
      .select('ranked.id')
      .where((eb) => eb.or([eb('ranked.host', 'is', null), eb('ranked.rn', '=', sql<number>`1`)]));
    const ready = this.db
      .selectFrom('jobs')
      .select('id')
      .where('id', 'in', candidates)
      // Checked again on the row itself: PostgreSQL re-reads a row it waited to lock against this
      // query's own conditions only, so without them a job another worker just claimed (and
      // committed) would be claimed a second time.
      .where('state', 'in', ['queued', 'failed'])
      .where('run_at', '<=', at)
      .orderBy('priority', 'desc')
      .orderBy('run_at')
      .orderBy('id')
      .limit(limit);
    const rows = await this.db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'running',
        locked_by: worker,
        locked_at: at,
        updated_at: at,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', this.dialect === 'postgres' ? ready.forUpdate().skipLocked() : ready)
      .returningAll()
      .execute();
    return rows.map(toJob);
  }

  /**
   * Marks a job done. With `worker`, only while that worker still holds it: a job taken back from
   * a worker that went silent (and maybe run by another since) is not settled by the first one.
   */
  async complete(id: number, worker?: string): Promise<void> {
    let q = this.db
      .updateTable('jobs')
      .set({ state: 'done', locked_by: null, locked_at: null, last_error: null, updated_at: nowIso() })
      .where('id', '=', id);
    if (worker) q = q.where('locked_by', '=', worker);
    await q.execute();
  }

  /**
   * Records a failure. The job is retried after `retryAt`, or parked with its error once it has
   * used its attempts: parked jobs stay visible to the operator and can be retried by hand.
   */
  async fail(job: Job, error: string, retryAt: Date, worker?: string): Promise<'retry' | 'parked'> {
    const parked = job.attempts >= job.maxAttempts;
    let q = this.db
      .updateTable('jobs')
      .set({
        state: parked ? 'parked' : 'failed',
        last_error: error.slice(0, 2000),
        run_at: retryAt.toISOString(),
        locked_by: null,
        locked_at: null,
        updated_at: nowIso(),
      })
      .where('id', '=', job.id);
    if (worker) q = q.where('locked_by', '=', worker);
    await q.execute();
    return parked ? 'parked' : 'retry';
  }

  /** Puts a job back without counting the attempt (shutdown, provider outage). */
  async release(id: number, runAt = new Date(), worker?: string): Promise<void> {
    let q = this.db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'queued',
        attempts: sql<number>`CASE WHEN ${eb.ref('attempts')} > 0 THEN ${eb.ref('attempts')} - 1 ELSE 0 END`,
        run_at: runAt.toISOString(),
        locked_by: null,
        locked_at: null,
        updated_at: nowIso(),
      }))
      .where('id', '=', id);
    if (worker) q = q.where('locked_by', '=', worker);
    await q.execute();
  }

  /**
   * Jobs left `running` by a worker whose heartbeat stopped before `olderThan` are queued again
   * (the attempt counts: a job that kills its worker must not loop for ever). Returns them with
   * the worker that held them, for the log.
   */
  async recoverStale(olderThan: Date): Promise<Array<{ id: number; kind: string; worker: string | null }>> {
    const before = olderThan.toISOString();
    const stale = await this.db
      .selectFrom('jobs')
      .select(['id', 'locked_by'])
      .where('state', '=', 'running')
      .where('locked_at', '<', before)
      .execute();
    if (stale.length === 0) return [];
    // The same conditions again: a heartbeat that came in between keeps its job.
    const rows = await this.db
      .updateTable('jobs')
      .set({ state: 'queued', locked_by: null, locked_at: null, updated_at: nowIso() })
      .where(
        'id',
        'in',
        stale.map((r) => r.id),
      )
      .where('state', '=', 'running')
      .where('locked_at', '<', before)
      .returning(['id', 'kind'])
      .execute();
    const holder = new Map(stale.map((r) => [r.id, r.locked_by]));
    return rows.map((r) => ({ id: r.id, kind: r.kind, worker: holder.get(r.id) ?? null }));
  }

  /** Workers holding running jobs. */
  async runningWorkers(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .select('locked_by')
      .distinct()
      .where('state', '=', 'running')
      .execute();
    return rows.map((r) => r.locked_by).filter((w): w is string => Boolean(w));
  }

  /** Queues again every job a (dead) worker was running, without counting the lost attempt. */
  async releaseWorker(worker: string): Promise<number> {
    const rows = await this.db
      .updateTable('jobs')
      .set((eb) => ({
        state: 'queued',
        attempts: sql<number>`CASE WHEN ${eb.ref('attempts')} > 0 THEN ${eb.ref('attempts')} - 1 ELSE 0 END`,
        locked_by: null,
        locked_at: null,
        updated_at: nowIso(),
      }))
      .where('state', '=', 'running')
      .where('locked_by', '=', worker)
      .returning('id')
      .execute();
    return rows.length;
  }

  /** Keeps a long job's lock fresh, so it is not taken for the job of a dead worker. */
  async heartbeat(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('jobs')
      .set({ locked_at: nowIso() })
      .where('id', 'in', [...ids])
      .where('state', '=', 'running')
      .execute();
  }

  /**
   * Raises the waiting jobs under these dedupe keys to `priority` (never lowers one): a reader's
   * request, from a web process, moves an article's translation ahead of the queue.
   */
  async raisePriority(dedupeKeys: readonly string[], priority: number, now = new Date()): Promise<number> {
    if (dedupeKeys.length === 0) return 0;
    const at = now.toISOString();
    const result = await this.db
      .updateTable('jobs')
      .set({ priority, run_at: sql<string>`CASE WHEN run_at > ${at} THEN ${at} ELSE run_at END`, updated_at: at })
      .where('dedupe_key', 'in', [...dedupeKeys])
      .where('state', 'in', ['queued', 'failed'])
      .where('priority', '<', priority)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Adds `by` to the priority of the waiting jobs under these keys whose priority is below `below`.
   * Both this and raisePriority bring a job held for later forward to `now`: whatever held it
   * (its tier, a spent budget) is asked again.
   */
  async liftPriority(dedupeKeys: readonly string[], below: number, by: number, now = new Date()): Promise<number> {
    let lifted = 0;
    const at = now.toISOString();
    for (let i = 0; i < dedupeKeys.length; i += 500) {
      const result = await this.db
        .updateTable('jobs')
        .set((eb) => ({
          priority: eb('priority', '+', by),
          run_at: sql<string>`CASE WHEN run_at > ${at} THEN ${at} ELSE run_at END`,
        }))
        .where('dedupe_key', 'in', dedupeKeys.slice(i, i + 500))
        .where('state', 'in', ['queued', 'failed'])
        .where('priority', '<', below)
        .executeTakeFirst();
      lifted += Number(result.numUpdatedRows);
    }
    return lifted;
  }

  /** Moves every waiting job of `kind` due before `until` to `until` (a spent budget). */
  async deferKind(kind: string, until: Date): Promise<number> {
    const result = await this.db
      .updateTable('jobs')
      .set({ run_at: until.toISOString(), updated_at: nowIso() })
      .where('kind', '=', kind)
      .where('state', 'in', ['queued', 'failed'])
      .where('run_at', '<', until.toISOString())
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Unfinished jobs of `kind` at or above each priority in `atLeast` (one count per bound, in
   * order): callers difference them into bands.
   */
  async unfinishedAtLeast(kind: string, atLeast: readonly number[]): Promise<number[]> {
    if (atLeast.length === 0) return [];
    const row = await this.db
      .selectFrom('jobs')
      .select(atLeast.map((bound, i) => sql<number>`SUM(CASE WHEN priority >= ${bound} THEN 1 ELSE 0 END)`.as(`n${i}`)))
      .where('kind', '=', kind)
      .where('state', 'in', ['queued', 'running', 'failed'])
      .executeTakeFirst();
    const counts = (row ?? {}) as Record<string, unknown>;
    return atLeast.map((_, i) => Number(counts[`n${i}`] ?? 0));
  }

  /** Replaces the payload of the waiting job under `dedupeKey` (not one already running). */
  async setWaitingPayload(dedupeKey: string, payload: unknown): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ payload: JSON.stringify(payload), updated_at: nowIso() })
      .where('dedupe_key', '=', dedupeKey)
      .where('state', 'in', ['queued', 'failed'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Re-queues parked jobs (operator's retry). */
  async retryParked(kind?: string): Promise<number> {
    let q = this.db
      .updateTable('jobs')
      .set({ state: 'queued', attempts: 0, run_at: nowIso(), updated_at: nowIso() })
      .where('state', '=', 'parked');
    if (kind) q = q.where('kind', '=', kind);
    return (await q.returning('id').execute()).length;
  }

  async counts(): Promise<JobCounts> {
    const rows = await this.db
      .selectFrom('jobs')
      .select(['kind', 'state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['kind', 'state'])
      .execute();
    const out: JobCounts = {};
    for (const r of rows) {
      out[r.kind] ??= {};
      (out[r.kind] as Record<string, number>)[r.state] = Number(r.n);
    }
    return out;
  }

  /** Jobs not yet done (queued, running, failed): zero means the pipeline is drained. */
  async pending(kinds?: readonly string[], readyBy?: Date): Promise<number> {
    let q = this.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', 'in', ['queued', 'running', 'failed']);
    if (kinds) q = q.where('kind', 'in', [...kinds]);
    // Running jobs always count; waiting ones only when due by `readyBy`.
    if (readyBy) q = q.where((eb) => eb.or([eb('state', '=', 'running'), eb('run_at', '<=', readyBy.toISOString())]));
    const row = await q.executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async parked(limit = 50): Promise<JobRow[]> {
    return this.db
      .selectFrom('jobs')
      .selectAll()
      .where('state', '=', 'parked')
      .orderBy('updated_at', 'desc')
      .limit(limit)
      .execute();
  }
}

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    payload: parseJson(row.payload, {}),
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    priority: Number(row.priority),
  };
}
