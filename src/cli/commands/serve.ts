import cluster, { type Worker as ClusterWorker } from 'node:cluster';
import { parseArgs } from 'node:util';
import type { Config } from '../../config/config.ts';
import { logger } from '../../config/log.ts';
import { createFetcher } from '../../net/fetcher.ts';
import { createApp } from '../../server/app.tsx';
import { buildAssets } from '../../server/assets.ts';
import { readSide, type ServerContext } from '../../server/context.ts';
import { listen } from '../../server/http.ts';
import { ImageSigner } from '../../server/image-url.ts';
import { trustedOrigin } from '../../server/origin.ts';
import { prewarmSqliteCache } from '../../store/prewarm.ts';
import { translatorProvider } from '../../translate/providers/index.ts';
import { type Command, UserError } from '../command.ts';
import { openRuntime, serverSecret } from '../runtime.ts';
import { untilSignal } from '../signals.ts';
import { translatorSupport } from '../translator-support.ts';

const log = logger('serve');

export const serveCommand: Command = {
  name: 'serve',
  help: `Usage: meridian serve [--no-pipeline] [--port N] [--host ADDR]

Starts the HTTP server (HOST:PORT, default 127.0.0.1:3000) and, unless MERIDIAN_PIPELINE=false
or --no-pipeline, the ingestion pipeline. The pipeline runs in the first process and the pages are
served by MERIDIAN_WEB_PROCESSES processes of their own sharing the port (default 1), which the
first one starts and replaces if one dies; without the pipeline and with one web process, all
runs in one. SIGTERM or SIGINT stops everything gracefully: the server finishes its requests,
running jobs get a grace period and anything unfinished is put back in the queue.

  --no-pipeline   serve pages only (run \`meridian worker\` processes for the pipeline)
  --port N        overrides PORT
  --host ADDR     overrides HOST`,
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: { 'no-pipeline': { type: 'boolean' }, port: { type: 'string' }, host: { type: 'string' } },
    });
    let config = ctx.config();
    // A web process of a cluster is told where to listen by its primary (in its environment),
    // which has applied these flags already.
    if (values.port && !cluster.isWorker) config = config.with({ PORT: values.port });
    if (values.host && !cluster.isWorker) config = config.with({ HOST: values.host });
    const runPipeline = !values['no-pipeline'] && config.bool('MERIDIAN_PIPELINE') && !cluster.isWorker;
    const processes = config.int('MERIDIAN_WEB_PROCESSES');
    // Pages are served apart from the pipeline: its memory (the language model alone holds 140 MB
    // of heap) and its bursts of work (parsing pages, clustering) would otherwise slow every
    // garbage collection and request of the server.
    if (cluster.isPrimary && (processes > 1 || runPipeline))
      return supervise(config, processes, runPipeline, ctx.io.err);
    try {
      return await serveWeb(config, ctx.io.err);
    } finally {
      // A web process ends once its channel to the primary is closed, also when it could not start.
      if (cluster.isWorker) cluster.worker?.disconnect();
    }
  },
};

/** One web process: the pages on HOST:PORT (or the port its primary shares), until a signal. */
async function serveWeb(config: Config, err: (t: string) => void): Promise<number> {
  // A web process of a cluster finds the store migrated and the catalog written by its primary.
  const runtime = await openRuntime(config, { syncCatalog: !cluster.isWorker, readOnlyWhenFull: true });
  const assets = await buildAssets();
  // Readers wait on images: the proxy gets its own fetcher without the pipeline's crawl delay
  // (the address guard, size and time caps stay).
  const imageFetcher = createFetcher(config, { hostDelayMs: 0, hostConcurrency: 6 });
  const support = await translatorSupport(config, (m) => err(`${m}\n`));
  const serverContext: ServerContext = {
    store: runtime.store,
    config,
    countries: runtime.countries,
    ...readSide({ store: runtime.store, config, countries: runtime.countries }),
    outlets: runtime.outlets,
    startedAt: new Date(),
    origin: trustedOrigin(config),
    assets,
    images: new ImageSigner(serverSecret(config)),
    translator: translatorProvider(config).name,
    ...(support ? { translatorSupport: support } : {}),
    fetchImage: async (url, signal) => {
      const res = await imageFetcher.fetch(url, { purpose: 'image', signal });
      return { status: res.status, contentType: res.contentType ?? '', body: res.body };
    },
  };
  const app = createApp(serverContext);
  const server = await listen(app, config.string('HOST'), config.int('PORT')).catch((cause: NodeJS.ErrnoException) => {
    throw new UserError(
      `cannot listen on ${config.string('HOST')}:${config.int('PORT')} (${cause.code ?? cause.message}): check HOST and PORT`,
    );
  });
  // Links name the address the server really listens on (PORT=0 picks one) unless configured.
  serverContext.origin = trustedOrigin(config, server.url);
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
    .then(() => serverContext.storyAsides.prewarm({ signal: warmUp.signal }))
    .then(
      (r) =>
        r.stories > 0 && log.info('story asides rendered into the cache', { stories: r.stories, ms: Math.round(r.ms) }),
      (err) => log.warn('rendering story asides into the cache failed', { err }),
    );
  if (!cluster.isWorker) {
    log.info('Meridian is running', { url: server.url, database: runtime.store.location, pipeline: false });
    err(`Meridian is running at ${server.url} (database: ${runtime.store.location})\n`);
  }

  log.info('shutting down', { signal: await untilSignal() });
  warmUp.abort();
  await server.close(10_000);
  await warming;
  await imageFetcher.close();
  await runtime.close();
  log.info('stopped');
  return 0;
}

