import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../..');

/** The heap (MB, after a full collection) of a process that assembled a worker of `stages`. */
async function heapOf(stages: string): Promise<number> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'test/helpers/assemble-heap-child.ts', stages],
    { cwd: ROOT, timeout: 120_000 },
  );
  return (JSON.parse(stdout.trim().split('\n').pop() as string) as { heapMb: number }).heapMb;
}

// The language model (eld's large database) alone holds about 140 MB of heap; everything else a
// worker loads, about 30 MB. The bound sits between the two, far from both.
test('a worker without the fetch stage does not load the language model', async () => {
  const heap = await heapOf('translate,stories');
  assert.ok(heap < 90, `translate,stories worker holds ${heap.toFixed(0)} MB of heap`);
});

test('a worker with the fetch stage loads it', async () => {
  const heap = await heapOf('fetch');
  assert.ok(heap > 120, `fetch worker holds ${heap.toFixed(0)} MB of heap`);
});
