import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HttpStatusError } from '../../src/net/errors.ts';
import { HostScheduler } from '../../src/net/politeness.ts';

const url = (host: string) => new URL(`https://${host}/x`);

test('at most N tasks run at once per host, hosts are independent', async () => {
  const scheduler = new HostScheduler({ concurrency: 2, delayMs: 0 });
  const running = new Map<string, number>();
  const peak = new Map<string, number>();
  const task = (host: string) => async () => {
    running.set(host, (running.get(host) ?? 0) + 1);
    peak.set(host, Math.max(peak.get(host) ?? 0, running.get(host)!));
    await new Promise((r) => setTimeout(r, 5));
    running.set(host, running.get(host)! - 1);
  };
  await Promise.all([
    ...Array.from({ length: 6 }, () => scheduler.run(url('a.example'), task('a.example'))),
    ...Array.from({ length: 6 }, () => scheduler.run(url('b.example'), task('b.example'))),
  ]);
  assert.equal(peak.get('a.example'), 2);
  assert.equal(peak.get('b.example'), 2);
});

test('a long pause fails queued tasks at once with the remaining time', async () => {
  const scheduler = new HostScheduler({ concurrency: 1, delayMs: 0, maxPauseWaitMs: 1000 });
  scheduler.pause('slow.example', 60_000, 429);
  let ran = false;
  await assert.rejects(
    scheduler.run(url('slow.example'), async () => {
      ran = true;
    }),
    (err: unknown) => err instanceof HttpStatusError && err.status === 429 && err.retryAfterMs! > 59_000,
  );
  assert.equal(ran, false);
  assert.ok(scheduler.pausedFor('slow.example') > 59_000);
  // Other hosts are not affected.
  assert.equal(await scheduler.run(url('fast.example'), async () => 'ok'), 'ok');
});

test('a delay raised by Crawl-delay never drops below the configured one', () => {
  const scheduler = new HostScheduler({ concurrency: 1, delayMs: 1000 });
  scheduler.setDelay('h.example', 5000);
  assert.equal(scheduler.delayOf('h.example'), 5000);
  scheduler.setDelay('h.example', 10);
  assert.equal(scheduler.delayOf('h.example'), 1000);
});

test('a cancelled wait rejects without running the task', async () => {
  const scheduler = new HostScheduler({ concurrency: 1, delayMs: 0, maxPauseWaitMs: 10_000 });
  scheduler.pause('p.example', 5000, 503);
  const controller = new AbortController();
  let ran = false;
  const pending = scheduler.run(
    url('p.example'),
    async () => {
      ran = true;
    },
    controller.signal,
  );
  controller.abort();
  await assert.rejects(pending);
  assert.equal(ran, false);
});
