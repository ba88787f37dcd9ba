/**
 * Extraction throughput through the same path as `meridian extract` (read, gunzip, decode the
 * charset, extract, serialise the JSON line), in one process, one page after another.
 *
 *   npx tsx bench/extract-throughput.ts [FOLDER] [--rounds N]
 *
 * FOLDER defaults to ../shared/data/trafilatura-eval/html. Prints pages/s and MB/s (of decoded
 * HTML) by the wall clock and per CPU-second of this process (the machine is shared: the CPU figure
 * is the one that does not depend on other load), plus the slowest pages. The first 20 pages are
 * extracted once untimed to warm up the JIT.
 */
import { statSync } from 'node:fs';
import { expandPaths, extractFile, readPageBytes } from '../src/cli/commands/extract.ts';

const args = process.argv.slice(2);
const roundsIndex = args.indexOf('--rounds');
const rounds = roundsIndex >= 0 ? Math.max(1, Number(args.splice(roundsIndex, 2)[1])) : 1;
const folder = args[0] ?? '../shared/data/trafilatura-eval/html';
if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
  console.error(`${folder}: not a folder of pages`);
  process.exit(2);
}
const files = expandPaths([folder]);
const bytes = files.reduce((sum, f) => sum + readPageBytes(f).byteLength, 0);

for (const file of files.slice(0, 20)) extractFile(file);

const slowest: { file: string; ms: number }[] = [];
let articles = 0;
const started = performance.now();
const cpuStart = process.cpuUsage();
for (let round = 0; round < rounds; round++) {
  for (const file of files) {
    const t0 = performance.now();
    const record = extractFile(file);
    JSON.stringify(record);
    const ms = performance.now() - t0;
    if (!record.error) articles++;
    if (round === 0) slowest.push({ file, ms });
  }
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
// CPU time of this process: the figure that does not depend on what else the machine is running.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const pages = files.length * rounds;
console.log(
  `${files.length} files (${(bytes / 1e6).toFixed(1)} MB of HTML) x ${rounds} round(s) in ${seconds.toFixed(1)} s`,
);
console.log(`  ${(pages / seconds).toFixed(1)} pages/s, ${((bytes * rounds) / 1e6 / seconds).toFixed(2)} MB/s`);
console.log(
  `  ${(pages / cpuSeconds).toFixed(1)} pages per CPU-second, ${((bytes * rounds) / 1e6 / cpuSeconds).toFixed(2)} MB per CPU-second (${cpuSeconds.toFixed(1)} s of CPU)`,
);
console.log(`  ${articles} of ${pages} with an article`);
slowest.sort((a, b) => b.ms - a.ms);
for (const { file, ms } of slowest.slice(0, 5)) console.log(`  slowest: ${ms.toFixed(0)} ms ${file}`);
