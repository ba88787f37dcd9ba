import cluster, { type Worker as ClusterWorker } from 'node:cluster';
import { parseArgs } from 'node:util';
import type { Config } from '../../config/config.ts';
import { logger } from '../../config/log.ts';
import { assemblePipeline } from '../../jobs/assemble.ts';
import { createFetcher } from '../../net/fetcher.ts';
import { createApp } from '../../server/app.tsx';
import { buildAssets } from '../../server/assets.ts';
import type { ServerContext } from '../../server/context.ts';
import { listen } from '../../server/http.ts';
import { ImageSigner } from '../../server/image-url.ts';
import { prewarmStoryAsides } from '../../server/routes/story-context.tsx';
import { prewarmSqliteCache } from '../../store/prewarm.ts';
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

With MERIDIAN_WEB_PROCESSES=N (N > 1) the pages are served by N processes sharing the port, and
the first process only runs the pipeline and supervises them.

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
    const runPipeline = !values['no-pipeline'] && config.bool('MERIDIAN_PIPELINE') && !cluster.isWorker;
    const processes = config.int('MERIDIAN_WEB_PROCESSES');
    if (processes > 1 && cluster.isPrimary) return supervise(config, processes, runPipeline, ctx.io.err);
    // A web process of a cluster finds the store migrated and the catalog written by its primary.
    const runtime = await openRuntime(config, { syncCatalog: !cluster.isWorker });
    const assembled = await assemblePipeline(runtime.store, config);
    const assets = await buildAssets();
    // Readers wait on images: the proxy gets its own fetcher without the pipeline's crawl delay
    // (the address guard, size and time caps stay).
    const imageFetcher = createFetcher(config, { hostDelayMs: 0, hostConcurrency: 6 });
    const serverContext: ServerContext = {
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
    };
    const app = createApp(serverContext);
    const server = await listen(app, config.string('HOST'), config.int('PORT'));
    const warmUp = new AbortController();
    const warming = prewarmSqliteCache(runtime.store, {
      cacheMb: config.int('MERIDIAN_SQLITE_CACHE_MB'),
      signal: warmUp.signal,
    })
      .then(
        (r) =>
          r.articles > 0 &&
          log.info('database pages read into the cache', { articles: r.articles, ms: Math.round(r.ms) }),
        (err) => log.warn('reading database pages into the cache failed', { err }),
      )
      // Then the story part of article pages, which reads the pages just warmed.
      .then(() => prewarmStoryAsides(serverContext, { signal: warmUp.signal }))
      .then(
        (r) =>
          r.stories > 0 &&
          log.info('story asides rendered into the cache', { stories: r.stories, ms: Math.round(r.ms) }),
        (err) => log.warn('rendering story asides into the cache failed', { err }),
      );
    const pipeline = runPipeline ? assembled.pipeline : undefined;
    await pipeline?.start();
    if (!cluster.isWorker) {
      log.info('Meridian is running', {
        url: server.url,
        database: runtime.store.location,
        pipeline: Boolean(pipeline),
      });
      ctx.io.err(
        `Meridian is running at ${server.url}${pipeline ? ' with the pipeline' : ''} (database: ${runtime.store.location})\n`,
      );
    }

    log.info('shutting down', { signal: await untilSignal() });
    warmUp.abort();
    await server.close(10_000);
    await warming;
    await pipeline?.stop(15_000);
    await assembled.close();
    await imageFetcher.close();
    await runtime.close();
    log.info('stopped');
    // A web process ends once its channel to the primary is closed.
    if (cluster.isWorker) cluster.worker?.disconnect();
    return 0;
  },
};

/**
 * The primary of a multi-process server: writes the catalog, runs the pipeline (if on), starts
 * `processes` web processes on the shared port, replaces one that dies, and on SIGTERM stops them
 * (each finishes its requests) before stopping the pipeline.
 */
async function supervise(
  config: Config,
  processes: number,
  runPipeline: boolean,
  err: (t: string) => void,
): Promise<number> {
  const runtime = await openRuntime(config);
  serverSecret(config); // created once here, so every web process signs image URLs alike
  const assembled = runPipeline ? await assemblePipeline(runtime.store, config) : undefined;
  await assembled?.pipeline.start();
  let stopping = false;
  let announced = false;
  const fork = (): ClusterWorker => {
    const worker = cluster.fork();
    worker.once('listening', (address) => {
      if (announced) return;
      announced = true;
      const host = address.address?.includes(':') ? `[${address.address}]` : (address.address ?? config.string('HOST'));
      const url = `http://${host}:${address.port}`;
      log.info('Meridian is running', { url, processes, pipeline: runPipeline });
      err(
        `Meridian is running at ${url} in ${processes} processes${runPipeline ? ' with the pipeline' : ''} (database: ${runtime.store.location})\n`,
      );
    });
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      log.error('web process died; starting another', { code, signal });
      fork();
    });
    return worker;
  };
  for (let i = 0; i < processes; i++) fork();
  log.info('shutting down', { signal: await untilSignal() });
  stopping = true;
  const workers = Object.values(cluster.workers ?? {}).filter((w): w is ClusterWorker => Boolean(w));
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => w.process.kill('SIGKILL'), 15_000);
          w.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          w.process.kill('SIGTERM');
        }),
    ),
  );
  await assembled?.pipeline.stop(15_000);
  await assembled?.close();
  await runtime.close();
  log.info('stopped');
  return 0;
}
