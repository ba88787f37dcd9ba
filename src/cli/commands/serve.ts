import { parseArgs } from 'node:util';
import { logger } from '../../config/log.ts';
import { assemblePipeline } from '../../jobs/assemble.ts';
import { createFetcher } from '../../net/fetcher.ts';
import { createApp } from '../../server/app.tsx';
import { buildAssets } from '../../server/assets.ts';
import { listen } from '../../server/http.ts';
import { ImageSigner } from '../../server/image-url.ts';
import type { Command } from '../command.ts';
import { openRuntime, serverSecret } from '../runtime.ts';
import { untilSignal } from '../signals.ts';

const log = logger('serve');

export const serveCommand: Command = {
  name: 'serve',
  help: `Usage: meridian serve [--no-pipeline] [--port N] [--host ADDR]

Starts the HTTP server (HOST:PORT, default 127.0.0.1:3000) and, unless MERIDIAN_PIPELINE=false
or --no-pipeline, the ingestion pipeline in the same process. SIGTERM or SIGINT stops both
gracefully: the server finishes its requests, running jobs get a grace period and anything
unfinished is put back in the queue.

  --no-pipeline   serve pages only (run \`meridian worker\` processes for the pipeline)
  --port N        overrides PORT
  --host ADDR     overrides HOST`,
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: { 'no-pipeline': { type: 'boolean' }, port: { type: 'string' }, host: { type: 'string' } },
    });
    let config = ctx.config();
    if (values.port) config = config.with({ PORT: values.port });
    if (values.host) config = config.with({ HOST: values.host });
    const runtime = await openRuntime(config);
    const assembled = await assemblePipeline(runtime.store, config);
    const runPipeline = !values['no-pipeline'] && config.bool('MERIDIAN_PIPELINE');
    const assets = await buildAssets();
    // Readers wait on images: the proxy gets its own fetcher without the pipeline's crawl delay
    // (the address guard, size and time caps stay).
    const imageFetcher = createFetcher(config, { hostDelayMs: 0, hostConcurrency: 6 });
    const app = createApp({
      store: runtime.store,
      config,
      countries: runtime.countries,
      outlets: runtime.outlets,
      startedAt: new Date(),
      assets,
      images: new ImageSigner(serverSecret(config)),
      translator: assembled.translator.passthrough ? 'none' : assembled.translator.name,
      fetchImage: async (url, signal) => {
        const res = await imageFetcher.fetch(url, { purpose: 'image', signal });
        return { status: res.status, contentType: res.contentType ?? '', body: res.body };
      },
    });
    const server = await listen(app, config.string('HOST'), config.int('PORT'));
    const pipeline = runPipeline ? assembled.pipeline : undefined;
    await pipeline?.start();
    log.info('Meridian is running', { url: server.url, database: runtime.store.location, pipeline: Boolean(pipeline) });
    ctx.io.err(
      `Meridian is running at ${server.url}${pipeline ? ' with the pipeline' : ''} (database: ${runtime.store.location})\n`,
    );

    log.info('shutting down', { signal: await untilSignal() });
    await server.close(10_000);
    await pipeline?.stop(15_000);
    await assembled.close();
    await imageFetcher.close();
    await runtime.close();
    log.info('stopped');
    return 0;
  },
};
