import { parentPort } from 'node:worker_threads';
import { type ExtractFileOptions, extractFile } from './extract.ts';

/** One worker of `meridian extract --jobs N`: extracts the files it is sent, one at a time. */
parentPort?.on('message', (job: { index: number; file: string; options: ExtractFileOptions }) => {
  parentPort?.postMessage({ index: job.index, record: extractFile(job.file, job.options) });
});
