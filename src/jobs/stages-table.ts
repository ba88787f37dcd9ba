import type { Config } from '../config/config.ts';
import type { ArticleState } from '../model/article.ts';
import type { Outlet } from '../model/outlet.ts';
import type { EnqueueOptions } from '../store/repositories/jobs.ts';
import type { Store } from '../store/store.ts';
import type { Summarizer } from '../takes/summarizer.ts';
import type { Translator } from '../translate/translator.ts';
import { clusterHandler } from './handlers/cluster.ts';
import { fetchHandler } from './handlers/fetch.ts';
import { imageHandler, logoHandler } from './handlers/image.ts';
import { pollHandler } from './handlers/poll.ts';
import { takeHandler } from './handlers/take.ts';
import { type TranslateHandlerOptions, translateBodyHandler, translateHandler } from './handlers/translate.ts';
import { hostOption, JOB, type JobKind, type KindHandler, type QueueNext, queueTo } from './kinds.ts';
import { scheduleFromConfig } from './schedule.ts';
import type { Stages } from './stages.ts';
import type { StoryService } from './story-service.ts';
import type { JobHandler } from './worker.ts';
import type { WorkerStage } from './worker-stages.ts';

/** What the providers-bound steps (translation, stories, takes) need; `assemblePipeline` supplies it. */
export interface StageProviders {
  translator: Translator;
  /** MERIDIAN_TARGET_LANGUAGE. */
  target: string;
  translation: TranslateHandlerOptions;
  stories: StoryService;
  summarizer: Summarizer;
  outlets: () => Promise<Map<string, Outlet>>;
  /** How long after a story changes its take is written (bursts of articles make one take). */
  takeDelayMs?: number;
}

/** Everything a step's handler may be built from. */
export interface StageDeps {
  store: Store;
  stages: Stages;
  config: Config;
  /** Absent in a pipeline that only fetches (tests, `new Pipeline` without assemblePipeline). */
  providers?: StageProviders;
}

interface StageEntry<K extends JobKind, N extends JobKind | undefined> {
  /** The worker stage (MERIDIAN_WORKER_STAGES) whose processes run this kind. */
  stage: WorkerStage;
  /** Runs in worker slots of its own, so a slow image host never holds an article's slot. */
  ownSlots?: true;
  /**
   * The article state in which an article waits for this job. A kill between storing a step's
   * result and queueing this job leaves the article there without one: recovery queues it again.
   */
  waitsIn?: ArticleState;
  /** Enqueue options for a job queued by recovery, or undefined to leave the article alone. */
  recoverOptions?: (store: Store, articleId: number) => Promise<Omit<EnqueueOptions, 'dedupeKey'> | undefined>;
  /** The job this step queues for its article (or story) when it is done. */
  next: N;
  /** The handler, given the queue of `next`; undefined when `deps` lack what it needs. */
  handler: (deps: StageDeps, next: N extends JobKind ? QueueNext<N> : undefined) => KindHandler<K> | undefined;
}

/** Declares one step, keeping its kind, its next kind and its handler's types tied together. */
function step<K extends JobKind, N extends JobKind | undefined>(_kind: K, entry: StageEntry<K, N>): StageEntry<K, N> {
  return entry;
}

/**
 * The pipeline, one row per job kind, in the order an article passes through them. Enqueueing a
 * step's next job, recovery after a kill (`Pipeline.recover`), the worker stages
 * (`worker-stages.ts`), `meridian retry` and `meridian status` all read this table. Jobs off the
 * article's path (image and logo after fetch, the body after the headline) are queued by the
 * handler that has their payload; their rows here say who runs them.
 */
