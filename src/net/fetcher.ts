import { Agent } from 'undici';
import type { Config } from '../config/config.ts';
import { logger } from '../config/log.ts';
import {
  type AddressPolicy,
  createAddressPolicy,
  guardedLookup,
  judgeAddress,
  literalAddress,
  type Resolver,
} from './address-guard.ts';
import { BodyTooLarge, readBody, release, UnsupportedEncoding } from './body.ts';
import { type DecodedBody, type DecodeOptions, decodeBody } from './charset.ts';
import {
  BlockedAddressError,
  FetchError,
  FetchTimeoutError,
  HttpStatusError,
  InvalidUrlError,
  NetworkError,
  RobotsDisallowedError,
  RobotsUnavailableError,
  TooLargeError,
  TooManyRedirectsError,
} from './errors.ts';
import { HostScheduler, type SharedHostTurns } from './politeness.ts';
import { parseRetryAfter, retryAfterWait } from './retry.ts';
import { RobotsCache } from './robots.ts';
import './settings.ts';
import { Deadline } from './deadline.ts';
import { describeNetworkFailure, errorCode, findInCauses } from './failures.ts';
import { ROBOTS_AGENT, userAgent } from './user-agent.ts';
import { webUrl } from './web-url.ts';

/**
 * The only way Meridian reaches the web. Every fetch, and every redirect hop of it, goes through:
 *   URL check (http/https only) → SSRF guard on literal IPs → robots.txt → the host's polite queue
 *   → one GET on an undici Agent whose DNS lookup refuses blocked addresses → status handling
 *   → body read with a cap counted after decompression.
 * Limits: connect timeout, a total timeout per hop (request sent to last body byte), body size,
 * redirect count. Failures are the typed errors of errors.ts; a 304 is a result, not an error.
 */
export type FetchPurpose = 'feed' | 'page' | 'image' | 'robots';

export interface FetchOptions {
  purpose: FetchPurpose;
  /** Replaces the purpose's default Accept header. */
  accept?: string;
  /** Validators from the previous fetch: sent as If-None-Match / If-Modified-Since. */
  etag?: string | null;
  lastModified?: string | null;
  signal?: AbortSignal;
}

export interface FetchResult {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  /** Response headers, names lower-case, repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Decompressed body; empty on 304. */
  body: Uint8Array;
  notModified: boolean;
  contentType: string | null;
  /** The body as text (charset from BOM, UTF-8 validity, header, markup, detection). */
  text(options?: DecodeOptions): string;
  /** Like text(), also naming the charset used. */
  decode(options?: DecodeOptions): DecodedBody;
}

/** What callers depend on (jobs, CLI): the Fetcher class, or a test double of it. */
export interface FetchClient {
  fetch(url: string | URL, options: FetchOptions): Promise<FetchResult>;
  close(): Promise<void>;
}

export interface FetcherOptions {
  /** Added to the User-Agent as `Meridian/<version> (+contactUrl)`. */
  contactUrl?: string;
  allowPrivateAddresses?: boolean;
  /** IPs or CIDR ranges always allowed, even link-local or metadata ones. */
  allowedAddresses?: readonly string[];
  hostConcurrency?: number;
  hostDelayMs?: number;
  connectTimeoutMs?: number;
  fetchTimeoutMs?: number;
  maxBodyBytes?: number;
  maxRedirects?: number;
  respectRobots?: boolean;
  robotsTtlMs?: number;
  robotsErrorTtlMs?: number;
  /** Longest Retry-After pause a queued request waits out before failing fast (default 10 s). */
  maxPauseWaitMs?: number;
  /** DNS resolver (dns.lookup-compatible); tests use it to point a name at a chosen address. */
  resolve?: Resolver;
  /** Per-host turns shared by every process of a cluster (the pipeline passes the store's). */
  sharedTurns?: SharedHostTurns;
}

const ACCEPT: Record<FetchPurpose, string> = {
  feed: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  page: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5',
  image: 'image/avif, image/webp, image/*;q=0.9, */*;q=0.5',
  robots: 'text/plain, */*;q=0.5',
};

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Google reads the first 500 KiB of a robots.txt; we keep about as much. */
const ROBOTS_MAX_BYTES = 512 * 1024;
/** A 429 without Retry-After still pauses the host this long. */
const DEFAULT_429_PAUSE_MS = 30_000;
/** A Retry-After further out than this is still reported, but the host is paused at most this long. */
const MAX_PAUSE_MS = 3_600_000;

const log = logger('net');

type Hop = { redirect: URL } | { result: FetchResult };

export class Fetcher implements FetchClient {
  readonly userAgent: string;
  private readonly policy: AddressPolicy;
  private readonly agent: Agent;
  private readonly scheduler: HostScheduler;
  private readonly robots: RobotsCache;
  private readonly limits: Required<
    Pick<FetcherOptions, 'connectTimeoutMs' | 'fetchTimeoutMs' | 'maxBodyBytes' | 'maxRedirects' | 'respectRobots'>
  >;

