import OpenAI from 'openai';
import { parseRetryAfter, type RetryVerdict, transientStatus } from './retry.ts';

/**
 * The retry verdict for an error of the `openai` client (the LLM take, embeddings), whose own
 * retries are turned off so that Meridian's policy (net/retry.ts) is the one that runs: a refused
 * or dropped connection and a transient status are retried, the latter after its Retry-After.
 * A timeout means an overloaded server; `retryTimeouts: false` gives up at once instead.
 */
export function openAiVerdict(err: unknown, options: { retryTimeouts: boolean }): RetryVerdict {
  if (err instanceof OpenAI.APIConnectionTimeoutError) return { retry: options.retryTimeouts };
  if (err instanceof OpenAI.APIConnectionError) return { retry: true };
  if (!(err instanceof OpenAI.APIError) || err.status === undefined || !transientStatus(err.status))
    return { retry: false };
  const asked = parseRetryAfter(err.headers?.get('retry-after'));
  return asked === undefined ? { retry: true } : { retry: true, retryAfterMs: asked };
}
