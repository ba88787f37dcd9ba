import { parseArgs } from 'node:util';
import { logger } from '../../config/log.ts';
import { assemblePipeline } from '../../jobs/assemble.ts';
import { ALL_STAGES, parseStages } from '../../jobs/worker-stages.ts';
import type { Command } from '../command.ts';
import { openRuntime } from '../runtime.ts';
import { untilSignal } from '../signals.ts';

const log = logger('worker');

export const workerCommand: Command = {
  name: 'worker',
  help: `Usage: meridian worker [--stages ${ALL_STAGES.join(',')}]

Runs the pipeline without the web server: polls feeds on their schedule and works through the
job queue. On PostgreSQL (DATABASE_URL) any number of workers on any number of machines share the
queue; pair them with \`meridian serve --no-pipeline\`. SIGTERM stops claiming work, lets running
jobs finish for a grace period and puts the rest back in the queue.

  --stages LIST   work only on these stages (default MERIDIAN_WORKER_STAGES, all of them):
                  fetch (feeds, pages, images, logos), translate, stories (clustering and
                  takes). Whatever the number of workers with "stories", one at a time writes stories
                  (the holder of a PostgreSQL advisory lock); another takes over if it dies.`,
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { stages: { type: 'string' } }, strict: true });
    const config = ctx.config();
    const stages = parseStages(values.stages?.split(',') ?? config.list('MERIDIAN_WORKER_STAGES'));
    const runtime = await openRuntime(config);
    const assembled = await assemblePipeline(runtime.store, config, { stages });
    await assembled.pipeline.start();
    const id = assembled.pipeline.worker.id;
    log.info('worker started', { id, stages, database: runtime.store.location });
    ctx.io.err(`meridian worker ${id} (${stages.join(', ')}) running on ${runtime.store.location}\n`);
    const signal = await untilSignal();
    log.info('worker stopping', { signal });
    await assembled.pipeline.stop(15_000);
    await assembled.close();
    await runtime.close();
    return 0;
  },
};
