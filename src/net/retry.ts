import { backoffMs } from './backoff.ts';

/**
 * Meridian's one retry policy for calls to other services: feeds and pages (the fetcher), every
 * translation provider, the LLM take and embeddings. It answers three questions the same way
 * everywhere: how long a server asked us to wait (`parseRetryAfter`, `retryAfterWait`), how long
 * to back off when it did not say (`backoffMs`: exponential with jitter), and which answers are
 * worth asking again (`transientStatus`). `withRetry` is the one loop that retries in process;
 * a wait longer than its policy allows is left to the job queue, which keeps the work for later.
 */

/** Retry-After (RFC 9110 §10.2.3) as milliseconds from `now`: delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  // Fractional seconds are not in the RFC, but some APIs send them; read them rather than guess.
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date names its day and month; Date.parse alone would read "-5" as a year.
  const date = /[a-z]{3}/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long to wait on a Retry-After header: what it asked, `defaultMs` when it is absent or
 * unreadable, and never more than `maxMs`.
 */
export function retryAfterWait(
  value: string | null | undefined,
  limits: { defaultMs: number; maxMs: number },
  now = Date.now(),
): number {
  return Math.min(parseRetryAfter(value, now) ?? limits.defaultMs, limits.maxMs);
}

/**
 * Whether an HTTP status is worth asking again later: a timeout, too early, rate limiting or a
 * server error. Everything else (4xx) will not change by asking again.
 */
export function transientStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/**
 * Fetch errors that will not get better by asking the same URL again, so the job gives up at once
 * (robots, blocked address, too large, an address or redirect that is not http(s), 404/410/451).
 * Read by name and status rather than class, as the pipeline's stages may be stand-ins. Other
 * failures are retried with the job queue's backoff until its attempts are used up.
 */
export function isPermanent(err: unknown): boolean {
  const name = (err as { name?: string })?.name ?? '';
  const status = (err as { status?: number })?.status;
  return (
    name === 'RobotsDisallowedError' ||
    name === 'BlockedAddressError' ||
    name === 'TooLargeError' ||
    name === 'InvalidUrlError' ||
    status === 404 ||
    status === 410 ||
    status === 451
  );
}

/** What a failed call's error means for the retry loop. */
export type RetryVerdict =
  /** Will not get better by asking again: the error goes to the caller at once. */
  | { retry: false }
  /** May pass: wait as the server asked (`retryAfterMs`) or back off. */
  | { retry: true; retryAfterMs?: number };

export interface RetryPolicy {
  /** Tries in all, the first one included. */
  attempts: number;
  baseDelayMs: number;
  /**
   * Longest backoff, and the longest wait a server may ask for: a longer Retry-After ends the
   * loop, the caller's job queue waits instead of a held worker slot.
   */
  maxDelayMs: number;
  /** Injected by tests to observe the waits without spending them. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Runs `fn` until it succeeds, `classify` calls its error permanent, the attempts are used up or
 * the server asks for a wait longer than the policy's `maxDelayMs`; then the last error goes up.
 * `onRetry` hears of each wait (for logs).
 */
export async function withRetry<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy,
  classify: (err: unknown) => RetryVerdict,
  options: { signal?: AbortSignal; onRetry?: (err: unknown, attempt: number, waitMs: number) => void } = {},
): Promise<T> {
  const sleep = policy.sleep ?? sleepFor;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (options.signal?.aborted || attempt >= policy.attempts) throw err;
      const wait = retryWait(classify(err), attempt, policy);
      if (wait === undefined) throw err;
      options.onRetry?.(err, attempt, wait);
      await sleep(wait, options.signal);
    }
  }
}

/** The wait before retry number `attempt`, or undefined when the verdict or the policy says stop. */
export function retryWait(verdict: RetryVerdict, attempt: number, policy: RetryPolicy): number | undefined {
  if (!verdict.retry) return undefined;
  if (verdict.retryAfterMs !== undefined)
    return verdict.retryAfterMs > policy.maxDelayMs ? undefined : verdict.retryAfterMs;
  return backoffMs(attempt, { baseMs: policy.baseDelayMs, maxMs: policy.maxDelayMs });
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
