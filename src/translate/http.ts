import { retryAfterWait, transientStatus } from '../net/retry.ts';
import { ProviderConfigError, ProviderUnavailableError, RateLimitedError, TranslationError } from './errors.ts';

/**
 * The one way the HTTP providers talk to their services. The endpoints are the operator's own
 * choice (often a server on the same machine: Ollama, LibreTranslate, APy), so the fetcher of
 * `net/`, which refuses private addresses for pages from the open web, is not the right tool here;
 * this keeps the same discipline of time and size caps, and maps HTTP outcomes to the typed errors
 * the pipeline acts on.
 */
export interface HttpCall {
  provider: string;
  /** Setting that holds the credential, named in the error when the service rejects it. */
  keySetting?: string;
  timeoutMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
  /** A provider's own meaning for some answers (DeepL's 456); undefined falls back to the defaults. */
  mapError?: (failure: HttpFailure) => TranslationError | undefined;
}

export interface HttpFailure {
  status: number;
  body: string;
  headers: Headers;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
/** Retry-After is honoured up to this; a longer wait is better spent with the article queued. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** Sends a request and returns the parsed JSON body of a 2xx response; throws typed errors otherwise. */
export async function requestJson<T>(url: string, init: RequestInit, call: HttpCall): Promise<T> {
  const text = await requestText(url, init, call);
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new ProviderUnavailableError(`${call.provider} answered with invalid JSON`, call.provider, { cause: err });
  }
}

export async function requestText(url: string, init: RequestInit, call: HttpCall): Promise<string> {
  const timeout = AbortSignal.timeout(call.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
  let response: Response;
  let body: string;
  try {
    response = await fetch(url, { ...init, signal });
    body = await readCapped(response, call.maxBytes ?? DEFAULT_MAX_BYTES, call.provider);
  } catch (err) {
    if (call.signal?.aborted) throw err;
    if (err instanceof TranslationError) throw err;
    const why = timeout.aborted ? 'timed out' : describeNetworkError(err);
    throw new ProviderUnavailableError(
      `${call.provider} could not be reached at ${origin(url)}: ${why}`,
      call.provider,
      {
        cause: err,
      },
    );
  }
  if (response.ok) return body;
  const failure = { status: response.status, body, headers: response.headers };
  throw call.mapError?.(failure) ?? httpError(failure, call);
}

/** The typed error for a non-2xx answer. Providers call it after handling their own special codes. */
export function httpError(failure: HttpFailure, call: HttpCall): TranslationError {
  const { status, body, headers } = failure;
  const detail = excerpt(body);
  if (status === 429) {
    return new RateLimitedError(
      `${call.provider} is rate limiting requests${detail ? `: ${detail}` : ''}`,
      call.provider,
      providerRetryAfterMs(headers.get('retry-after')),
    );
  }
  if (transientStatus(status)) {
    return new ProviderUnavailableError(`${call.provider} failed with HTTP ${status}: ${detail}`, call.provider);
  }
  if (status === 401 || status === 403) {
    const fix = call.keySetting ? ` Check ${call.keySetting}.` : '';
    return new ProviderConfigError(
      `${call.provider} rejected the credentials (HTTP ${status}).${fix}`,
      call.provider,
      call.keySetting,
    );
  }
  return new TranslationError(`${call.provider} refused the request with HTTP ${status}: ${detail}`, call.provider);
}

/** A provider's Retry-After as milliseconds: 1 s when absent or unreadable, at most MAX_RETRY_AFTER_MS. */
export function providerRetryAfterMs(value: string | null | undefined): number {
  return retryAfterWait(value, { defaultMs: 1000, maxMs: MAX_RETRY_AFTER_MS });
}

async function readCapped(response: Response, maxBytes: number, provider: string): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes)
      throw new ProviderUnavailableError(`${provider} sent an answer larger than ${maxBytes} bytes`, provider);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** A short, single-line piece of an error body for messages (bodies can be whole HTML pages). */
export function excerpt(body: string, max = 200): string {
  let text = body;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const message = (parsed.error as { message?: unknown })?.message ?? parsed.message ?? parsed.error;
    if (typeof message === 'string') text = message;
  } catch {
    // Not JSON: keep the raw text.
  }
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Joins a base URL and a path without doubling or dropping the slash. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
