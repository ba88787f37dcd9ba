import { parseArgs } from 'node:util';
import { assemblePipeline } from '../../jobs/assemble.ts';
import type { Command } from '../command.ts';
import { UserError } from '../command.ts';
import { Progress } from '../progress.ts';
import { openRuntime } from '../runtime.ts';
import { untilSignal } from '../signals.ts';

export const ingestCommand: Command = {
  name: 'ingest',
  help: `Usage: meridian ingest [--once] [--country XX] [--outlet ID]

Polls the catalog's feeds and runs the pipeline (fetch, extract, translate, cluster, takes).
Without --once it keeps polling on the adaptive schedule until SIGTERM or Ctrl-C.

  --once         poll every selected feed once, finish the work it caused, and exit
  --country XX   only the outlets of one country (ISO 3166-1 alpha-2)
  --outlet ID    only one outlet (see \`meridian sources list\`)`,
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: { once: { type: 'boolean' }, country: { type: 'string' }, outlet: { type: 'string' } },
    });
    if (values.country && !/^[A-Za-z]{2}$/.test(values.country))
      throw new UserError('--country takes an ISO code such as TW');
    const config = ctx.config();
    const runtime = await openRuntime(config);
    if (values.outlet && !runtime.outlets.some((o) => o.id === values.outlet)) {
      await runtime.close();
      throw new UserError(`no outlet "${values.outlet}" in the catalog (see meridian sources list)`);
    }
    const filter = {
      ...(values.country ? { country: values.country.toUpperCase() } : {}),
      ...(values.outlet ? { outletId: values.outlet } : {}),
    };
    const assembled = await assemblePipeline(runtime.store, config, {
      filter,
      ...(values.once ? { takeDelayMs: 0 } : {}),
    });
    try {
      if (values.once) {
        const feeds = (await runtime.store.feeds.list(filter)).filter((f) => !f.disabled).length;
        const progress = new Progress(ctx.io, 'ingest', feeds);
        let peak = 0;
        await assembled.pipeline.runOnce((pending) => {
          peak = Math.max(peak, pending);
          progress.setTotal(peak);
          progress.update(peak - pending, `${pending} jobs left`);
        });
        const counts = await runtime.store.articles.countByState();
        progress.finish(`ingest: done. Articles by state: ${JSON.stringify(counts)}`);
      } else {
        await assembled.pipeline.start();
        ctx.io.err('ingest: polling; stop with Ctrl-C\n');
        await untilSignal();
      }
    } finally {
      await assembled.close();
      await runtime.close();
    }
    return 0;
  },
};
