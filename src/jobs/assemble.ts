import type { Config } from '../config/config.ts';
import type { Outlet } from '../model/outlet.ts';
import { createFetcher, type Fetcher } from '../net/fetcher.ts';
import type { Store } from '../store/store.ts';
import { createSummarizer } from '../takes/providers/index.ts';
import { budgetLimits } from '../translate/budget.ts';
import { createTranslator } from '../translate/providers/index.ts';
import type { Translator } from '../translate/translator.ts';
import { Pipeline, type PipelineOptions } from './pipeline.ts';
import { fetchlessStages } from './stages-fetchless.ts';
import { StoryService } from './story-service.ts';
import { StoryWriterRole } from './story-writer.ts';
import { parseStages } from './worker-stages.ts';

export interface AssembledPipeline {
  pipeline: Pipeline;
  fetcher: Fetcher;
  translator: Translator;
  close(): Promise<void>;
}

/**
 * The whole pipeline with every stage bound to its configured provider: fetch and extract,
 * translate (MERIDIAN_TRANSLATOR), cluster into stories, write takes (MERIDIAN_SUMMARIZER).
 */
export async function assemblePipeline(
  store: Store,
  config: Config,
  options: PipelineOptions & { fetcher?: Fetcher; takeDelayMs?: number } = {},
): Promise<AssembledPipeline> {
  // The pipeline's fetcher keeps each host's turns in the store, shared by every worker.
  const fetcher = options.fetcher ?? createFetcher(config, { sharedTurns: store.hostTurns });
  const translator = await createTranslator(config);
  const target = config.string('MERIDIAN_TARGET_LANGUAGE');
  const stories = new StoryService(store, config);
  const storyWriter = options.storyWriter ?? new StoryWriterRole(store, stories);
  const summarizer = createSummarizer(config);
  const translation = {
    budget: budgetLimits(config),
    // 0 is a delay too (`import` and `ingest --once` ask for the take at once).
    ...(options.takeDelayMs !== undefined ? { takeDelayMs: options.takeDelayMs } : {}),
  };
  const outlets = async () => new Map<string, Outlet>((await store.outlets.list()).map((o) => [o.id, o]));
  const catalogLanguages = (await store.outlets.list()).flatMap((o) => o.languages);
  // Feeds, pages and the language model are loaded only by a worker that fetches: they are most
  // of a worker's memory, and a translation or story worker never calls them.
  const chosen = options.stages ?? parseStages(config.list('MERIDIAN_WORKER_STAGES'));
  const stages = chosen.includes('fetch')
    ? (await import('./stages-default.ts')).defaultStages(config, fetcher, catalogLanguages)
    : fetchlessStages(fetcher);
  const pipeline = new Pipeline(store, stages, config, {
    storyWriter,
    ...options,
    stages: chosen,
    providers: {
      translator,
      target,
      translation,
      stories,
      summarizer,
      outlets,
      ...(options.takeDelayMs !== undefined ? { takeDelayMs: options.takeDelayMs } : {}),
    },
  });
  return {
    pipeline,
    fetcher,
    translator,
    async close() {
      await pipeline.stop();
      await translator.close?.();
      if (!options.fetcher) await fetcher.close();
    },
  };
}
