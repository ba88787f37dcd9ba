import robotsParserModule from 'robots-parser';
import {
  BlockedAddressError,
  FetchTimeoutError,
  HttpStatusError,
  NetworkError,
  TooManyRedirectsError,
} from './errors.ts';

/**
 * robots.txt, fetched once per origin and kept for a while. What an answer means follows Google's
 * documented behaviour (https://developers.google.com/search/docs/crawling-indexing/robots/robots_txt):
 *
 *  - 2xx: the rules apply to the "Meridian" group, or to `*` when there is none.
 *  - 4xx other than 429 (no robots.txt, or access denied to it), or a redirect chain too long to
 *    follow: no rules, everything is allowed.
 *  - 429, 5xx, a timeout or a network error: the site may be in trouble, so everything is
 *    disallowed for `errorTtlMs` (the verdict says why, so the fetcher can report a temporary
 *    RobotsUnavailableError rather than a disallow), then robots.txt is asked again. If an earlier good copy is less
 *    than `staleTtlMs` old, that copy is used instead, as Google does.
 *
 * A blocked address propagates (the page would be refused anyway, and the message says why).
 * Crawl-delay (seconds) comes back with the verdict so the caller can slow down for that host;
 * it is capped at `maxCrawlDelayMs` so one robots.txt cannot stall the crawler for hours.
 */
export interface RobotsVerdict {
  allowed: boolean;
  crawlDelayMs?: number;
  /** Set when disallowed only because robots.txt could not be read. */
  unavailable?: { reason: string; retryAfterMs: number };
}

export interface RobotsOptions {
  /** Product token matched against User-agent lines. */
  agent: string;
  ttlMs?: number;
  errorTtlMs?: number;
  staleTtlMs?: number;
  maxCrawlDelayMs?: number;
}

/** Fetches one robots.txt (through the guarded, polite fetcher, without a robots check of its own). */
export type RobotsFetch = (url: string) => Promise<{ status: number; text(): string }>;

// The package is CommonJS exporting the function itself, while its typings declare a default
// export: under NodeNext the typings put the function at `.default`, the runtime does not.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
type Robot = ReturnType<typeof robotsParser>;

interface Entry {
  expires: number;
  /** null: no rules (allow all); 'disallow-all': robots.txt could not be read. */
  rules: Robot | null | 'disallow-all';
  /** Why robots.txt could not be read, for 'disallow-all'. */
  failure?: string;
  lastGood?: { rules: Robot | null; fetchedAt: number };
}

const HOUR = 3_600_000;
const MAX_ENTRIES = 10_000;

export class RobotsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<Entry>>();
  private readonly ttlMs: number;
  private readonly errorTtlMs: number;
  private readonly staleTtlMs: number;
  private readonly maxCrawlDelayMs: number;

  constructor(
    private readonly fetchRobots: RobotsFetch,
    private readonly options: RobotsOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 24 * HOUR;
    this.errorTtlMs = options.errorTtlMs ?? 10 * 60_000;
    this.staleTtlMs = options.staleTtlMs ?? 24 * HOUR;
    this.maxCrawlDelayMs = options.maxCrawlDelayMs ?? 30_000;
  }

  async check(url: URL): Promise<RobotsVerdict> {
    const entry = await this.entryFor(url.origin);
    if (entry.rules === 'disallow-all') {
      const reason = entry.failure ?? 'unreadable';
      return { allowed: false, unavailable: { reason, retryAfterMs: Math.max(0, entry.expires - Date.now()) } };
    }
    if (entry.rules === null) return { allowed: true };
    // undefined means the URL is not covered by this robots.txt (cannot happen for the same origin).
    const allowed = entry.rules.isAllowed(url.href, this.options.agent) !== false;
    const delay = entry.rules.getCrawlDelay(this.options.agent);
    return delay !== undefined && delay > 0
      ? { allowed, crawlDelayMs: Math.min(delay * 1000, this.maxCrawlDelayMs) }
      : { allowed };
  }

  clear(): void {
    this.entries.clear();
  }

  private entryFor(origin: string): Promise<Entry> {
    const cached = this.entries.get(origin);
    if (cached && cached.expires > Date.now()) return Promise.resolve(cached);
    // Concurrent requests to one origin share a single robots.txt fetch.
    let pending = this.inFlight.get(origin);
    if (!pending) {
      pending = this.load(origin, cached).finally(() => this.inFlight.delete(origin));
      this.inFlight.set(origin, pending);
    }
    return pending;
  }

  private async load(origin: string, previous: Entry | undefined): Promise<Entry> {
    const robotsUrl = `${origin}/robots.txt`;
    const now = Date.now();
    let entry: Entry;
    try {
      const res = await this.fetchRobots(robotsUrl);
      const rules = robotsParser(robotsUrl, res.text());
      entry = { expires: now + this.ttlMs, rules, lastGood: { rules, fetchedAt: now } };
    } catch (err) {
      if (err instanceof BlockedAddressError) throw err;
      if (isRobotsMissing(err)) {
        entry = { expires: now + this.ttlMs, rules: null, lastGood: { rules: null, fetchedAt: now } };
      } else if (isRobotsUnavailable(err)) {
        const lastGood = previous?.lastGood;
        entry =
          lastGood && now - lastGood.fetchedAt < this.staleTtlMs
            ? { expires: now + this.errorTtlMs, rules: lastGood.rules, lastGood }
            : { expires: now + this.errorTtlMs, rules: 'disallow-all', failure: describe(err), lastGood };
      } else {
        throw err; // the caller's own cancellation, or a programming error: nothing to cache
      }
    }
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(origin, entry);
    return entry;
  }
}

function describe(err: unknown): string {
  return err instanceof HttpStatusError ? `HTTP ${err.status}` : err instanceof Error ? err.message : String(err);
}

function isRobotsMissing(err: unknown): boolean {
  if (err instanceof HttpStatusError) return err.status >= 400 && err.status < 500 && err.status !== 429;
  return err instanceof TooManyRedirectsError;
}

function isRobotsUnavailable(err: unknown): boolean {
  if (err instanceof HttpStatusError) return err.status === 429 || err.status >= 500;
  return err instanceof FetchTimeoutError || err instanceof NetworkError;
}
