import { Worker } from 'node:worker_threads';
import type { ExtractFileOptions, ExtractRecord } from './extract.ts';

/**
 * Extracts files on `jobs` worker threads and hands the records back in the order of `files`.
 * Each worker loads the TypeScript sources through tsx, as bin/meridian does for the main thread.
 * A worker that dies turns its pending file into an error record; the others carry on.
 */
export async function extractInParallel(
  files: string[],
  options: ExtractFileOptions,
  jobs: number,
  emit: (record: ExtractRecord) => void,
): Promise<void> {
  const done = new Map<number, ExtractRecord>();
  let nextToEmit = 0;
  let nextToSend = 0;
  const flush = () => {
    while (done.has(nextToEmit)) {
      emit(done.get(nextToEmit)!);
      done.delete(nextToEmit++);
    }
  };
  const runWorker = () =>
    new Promise<void>((resolve) => {
      const worker = startWorker();
      let current = -1;
      const sendNext = () => {
        if (nextToSend >= files.length) {
          void worker.terminate().then(() => resolve());
          return;
        }
        current = nextToSend++;
        worker.postMessage({ index: current, file: files[current], options });
      };
      worker.on('message', ({ index, record }: { index: number; record: ExtractRecord }) => {
        done.set(index, record);
        flush();
        sendNext();
      });
      worker.on('error', (err) => {
        if (current >= 0 && !done.has(current)) {
          done.set(current, {
            file: files[current]!,
            url: options.url ?? null,
            error: `worker failed: ${err.message}`,
          });
          flush();
        }
        resolve(runWorker());
      });
      sendNext();
    });
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, files.length)) }, runWorker));
  flush();
}

function startWorker(): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./extract-worker.ts', import.meta.url).href;
  const source = `import { register } from ${JSON.stringify(tsx)}; register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`));
}
