import { ProviderUnavailableError, RateLimitedError } from './errors.ts';

/**
 * Retrying a provider call: a rate limit waits as long as the provider asked (Retry-After), an
 * outage backs off exponentially with jitter; after the last attempt the error goes to the caller,
 * whose job queue keeps the article for later. Other errors are not retried: they will not fix
 * themselves.
 */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected by tests to observe the waits without spending them. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

export async function withRetry<T>(fn: () => Promise<T>, policy: RetryPolicy, signal?: AbortSignal): Promise<T> {
  const sleep = policy.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const delay = retryDelay(err, attempt, policy);
      if (delay === undefined || attempt >= policy.attempts) throw err;
      await sleep(delay, signal);
    }
  }
}

function retryDelay(err: unknown, attempt: number, policy: RetryPolicy): number | undefined {
  if (err instanceof RateLimitedError) {
    // A wait longer than we allow is better spent with the job parked in the queue.
    return err.retryAfterMs > policy.maxDelayMs ? undefined : err.retryAfterMs;
  }
  if (err instanceof ProviderUnavailableError) {
    const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
    return Math.min(policy.maxDelayMs, backoff * (0.5 + Math.random() / 2));
  }
  return undefined;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
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
