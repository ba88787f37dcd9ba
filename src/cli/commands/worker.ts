import { logger } from '../../config/log.ts';
import { assemblePipeline } from '../../jobs/assemble.ts';
import type { Command } from '../command.ts';
import { openRuntime } from '../runtime.ts';
import { untilSignal } from '../signals.ts';

const log = logger('worker');

export const workerCommand: Command = {
  name: 'worker',
  help: `Usage: meridian worker

Runs the pipeline without the web server: polls feeds on their schedule and works through the
job queue. On PostgreSQL (DATABASE_URL) any number of workers on any number of machines share the
queue; pair them with \`meridian serve --no-pipeline\`. SIGTERM stops claiming work, lets running
jobs finish for a grace period and puts the rest back in the queue.`,
  async run(_args, ctx) {
    const config = ctx.config();
    const runtime = await openRuntime(config);
    const assembled = await assemblePipeline(runtime.store, config);
    await assembled.pipeline.start();
    log.info('worker started', { id: assembled.pipeline.worker.id, database: runtime.store.location });
    ctx.io.err(`meridian worker ${assembled.pipeline.worker.id} running on ${runtime.store.location}\n`);
    const signal = await untilSignal();
    log.info('worker stopping', { signal });
    await assembled.pipeline.stop(15_000);
    await assembled.close();
    await runtime.close();
    return 0;
  },
};
