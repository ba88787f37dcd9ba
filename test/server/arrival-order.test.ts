import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Hono } from 'hono';
import { arrivalOrder, TurnQueue } from '../../src/server/arrival-order.ts';

/** Resolves after the immediates queued before it, i.e. at the end of the current check phase. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('arrival order', () => {
  test('turns are given in the order asked for, at most perTurn in each turn of the event loop', async () => {
    const queue = new TurnQueue(3);
    const started: number[] = [];
    const all: Array<Promise<number>> = [1, 2, 3, 4, 5, 6, 7].map((n) => queue.turn().then(() => started.push(n)));
    assert.equal(started.length, 0, 'nobody starts before the loop has had a turn');
    await nextTurn();
    assert.deepEqual(started, [1, 2, 3]);
    // One who comes now waits behind the four still queued.
    all.push(queue.turn().then(() => started.push(8)));
    await nextTurn();
    assert.deepEqual(started, [1, 2, 3, 4, 5, 6]);
    await nextTurn();
    assert.deepEqual(started, [1, 2, 3, 4, 5, 6, 7, 8]);
    await Promise.all(all);
    assert.equal(queue.length, 0);
  });

  test('a long queue keeps its order while it is compacted, and empties', async () => {
    const queue = new TurnQueue(100);
    const started: number[] = [];
    const all = Array.from({ length: 2500 }, (_, n) => queue.turn().then(() => started.push(n)));
    await Promise.all(all);
    assert.equal(started.length, 2500);
    assert.ok(
      started.every((n, i) => n === i),
      'first come, first served',
    );
    assert.equal(queue.length, 0);
  });

  test('a queue that empties starts again with the next caller', async () => {
    const queue = new TurnQueue(2);
    await queue.turn();
    const started: string[] = [];
    await Promise.all([queue.turn().then(() => started.push('a')), queue.turn().then(() => started.push('b'))]);
    assert.deepEqual(started, ['a', 'b']);
  });

  test('as middleware: requests reach their handlers in arrival order, perTurn per turn, and all are answered', async () => {
    const app = new Hono();
    app.use('*', arrivalOrder(4));
    let turn = 0;
    let ticking = true;
    const tick = () => {
      turn++;
      if (ticking) setImmediate(tick);
    };
    const seen: Array<[number, number]> = [];
    app.get('/n/:n', (c) => {
      seen.push([Number(c.req.param('n')), turn]);
      return c.text(c.req.param('n'));
    });
    setImmediate(tick);
    const bodies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => Promise.resolve(app.request(`/n/${i}`)).then((r) => r.text())),
    );
    ticking = false;
    assert.deepEqual(
      bodies,
      Array.from({ length: 10 }, (_, i) => String(i)),
    );
    assert.deepEqual(
      seen.map(([n]) => n),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      'handlers run in the order the requests came',
    );
    const turns = seen.map(([, t]) => t);
    assert.equal(new Set(turns.slice(0, 4)).size, 1, 'the first four share a turn');
    assert.equal(new Set(turns.slice(4, 8)).size, 1, 'the next four share the next');
    assert.ok(turns[0]! < turns[4]! && turns[4]! < turns[8]!, `three turns in all: ${turns.join(',')}`);
  });
});