  constructor(options: FetcherOptions = {}) {
    this.userAgent = userAgent(options.contactUrl);
    this.policy = createAddressPolicy({
      allowPrivate: options.allowPrivateAddresses ?? false,
      allowedCidrs: options.allowedAddresses ?? [],
    });
    this.limits = {
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
      fetchTimeoutMs: options.fetchTimeoutMs ?? 20_000,
      maxBodyBytes: options.maxBodyBytes ?? 5 * 1024 * 1024,
      maxRedirects: options.maxRedirects ?? 5,
      respectRobots: options.respectRobots ?? true,
    };
    this.agent = new Agent({
      connect: {
        timeout: this.limits.connectTimeoutMs,
        lookup: guardedLookup(this.policy, options.resolve),
      },
      headersTimeout: this.limits.fetchTimeoutMs,
      bodyTimeout: this.limits.fetchTimeoutMs,
      keepAliveTimeout: 4000,
    });
    this.scheduler = new HostScheduler({
      concurrency: options.hostConcurrency ?? 2,
      delayMs: options.hostDelayMs ?? 1000,
      maxPauseWaitMs: options.maxPauseWaitMs,
      ...(options.sharedTurns ? { shared: options.sharedTurns } : {}),
    });
    this.robots = new RobotsCache((url) => this.fetch(url, { purpose: 'robots' }), {
      agent: ROBOTS_AGENT,
      ttlMs: options.robotsTtlMs,
      errorTtlMs: options.robotsErrorTtlMs,
    });
  }

  /** GET `url`, following redirects. Resolves with 2xx or 304; every other outcome throws a FetchError. */
  async fetch(input: string | URL, options: FetchOptions): Promise<FetchResult> {
    let url = httpUrl(String(input), String(input));
    const chain: string[] = [];
    for (;;) {
      if (chain.includes(url.href)) throw new TooManyRedirectsError(chain[0]!, [...chain, url.href], true);
      chain.push(url.href);
      if (chain.length > this.limits.maxRedirects + 1) throw new TooManyRedirectsError(chain[0]!, chain, false);

      const hop = await this.fetchHop(url, options);
      if ('result' in hop) {
        const { status, body } = hop.result;
        log.debug('fetched', { url: url.href, status, bytes: body.byteLength, redirects: chain.length - 1 });
        return hop.result;
      }
      url = hop.redirect;
    }
  }

  /** Drops queued requests and closes every connection. The fetcher is unusable afterwards. */
  async close(): Promise<void> {
    this.scheduler.clear();
    this.robots.clear();
    await this.agent.destroy();
  }

  private async fetchHop(url: URL, options: FetchOptions): Promise<Hop> {
    this.guardLiteralAddress(url);
    if (this.limits.respectRobots && options.purpose !== 'robots') {
      const verdict = await this.robots.check(url).catch((err: unknown) => {
        // Report the page the caller asked for, not the robots.txt URL.
        throw err instanceof BlockedAddressError ? new BlockedAddressError(url.href, err.address, err.reason) : err;
      });
      if (verdict.crawlDelayMs !== undefined) this.scheduler.setDelay(url.host, verdict.crawlDelayMs);
      if (verdict.unavailable) {
        throw new RobotsUnavailableError(url.href, verdict.unavailable.reason, verdict.unavailable.retryAfterMs);
      }
      if (!verdict.allowed) throw new RobotsDisallowedError(url.href);
    }
    return this.scheduler.run(url, () => this.request(url, options), options.signal);
  }

  /** Literal-IP URLs never reach the DNS lookup hook, so they are judged here, before connecting. */
  private guardLiteralAddress(url: URL): void {
    const address = literalAddress(url);
    if (address === null) return;
    const verdict = judgeAddress(address, this.policy);
    if (!verdict.allowed) throw new BlockedAddressError(url.href, address, verdict.reason);
  }

  private async request(url: URL, options: FetchOptions): Promise<Hop> {
    const deadline = new Deadline(this.limits.fetchTimeoutMs, options.signal);
    const signal = deadline.signal;
    let phase: 'headers' | 'body' = 'headers';
    try {
      const res = await this.agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: this.requestHeaders(options),
        signal,
      });
      const headers = flattenHeaders(res.headers);
      const status = res.statusCode;

      if (REDIRECT_STATUSES.has(status) && headers.location) {
        await discard(res.body);
        return { redirect: httpUrl(headers.location, url.href, url) };
      }
      if (status === 304) {
        await discard(res.body);
        return { result: makeResult(url, status, headers, new Uint8Array(0)) };
      }
      if (status < 200 || status >= 300) {
        await discard(res.body);
        throw this.statusError(url, status, headers['retry-after']);
      }