/**
 * The primary of a multi-process server: writes the catalog, runs the pipeline (if on), starts
 * `processes` web processes on the shared port, replaces one that dies, and on SIGTERM stops them
 * (each finishes its requests) before stopping the pipeline. A web process that dies before it
 * ever listened could not start (its error is on stderr): starting it again would fail the same
 * way, so everything stops and the command fails.
 */
async function supervise(
  config: Config,
  processes: number,
  runPipeline: boolean,
  err: (t: string) => void,
): Promise<number> {
  const runtime = await openRuntime(config, { readOnlyWhenFull: true });
  // Created once here and handed to every web process, so they all sign image URLs alike (also
  // when a full disk kept the key from being saved).
  const secret = serverSecret(config);
  // On a full disk the pipeline could store nothing: the server shows what it has.
  const pipelineOn = runPipeline && !runtime.diskFull;
  // Loaded only here: a web process never holds the pipeline's code and models.
  const assembled = pipelineOn
    ? await (await import('../../jobs/assemble.ts')).assemblePipeline(runtime.store, config)
    : undefined;
  await assembled?.pipeline.start();
  let stopping = false;
  let announced = false;
  let failedStart: (reason: string) => void = () => {};
  const startFailed = new Promise<string>((resolve) => {
    failedStart = resolve;
  });
  // Web processes share the port their primary holds open for them while any of them listens.
  // With PORT=0 that is a free port found by the first; should every web process die, the port is
  // closed, and the next ones are told that port, so the address Meridian announced stays right.
  let listenPort = config.int('PORT');
  let boundPort = listenPort;
  const fork = (): ClusterWorker => {
    if (Object.keys(cluster.workers ?? {}).length === 0) listenPort = boundPort;
    const worker = cluster.fork({ PORT: String(listenPort), HOST: config.string('HOST'), MERIDIAN_SECRET: secret });
    let listened = false;
    worker.once('listening', (address) => {
      listened = true;
      boundPort = address.port;
      if (announced) return;
      announced = true;
      const host = address.address?.includes(':') ? `[${address.address}]` : (address.address ?? config.string('HOST'));
      const url = `http://${host}:${address.port}`;
      log.info('Meridian is running', { url, processes, pipeline: pipelineOn });
      err(
        `Meridian is running at ${url} in ${processes} web process${processes === 1 ? '' : 'es'}${pipelineOn ? ' beside the pipeline' : ''} (database: ${runtime.store.location})\n`,
      );
    });
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      if (!listened) {
        failedStart(`a web process could not start (exit code ${code ?? signal})`);
        return;
      }
      log.error('web process died; starting another', { code, signal });
      fork();
    });
    return worker;
  };
  for (let i = 0; i < processes; i++) fork();
  const stop = await Promise.race([
    untilSignal().then((signal) => ({ signal })),
    startFailed.then((failure) => ({ failure })),
  ]);
  stopping = true;
  if ('failure' in stop) {
    log.error('shutting down', { reason: stop.failure });
    err(`Meridian stopped: ${stop.failure}.\n`);
  } else log.info('shutting down', { signal: stop.signal });
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
  return 'failure' in stop ? 1 : 0;
}
