/**
 * The long fuzzing run: the targets of test/fuzz/targets.ts (WARC reader, feed parser, charset
 * decoder, extraction, URL normaliser) with a new seed each run, for a time budget per target.
 * Prints, per target, the runs made, any counterexample (with its seed, to replay in
 * test/fuzz/fuzz.test.ts), the slowest single input and the heap growth, and records them in
 * bench/RESULTS.md. A finding becomes a fixture in the test and a fix in src/.
 *
 *   npx tsx bench/fuzz.ts [seconds per target, default 60] [seed]
 */
import fc from 'fast-check';
import { slowest, TARGETS } from '../test/fuzz/targets.ts';
import { writeResults } from './results.ts';

const seconds = Number(process.argv[2] ?? 60);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
const rows: string[] = [];
let findings = 0;

for (const [name, property] of Object.entries(TARGETS)) {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const details = await fc.check(property as fc.IAsyncProperty<unknown[]>, {
    seed,
    numRuns: Number.MAX_SAFE_INTEGER,
    interruptAfterTimeLimit: seconds * 1000,
    markInterruptAsFailure: false,
  });
  const elapsed = (performance.now() - started) / 1000;
  global.gc?.();
  const growthMb = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const slow = slowest.get(name);
  const found = details.failed
    ? `FOUND: ${String(details.errorInstance ?? '').slice(0, 200)}; counterexample ${JSON.stringify(details.counterexample).slice(0, 300)}`
    : 'none';
  if (details.failed) findings++;
  console.log(
    `${name}: ${details.numRuns} runs in ${elapsed.toFixed(0)} s; slowest input ${slow?.ms.toFixed(1)} ms; heap ${growthMb >= 0 ? '+' : ''}${growthMb.toFixed(1)} MB; finding: ${found}`,
  );
  if (slow && slow.ms > 1000) console.log(`  slowest input: ${slow.input}`);
  rows.push(
    `| ${name} | ${details.numRuns} | ${slow?.ms.toFixed(1) ?? '-'} | ${growthMb.toFixed(1)} | ${found.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`,
  );
}

writeResults(
  'fuzz',
  `Seed ${seed}, ${seconds} s per target (\`npx tsx --expose-gc bench/fuzz.ts ${seconds} ${seed}\`).

| target | runs | slowest input (ms) | heap growth (MB) | finding |
|---|---|---|---|---|
${rows.join('\n')}`,
);
process.exit(findings > 0 ? 1 : 0);
