import { transientStatus } from './retry.ts';

/**
 * One small class per way a fetch can fail, so callers branch on `instanceof` rather than on
 * message text. Every error names the URL it was about. `isRetryable` says which are worth
 * trying again later (the pipeline's backoff uses it).
 */
export abstract class FetchError extends Error {
  abstract readonly retryable: boolean;
  constructor(
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The URL's host is, or resolves to, an address Meridian must not reach (SSRF guard). */
export class BlockedAddressError extends FetchError {
  readonly retryable = false;
  constructor(
    url: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(url, `Refused to connect to ${address} for ${url}: ${reason}`);
  }
}

/** The URL is not an absolute http(s) URL (also for a redirect to one). */
export class InvalidUrlError extends FetchError {
  readonly retryable = false;
}

export class RobotsDisallowedError extends FetchError {
  readonly retryable = false;
  constructor(url: string) {
    super(url, `robots.txt disallows ${url}`);
  }
}

/**
 * robots.txt could not be read (5xx, 429, timeout, network failure), so the site is not crawled
 * until it is asked again: temporary, unlike RobotsDisallowedError.
 */
export class RobotsUnavailableError extends FetchError {
  readonly retryable = true;
  constructor(
    url: string,
    readonly reason: string,
    /** When robots.txt will be asked again. */
    readonly retryAfterMs: number,
  ) {
    super(url, `Not fetching ${url}: its robots.txt could not be read (${reason})`);
  }
}

/** The body (counted after decompression) exceeded the limit; reading stopped there. */
export class TooLargeError extends FetchError {
  readonly retryable = false;
  constructor(
    url: string,
    readonly limitBytes: number,
  ) {
    super(url, `Body of ${url} exceeds ${limitBytes} bytes`);
  }
}

export class FetchTimeoutError extends FetchError {
  readonly retryable = true;
  constructor(
    url: string,
    readonly phase: 'connect' | 'total',
    readonly timeoutMs: number,
  ) {
    super(url, `${phase === 'connect' ? 'Connecting' : 'Fetching'} ${url} took longer than ${timeoutMs} ms`);
  }
}

export class TooManyRedirectsError extends FetchError {
  readonly retryable = false;
  constructor(
    url: string,
    /** Every URL visited, the first one included. */
    readonly chain: readonly string[],
    readonly loop: boolean,
  ) {
    super(url, loop ? `Redirect loop: ${chain.join(' → ')}` : `More than ${chain.length - 1} redirects from ${url}`);
  }
}

export class HttpStatusError extends FetchError {
  readonly retryable: boolean;
  constructor(
    url: string,
    readonly status: number,
    /** From Retry-After (seconds or an HTTP date), or how long the host remains paused. */
    readonly retryAfterMs?: number,
  ) {
    super(url, `HTTP ${status} from ${url}${retryAfterMs !== undefined ? ` (retry after ${retryAfterMs} ms)` : ''}`);
    this.retryable = transientStatus(status);
  }
}

/** DNS failure, refused or reset connection, TLS failure, a body cut short, a corrupt encoding. */
export class NetworkError extends FetchError {
  readonly retryable = true;
}

export function isRetryable(err: unknown): boolean {
  return err instanceof FetchError ? err.retryable : false;
}
