/**
 * The one generated place for benchmark figures: `bench/RESULTS.md`. Each benchmark owns one
 * section, delimited by `<!-- name:start -->` and `<!-- name:end -->`, and replaces it whole on
 * every run, so the file always holds the latest run of each benchmark and nobody edits figures by
 * hand. A section records when and where it was measured beside the figures.
 *
 *   import { writeResults } from './results.ts';
 *   writeResults('feeds-parse', markdownTable);
 *
 * `npx tsx bench/results.ts <bench file> [args…]` runs any benchmark and records its printed
 * output as its section, for benchmarks that only print.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS_PATH = join(dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');

const HEADER = `# Benchmark results

Generated: each section is replaced by the benchmark that owns it (\`bench/results.ts\`). Do not edit
by hand; run the command a section names to refresh it. Timings come from a shared 2-core machine
and are upper bounds.
`;

function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** Replaces (or appends) the section `name` of `text` with `body`. Pure, for tests and reuse. */
export function replaceSection(text: string, name: string, body: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`section name must be kebab-case: ${name}`);
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from >= 0 && to > from) return text.slice(0, from) + block + text.slice(to + end.length);
  return `${text.trimEnd()}\n\n${block}\n`;
}

/** Writes `markdown` as the section `name`, headed by the command, date and machine. */
export function writeResults(name: string, markdown: string, command = commandLine()): void {
  const body = `## ${name}\n\n\`${command}\` — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${machine()}\n\n${markdown.trim()}`;
  const before = existsSync(RESULTS_PATH) ? readFileSync(RESULTS_PATH, 'utf8') : HEADER;
  const tmp = `${RESULTS_PATH}.tmp`;
  writeFileSync(tmp, `${replaceSection(before, name, body).trimEnd()}\n`);
  renameSync(tmp, RESULTS_PATH); // atomic: two benchmarks finishing together never interleave
}

function commandLine(): string {
  const script = process.argv[1] ? `bench/${basename(process.argv[1])}` : 'bench';
  return ['npx tsx', script, ...process.argv.slice(2)].join(' ');
}

/** Runs a benchmark that only prints, passes its output through, and records it as its section. */
async function record(file: string, args: string[]): Promise<number> {
  // --expose-gc: benches that report memory after a full collection (stories-scale) can make one;
  // without it they would report whatever happened to be on the heap.
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', file, ...args], {
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    out += chunk.toString('utf8');
  });
  const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  if (code === 0)
    writeResults(
      basename(file).replace(/\.tsx?$/, ''),
      `\`\`\`\n${out.trim()}\n\`\`\``,
      ['npx tsx bench/results.ts', file, ...args].join(' '),
    );
  return code;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, ...args] = process.argv.slice(2);
  if (!file) {
    console.error('usage: npx tsx bench/results.ts <bench/file.ts> [args…]');
    process.exit(2);
  }
  process.exitCode = await record(file, args);
}
