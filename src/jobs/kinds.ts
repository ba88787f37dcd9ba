import type { EnqueueOptions, Job, JobRepository } from '../store/repositories/jobs.ts';
import type { Store } from '../store/store.ts';
import type { JobOutcome } from './worker.ts';

/** Job kinds of the pipeline, in the order an article passes through them. */
export const JOB = {
  poll: 'poll',
  fetch: 'fetch',
  /** Off the article's path: a slow image host never delays its text. */
  image: 'image',
  logo: 'logo',
  /** The headline: title, standfirst and image caption, for lists, clustering and search. */
  translate: 'translate',
  /** The body blocks, by priority and within the day's budget. */
  translateBody: 'translate-body',
  cluster: 'cluster',
  take: 'take',
} as const;

/**
 * The dedupe key of an article's job of `kind`: one open job per article and step. Recovery
 * (`ArticleRepository.idsWithoutOpenJob`) looks jobs up by the same prefix followed by the id.
 */
export function articleJobKeyPrefix(kind: string): string {
  return `${kind}:`;
}

export function articleJobKey(kind: string, articleId: number): string {
  return `${articleJobKeyPrefix(kind)}${articleId}`;
}

/** The `host` enqueue option of a job that will ask `url` (none for a URL that does not parse). */
export function hostOption(url: string): { host?: string } {
  try {
    return { host: new URL(url).host };
  } catch {
    return {};
  }
}

export interface PollPayload {
  feedId: number;
}
export interface ArticlePayload {
  articleId: number;
}
export interface ImagePayload {
  articleId: number;
  url: string;
}
export interface LogoPayload {
  outletId: string;
  url: string;
}
export interface StoryPayload {
  storyId: number;
  /** Articles' bodies arrived in English: write a new take even if the story has not grown. */
  refresh?: boolean;
}

export type JobKind = (typeof JOB)[keyof typeof JOB];

/** What a job of each kind carries: a handler reads its payload without a cast. */
export interface JobPayloads {
  [JOB.poll]: PollPayload;
  [JOB.fetch]: ArticlePayload;
  [JOB.image]: ImagePayload;
  [JOB.logo]: LogoPayload;
  [JOB.translate]: ArticlePayload;
  [JOB.translateBody]: ArticlePayload;
  [JOB.cluster]: ArticlePayload;
  [JOB.take]: StoryPayload;
}

/** A claimed job of `kind`. */
export type JobOf<K extends JobKind> = Job<JobPayloads[K]> & { kind: K };

/** The handler of one job kind; see `JobHandler` for what its outcome means. */
export type KindHandler<K extends JobKind> = (job: JobOf<K>, signal: AbortSignal) => Promise<JobOutcome | undefined>;

/** Each kind's dedupe key: one open job per feed's poll, article and step, outlet's logo, story's take. */
const KEYS: { [K in JobKind]: (payload: JobPayloads[K]) => string } = {
  [JOB.poll]: (p) => `${JOB.poll}:${p.feedId}`,
  [JOB.fetch]: (p) => articleJobKey(JOB.fetch, p.articleId),
  [JOB.image]: (p) => articleJobKey(JOB.image, p.articleId),
  [JOB.logo]: (p) => `${JOB.logo}:${p.outletId}`,
  [JOB.translate]: (p) => articleJobKey(JOB.translate, p.articleId),
  [JOB.translateBody]: (p) => articleJobKey(JOB.translateBody, p.articleId),
  [JOB.cluster]: (p) => articleJobKey(JOB.cluster, p.articleId),
  [JOB.take]: (p) => `${JOB.take}:${p.storyId}`,
};

export function jobKey<K extends JobKind>(kind: K, payload: JobPayloads[K]): string {
  return (KEYS[kind] as (payload: JobPayloads[K]) => string)(payload);
}

/** Queues a job of `kind` under its dedupe key, its payload checked against the kind. */
export function enqueueJob<K extends JobKind>(
  jobs: Pick<JobRepository, 'enqueue'>,
  kind: K,
  payload: JobPayloads[K],
  options: Omit<EnqueueOptions, 'dedupeKey'> = {},
): Promise<number | undefined> {
  return jobs.enqueue(kind, payload, { dedupeKey: jobKey(kind, payload), ...options });
}

/** How a step queues the job after it: where to run and when, and whether to update a waiting one. */
export type NextOptions = Omit<EnqueueOptions, 'dedupeKey'> & {
  /** When the next job is already waiting, give it this payload (e.g. a take told to refresh). */
  replaceWaiting?: boolean;
};

/**
 * Queues the job that follows a step, in `tx` (a transaction's store where the step's writes and
 * its next job must land together). Handlers receive it from the stage table, which says which
 * kind follows which, so no handler names its successor.
 */
export type QueueNext<N extends JobKind> = QueueWith<JobPayloads[N]>;

/**
 * A queue for the next job as its handler sees it: by the payload it hands on, not by the kind
 * that follows (the table's business). The table's `QueueNext` must fit, so a row whose next
 * kind takes another payload fails the type check.
 */
export type QueueWith<P> = (tx: Store, payload: P, options?: NextOptions) => Promise<number | undefined>;

export function queueTo<N extends JobKind>(kind: N): QueueNext<N> {
  return async (tx, payload, { replaceWaiting, ...options } = {}) => {
    const id = await enqueueJob(tx.jobs, kind, payload, options);
    if (id === undefined && replaceWaiting) await tx.jobs.setWaitingPayload(jobKey(kind, payload), payload);
    return id;
  };
}