      const maxBytes =
        options.purpose === 'robots' ? Math.min(ROBOTS_MAX_BYTES, this.limits.maxBodyBytes) : this.limits.maxBodyBytes;
      const truncate = options.purpose === 'robots';
      const declared = Number(headers['content-length']);
      if (!truncate && Number.isFinite(declared) && declared > maxBytes) {
        release(res.body);
        throw new TooLargeError(url.href, maxBytes);
      }
      phase = 'body';
      const body = await readBody(res.body, headers['content-encoding'], { maxBytes, truncate });
      return { result: makeResult(url, status, headers, body) };
    } catch (err) {
      throw this.translateError(err, url, phase, deadline.timedOut, options.signal);
    } finally {
      deadline.dispose();
    }
  }

  private requestHeaders(options: FetchOptions): Record<string, string> {
    const headers: Record<string, string> = {
      'user-agent': this.userAgent,
      accept: options.accept ?? ACCEPT[options.purpose],
      'accept-encoding': 'gzip, deflate, br',
    };
    if (options.etag) headers['if-none-match'] = options.etag;
    if (options.lastModified) headers['if-modified-since'] = options.lastModified;
    return headers;
  }

  /**
   * A non-2xx answer; 429 and 503 also pause the host for as long as the server asked (at most
   * MAX_PAUSE_MS). The error reports the whole wait asked for: the job queue honours it.
   */
  private statusError(url: URL, status: number, retryAfter: string | undefined): HttpStatusError {
    if (status === 429 || status === 503) {
      const defaultMs = status === 429 ? DEFAULT_429_PAUSE_MS : 0;
      const pause = retryAfterWait(retryAfter, { defaultMs, maxMs: MAX_PAUSE_MS });
      if (pause > 0) {
        this.scheduler.pause(url.host, pause, status);
        log.info('host paused', { host: url.host, status, ms: pause });
      }
    }
    return new HttpStatusError(url.href, status, parseRetryAfter(retryAfter));
  }

  private translateError(
    err: unknown,
    url: URL,
    phase: 'headers' | 'body',
    timedOut: boolean,
    callerSignal: AbortSignal | undefined,
  ): unknown {
    const blocked = findInCauses(err, BlockedAddressError);
    if (blocked) return new BlockedAddressError(url.href, blocked.address, blocked.reason);
    if (err instanceof FetchError) return err;
    // The caller's own cancellation is not a network failure: hand back its reason untouched.
    if (callerSignal?.aborted) return callerSignal.reason;
    if (err instanceof BodyTooLarge) return new TooLargeError(url.href, this.limits.maxBodyBytes);
    const code = errorCode(err);
    if (code === 'UND_ERR_CONNECT_TIMEOUT')
      return new FetchTimeoutError(url.href, 'connect', this.limits.connectTimeoutMs);
    if (timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new FetchTimeoutError(url.href, 'total', this.limits.fetchTimeoutMs);
    }
    if (err instanceof UnsupportedEncoding)
      return new NetworkError(url.href, `${err.message} from ${url.href}`, { cause: err });
    return new NetworkError(url.href, describeNetworkFailure(err, code, phase, url), { cause: err });
  }
}

/** A Fetcher configured from the `net` settings. */
export function createFetcher(config: Config, overrides: Partial<FetcherOptions> = {}): Fetcher {
  return new Fetcher({
    contactUrl: config.string('MERIDIAN_CONTACT_URL'),
    allowPrivateAddresses: config.bool('MERIDIAN_ALLOW_PRIVATE_ADDRESSES'),
    allowedAddresses: config.list('MERIDIAN_ALLOWED_ADDRESSES'),
    hostConcurrency: config.int('MERIDIAN_HOST_CONCURRENCY'),
    hostDelayMs: config.int('MERIDIAN_HOST_DELAY_MS'),
    connectTimeoutMs: config.int('MERIDIAN_CONNECT_TIMEOUT_MS'),
    fetchTimeoutMs: config.int('MERIDIAN_FETCH_TIMEOUT_MS'),
    maxBodyBytes: config.int('MERIDIAN_MAX_BODY_BYTES'),
    maxRedirects: config.int('MERIDIAN_MAX_REDIRECTS'),
    respectRobots: config.bool('MERIDIAN_RESPECT_ROBOTS'),
    ...overrides,
  });
}

/** An absolute http(s) URL (relative ones resolved against `base`), without its fragment. */
function httpUrl(location: string, reportAs: string, base?: URL): URL {
  const url = webUrl(location, base);
  if (!url) {
    let scheme: string | undefined;
    try {
      scheme = new URL(location, base).protocol;
    } catch {}
    throw new InvalidUrlError(
      reportAs,
      scheme && scheme !== 'http:' && scheme !== 'https:'
        ? `Only http and https URLs are fetched, not "${scheme}" (${location.slice(0, 200)})`
        : `Not a valid URL: "${location.slice(0, 200)}"`,
    );
  }
  url.hash = '';
  return url;
}

function makeResult(url: URL, status: number, headers: Record<string, string>, body: Uint8Array): FetchResult {
  const contentType = headers['content-type'] ?? null;
  return {
    url: url.href,
    status,
    headers,
    body,
    notModified: status === 304,
    contentType,
    text: (options) => decodeBody(body, contentType, options).text,
    decode: (options) => decodeBody(body, contentType, options),
  };
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Reads and drops a small body (keeps the connection reusable); a large one closes the connection. */
async function discard(body: { dump(opts?: { limit: number }): Promise<void> }): Promise<void> {
  await body.dump({ limit: 64 * 1024 }).catch(() => {});
}
