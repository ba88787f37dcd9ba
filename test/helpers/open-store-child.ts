// A process that opens stores when told to: it says "ready" once its modules are loaded, then
// opens (and closes) the store of each data folder written to its stdin, one per line, answering
// each with a line. Several copies told at once migrate one fresh store at the same instant.
import { createInterface } from 'node:readline';
import { Store } from '../../src/store/store.ts';

process.stdout.write('ready\n');
for await (const dataDir of createInterface({ input: process.stdin })) {
  try {
    const store = await Store.open({ dataDir });
    await store.close();
    process.stdout.write('opened\n');
  } catch (err) {
    process.stdout.write(`failed: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}
