// A process that assembles the pipeline of a worker with the stages given as its argument (on a
// SQLite store in a temporary folder) and prints, as JSON, the heap it then holds after a full
// collection and whether it can detect a language. Run with --expose-gc.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../src/config/all-settings.ts';
import { Config } from '../../src/config/config.ts';
import { assemblePipeline } from '../../src/jobs/assemble.ts';
import { parseStages } from '../../src/jobs/worker-stages.ts';
import { Store } from '../../src/store/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'meridian-heap-'));
const config = Config.fromEnv({ MERIDIAN_DATA_DIR: dir, MERIDIAN_TRANSLATOR: 'none', LOG_LEVEL: 'silent' });
const store = await Store.fromConfig(config);
const assembled = await assemblePipeline(store, config, { stages: parseStages((process.argv[2] ?? '').split(',')) });
(globalThis as { gc?: () => void }).gc?.();
const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
await assembled.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ heapMb })}\n`);
