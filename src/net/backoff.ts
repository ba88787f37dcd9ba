/**
 * How long to wait before attempt number `attempt` (1 = the first retry) of a failing feed or job:
 * exponential growth from `baseMs`, capped at `maxMs`, with "equal jitter" (a uniform draw between
 * half the exponential value and all of it) so a thousand feeds that failed together do not retry
 * together. A server's Retry-After is a floor: we never come back sooner than it asked, even past
 * `maxMs`. Pure apart from the random draw, which can be injected.
 */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  retryAfterMs?: number;
  /** A number in [0, 1); Math.random by default. */
  random?: () => number;
}

export function backoffMs(attempt: number, options: BackoffOptions): number {
  const { baseMs, maxMs, retryAfterMs } = options;
  const random = options.random ?? Math.random;
  const n = Math.max(1, Math.floor(attempt));
  // 2^(n-1) overflows to Infinity long after the cap applies, so the min() keeps it finite.
  const exponential = Math.min(maxMs, baseMs * 2 ** (n - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  const delay = Math.round(Math.max(0, jittered));
  return retryAfterMs !== undefined && retryAfterMs > delay ? Math.round(retryAfterMs) : delay;
}
