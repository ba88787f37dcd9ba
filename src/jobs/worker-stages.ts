import { ConfigError } from '../config/setting.ts';
import { JOB } from './kinds.ts';

/**
 * What an operator can dedicate a worker to, and the job kinds each stage runs. `stories` is the
 * cluster's one story writer: its kinds are claimed only by the holder of the story-writer lock.
 */
export const WORKER_STAGES = {
  // Images and logos are fetched where pages are: the same network and politeness rules.
  fetch: [JOB.poll, JOB.fetch, JOB.image, JOB.logo],
  translate: [JOB.translate, JOB.translateBody],
  stories: [JOB.cluster, JOB.take],
} as const satisfies Record<string, readonly string[]>;

export type WorkerStage = keyof typeof WORKER_STAGES;

export const ALL_STAGES = Object.keys(WORKER_STAGES) as WorkerStage[];

/** The job kinds only the story writer runs. */
export const STORY_WRITER_KINDS: ReadonlySet<string> = new Set(WORKER_STAGES.stories);

/** Parses a list of stage names (`--stages fetch,translate`); an unknown name is the operator's to fix. */
export function parseStages(names: readonly string[]): WorkerStage[] {
  const out: WorkerStage[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    if (!(name in WORKER_STAGES))
      throw new ConfigError(
        'MERIDIAN_WORKER_STAGES',
        `Unknown worker stage "${name}". Stages: ${ALL_STAGES.join(', ')}.`,
      );
    if (!out.includes(name as WorkerStage)) out.push(name as WorkerStage);
  }
  if (out.length === 0)
    throw new ConfigError('MERIDIAN_WORKER_STAGES', `No worker stage given. Stages: ${ALL_STAGES.join(', ')}.`);
  return out;
}

/** The job kinds of `stages`. */
export function kindsOf(stages: readonly WorkerStage[]): Set<string> {
  return new Set(stages.flatMap((s) => WORKER_STAGES[s]));
}
