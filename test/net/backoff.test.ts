import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffMs } from '../../src/net/backoff.ts';

const low = () => 0;
const high = () => 0.999999;

test('grows exponentially between half and all of base·2^(n-1)', () => {
  assert.equal(backoffMs(1, { baseMs: 1000, maxMs: 1e9, random: low }), 500);
  assert.equal(backoffMs(1, { baseMs: 1000, maxMs: 1e9, random: high }), 1000);
  assert.equal(backoffMs(4, { baseMs: 1000, maxMs: 1e9, random: low }), 4000);
  assert.equal(backoffMs(4, { baseMs: 1000, maxMs: 1e9, random: high }), 8000);
});

test('is capped at maxMs, even for huge attempt numbers', () => {
  assert.equal(backoffMs(30, { baseMs: 1000, maxMs: 60_000, random: high }), 60_000);
  assert.equal(backoffMs(5000, { baseMs: 1000, maxMs: 60_000, random: low }), 30_000);
  assert.ok(Number.isFinite(backoffMs(1e6, { baseMs: 1000, maxMs: 60_000 })));
});

test('jitter spreads retries that failed together', () => {
  const delays = new Set(Array.from({ length: 50 }, () => backoffMs(5, { baseMs: 1000, maxMs: 1e9 })));
  assert.ok(delays.size > 10);
  for (const d of delays) assert.ok(d >= 8000 && d <= 16_000, String(d));
});

test("never sooner than the server's Retry-After, which may exceed the cap", () => {
  assert.equal(backoffMs(1, { baseMs: 1000, maxMs: 60_000, retryAfterMs: 120_000, random: low }), 120_000);
  assert.equal(backoffMs(6, { baseMs: 1000, maxMs: 60_000, retryAfterMs: 10, random: high }), 32_000);
});

test('attempts below 1 count as the first', () => {
  assert.equal(backoffMs(0, { baseMs: 200, maxMs: 1000, random: high }), 200);
  assert.equal(backoffMs(-3, { baseMs: 200, maxMs: 1000, random: low }), 100);
});
