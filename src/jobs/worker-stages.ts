import { ConfigError } from '../config/setting.ts';
import type { JobKind } from './kinds.ts';
import { JOB_KINDS, STAGE_TABLE } from './stages-table.ts';

/**
 * What an operator can dedicate a worker to. Which job kinds each stage runs is the stage
 * table's `stage` column. `stories` is the cluster's one story writer: its kinds are claimed only
 * by the holder of the story-writer lock.
 */
export const ALL_STAGES = ['fetch', 'translate', 'stories'] as const;

export type WorkerStage = (typeof ALL_STAGES)[number];

/** The job kinds each stage runs, in the table's order. */
export const WORKER_STAGES: Readonly<Record<WorkerStage, readonly JobKind[]>> = Object.fromEntries(
  ALL_STAGES.map((stage) => [stage, JOB_KINDS.filter((kind) => STAGE_TABLE[kind].stage === stage)]),
) as Record<WorkerStage, JobKind[]>;

/** The job kinds only the story writer runs. */
export const STORY_WRITER_KINDS: ReadonlySet<string> = new Set(WORKER_STAGES.stories);

/** Parses a list of stage names (`--stages fetch,translate`); an unknown name is the operator's to fix. */
export function parseStages(names: readonly string[]): WorkerStage[] {
  const out: WorkerStage[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    if (!(ALL_STAGES as readonly string[]).includes(name))
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