export const STAGE_TABLE = {
  [JOB.poll]: step(JOB.poll, {
    stage: 'fetch',
    next: JOB.fetch,
    handler: (d, next) => pollHandler(d.store, d.stages, next, scheduleFromConfig(d.config)),
  }),
  [JOB.fetch]: step(JOB.fetch, {
    stage: 'fetch',
    waitsIn: 'discovered',
    // An article with no feed came from an archive: its page is in the archive, and crawling
    // its live URL would not be an import. Running the import again finishes it.
    recoverOptions: async (store, articleId) => {
      const article = await store.articles.get(articleId);
      return article?.feedUrl ? hostOption(article.url) : undefined;
    },
    next: JOB.translate,
    handler: (d, next) => fetchHandler(d.store, d.stages, next),
  }),
  [JOB.image]: step(JOB.image, {
    stage: 'fetch',
    ownSlots: true,
    next: undefined,
    handler: (d) => imageHandler(d.store, d.stages, d.config.bool('MERIDIAN_IMAGES')),
  }),
  [JOB.logo]: step(JOB.logo, {
    stage: 'fetch',
    ownSlots: true,
    next: undefined,
    handler: (d) => logoHandler(d.store, d.stages, d.config.bool('MERIDIAN_IMAGES')),
  }),
  [JOB.translate]: step(JOB.translate, {
    stage: 'translate',
    waitsIn: 'extracted',
    next: JOB.cluster,
    handler: ({ store, providers: p }, next) =>
      p && translateHandler(store, p.translator, p.target, next, p.translation),
  }),
  [JOB.translateBody]: step(JOB.translateBody, {
    stage: 'translate',
    next: JOB.take,
    handler: ({ store, providers: p }, next) =>
      p && translateBodyHandler(store, p.translator, p.target, next, p.translation),
  }),
  [JOB.cluster]: step(JOB.cluster, {
    stage: 'stories',
    waitsIn: 'translated',
    next: JOB.take,
    handler: ({ store, providers: p }, next) => p && clusterHandler(store, p.stories, next, p.takeDelayMs),
  }),
  [JOB.take]: step(JOB.take, {
    stage: 'stories',
    next: undefined,
    handler: ({ store, config, providers: p }) => p && takeHandler(store, config, p.summarizer, p.outlets),
  }),
} as const satisfies { [K in JobKind]: StageEntry<K, JobKind | undefined> };

export type StageTable = typeof STAGE_TABLE;

/** Every job kind, in the table's order. */
export const JOB_KINDS = Object.keys(STAGE_TABLE) as JobKind[];

type NextOf<K extends JobKind> = StageTable[K]['next'];

/** The queue of the job that follows `kind`, as the table says; what its handler is given. */
export function queueNext<K extends JobKind>(kind: K): NextOf<K> extends JobKind ? QueueNext<NextOf<K>> : undefined {
  const next = STAGE_TABLE[kind].next as JobKind | undefined;
  return (next === undefined ? undefined : queueTo(next)) as NextOf<K> extends JobKind
    ? QueueNext<NextOf<K>>
    : undefined;
}

/** The handler of each kind that `deps` can build, split into the article slots and the image slots. */
export function stageHandlers(deps: StageDeps): {
  main: Record<string, JobHandler>;
  ownSlots: Record<string, JobHandler>;
} {
  const main: Record<string, JobHandler> = {};
  const ownSlots: Record<string, JobHandler> = {};
  for (const kind of JOB_KINDS) {
    const entry = STAGE_TABLE[kind] as StageEntry<typeof kind, JobKind | undefined>;
    const handler = (entry.handler as (d: StageDeps, next: unknown) => KindHandler<typeof kind> | undefined)(
      deps,
      queueNext(kind),
    );
    if (handler) (entry.ownSlots ? ownSlots : main)[kind] = handler;
  }
  return { main, ownSlots };
}

/** The kinds an article waits for in a state, with how recovery queues them (see `waitsIn`). */
export function recoverySteps(): Array<{
  kind: JobKind;
  state: ArticleState;
  options: (store: Store, articleId: number) => Promise<Omit<EnqueueOptions, 'dedupeKey'> | undefined>;
}> {
  return JOB_KINDS.flatMap((kind) => {
    const entry = STAGE_TABLE[kind] as StageEntry<typeof kind, JobKind | undefined>;
    if (!entry.waitsIn) return [];
    return [{ kind, state: entry.waitsIn, options: entry.recoverOptions ?? (async () => ({})) }];
  });
}
