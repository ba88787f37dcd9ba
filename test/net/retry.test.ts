import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HttpStatusError } from '../../src/net/errors.ts';
import {
  isPermanent,
  parseRetryAfter,
  type RetryVerdict,
  retryAfterWait,
  transientStatus,
  withRetry,
} from '../../src/net/retry.ts';

test('Retry-After: seconds (fractions too), HTTP dates, nothing for what cannot be read', () => {
  assert.equal(parseRetryAfter('2.5'), 2500);
  assert.equal(parseRetryAfter(' 7 '), 7000);
  assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('2015-10-21T07:28:00Z')), 30_000);
  assert.equal(parseRetryAfter('-5'), undefined);
  assert.equal(parseRetryAfter(''), undefined);
  assert.equal(parseRetryAfter(null), undefined);
});

test('a Retry-After wait has a default and a cap', () => {
  const limits = { defaultMs: 1000, maxMs: 300_000 };
  assert.equal(retryAfterWait(undefined, limits), 1000);
  assert.equal(retryAfterWait('soon', limits), 1000);
  assert.equal(retryAfterWait('30', limits), 30_000);
  assert.equal(retryAfterWait('86400', limits), 300_000);
});

test('transient statuses: timeouts, too early, rate limits and server errors', () => {
  assert.deepEqual([408, 425, 429, 500, 503, 400, 401, 403, 404, 410].map(transientStatus), [
    true,
    true,
    true,
    true,
    true,
    false,
    false,
    false,
    false,
    false,
  ]);
  assert.equal(new HttpStatusError('https://x.example/', 503).retryable, true);
  assert.equal(new HttpStatusError('https://x.example/', 404).retryable, false);
});

test('permanent fetch errors: gone, refused by robots or the address guard', () => {
  assert.equal(isPermanent(new HttpStatusError('https://x.example/', 410)), true);
  assert.equal(isPermanent(Object.assign(new Error('no'), { name: 'RobotsDisallowedError' })), true);
  assert.equal(isPermanent(new HttpStatusError('https://x.example/', 503)), false);
});

/** A call that fails with `errors` in turn, then answers 'ok'; counts its calls. */
function failing(errors: unknown[]) {
  const calls = { n: 0 };
  return {
    calls,
    fn: async () => {
      const err = errors[calls.n++];
      if (err !== undefined) throw err;
      return 'ok';
    },
  };
}

const verdictOf = (err: unknown): RetryVerdict => err as RetryVerdict;

test('withRetry waits as the server asked, backs off otherwise, and stops at a permanent error', async () => {
  const waits: number[] = [];
  const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000, sleep: async (ms: number) => void waits.push(ms) };
  const asked = failing([{ retry: true, retryAfterMs: 250 }, { retry: true }]);
  assert.equal(await withRetry(asked.fn, policy, verdictOf), 'ok');
  assert.equal(asked.calls.n, 3);
  assert.equal(waits[0], 250, 'the wait the server asked for');
  assert.ok((waits[1] as number) >= 100 && (waits[1] as number) <= 200, `second backoff ${waits[1]}`);

  const permanent = failing([{ retry: false }]);
  await assert.rejects(withRetry(permanent.fn, policy, verdictOf), (err) => (err as RetryVerdict).retry === false);
  assert.equal(permanent.calls.n, 1, 'no second call');

  const tooLong = failing([{ retry: true, retryAfterMs: 5000 }]);
  await assert.rejects(withRetry(tooLong.fn, policy, verdictOf));
  assert.equal(tooLong.calls.n, 1, 'a wait past the policy is left to the job queue');

  const down = failing(Array.from({ length: 10 }, () => ({ retry: true })));
  await assert.rejects(withRetry(down.fn, policy, verdictOf));
  assert.equal(down.calls.n, 4, 'the attempts, then the error goes up');
});
