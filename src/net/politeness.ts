import { setTimeout as sleep } from 'node:timers/promises';
import PQueue from 'p-queue';
import { HttpStatusError } from './errors.ts';

/**
 * Per-host politeness: at most `concurrency` requests in flight to one host, a least delay between
 * the starts of two requests to it (which robots.txt Crawl-delay can raise), and a pause after the
 * host answered 429/503 with Retry-After. A "host" is URL.host (name and port).
 *
 * A task that would have to wait out a pause longer than `maxPauseWaitMs` does not wait: it fails
 * at once with an HttpStatusError carrying the remaining time as retryAfterMs, so the caller's job
 * backs off instead of holding a queue slot (and memory) for minutes.
 */
export interface PolitenessOptions {
  concurrency: number;
  delayMs: number;
  maxPauseWaitMs?: number;
  /** Turns shared with the other processes of a cluster (the store's), on top of this process's own. */
  shared?: SharedHostTurns;
}

/**
 * A host's turns as the whole cluster sees them: every process reserves its request's start
 * there, so many workers together keep the delay one keeps alone. (Implemented by the store;
 * `net` only knows this shape.)
 */
export interface SharedHostTurns {
  /** Reserves the next start for a request to `host`; resolves with the ms to wait for it. */
  reserve(host: string, delayMs: number): Promise<number>;
  /** Holds every process's requests to `host` for `ms`. */
  pause(host: string, ms: number): Promise<void>;
}

interface HostState {
  queue: PQueue;
  /** When the last request to this host was allowed to start (ms since epoch). */
  lastStart: number;
  delayMs: number;
  pausedUntil: number;
  pauseStatus: number;
}

/** Forget idle hosts once this many are tracked, so a long-running crawler does not grow forever. */
const PRUNE_ABOVE = 2000;

export class HostScheduler {
  private readonly hosts = new Map<string, HostState>();
  private readonly maxPauseWaitMs: number;

  constructor(private readonly options: PolitenessOptions) {
    this.maxPauseWaitMs = options.maxPauseWaitMs ?? 10_000;
  }

  /** Runs `task` in the host's queue once its turn has come. `signal` cancels the wait. */
  run<T>(url: URL, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const state = this.state(url.host);
    return state.queue.add(
      async () => {
        await this.waitForTurn(url, state, signal);
        return task();
      },
      { signal },
    ) as Promise<T>;
  }

  /** Raises the host's delay between requests (never below the configured delay). */
  setDelay(host: string, delayMs: number): void {
    const state = this.state(host);
    state.delayMs = Math.max(this.options.delayMs, delayMs);
  }

  delayOf(host: string): number {
    return this.hosts.get(host)?.delayMs ?? this.options.delayMs;
  }

  /** Holds every request to `host` for `ms` (a later, longer pause wins), in the whole cluster when shared. */
  pause(host: string, ms: number, status: number): void {
    this.options.shared?.pause(host, ms).catch(() => {});
    const state = this.state(host);
    const until = Date.now() + ms;
    if (until > state.pausedUntil) {
      state.pausedUntil = until;
      state.pauseStatus = status;
    }
  }

  /** How long requests to `host` remain paused, in ms (0 when not paused). */
  pausedFor(host: string): number {
    const state = this.hosts.get(host);
    return state ? Math.max(0, state.pausedUntil - Date.now()) : 0;
  }

  /** Drops queued tasks (they never start) and forgets every host. */
  clear(): void {
    for (const state of this.hosts.values()) state.queue.clear();
    this.hosts.clear();
  }

  private async waitForTurn(url: URL, state: HostState, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = Date.now();
      const pausedFor = state.pausedUntil - now;
      if (pausedFor > this.maxPauseWaitMs) throw new HttpStatusError(url.href, state.pauseStatus, pausedFor);
      const wait = Math.max(pausedFor, state.lastStart + state.delayMs - now);
      if (wait <= 0) {
        state.lastStart = now;
        if (this.options.shared) await this.waitForSharedTurn(url, state, signal);
        return;
      }
      // Re-check after waking: a 429 that arrived meanwhile may have extended the pause.
      await sleep(wait, undefined, { signal });
    }
  }

  /** This process's turn has come; now the cluster's (other workers may have asked the host meanwhile). */
  private async waitForSharedTurn(url: URL, state: HostState, signal?: AbortSignal): Promise<void> {
    const wait = await (this.options.shared as SharedHostTurns).reserve(url.host, state.delayMs);
    if (wait > this.maxPauseWaitMs) throw new HttpStatusError(url.href, state.pauseStatus || 429, wait);
    if (wait > 0) await sleep(wait, undefined, { signal });
    state.lastStart = Date.now();
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      if (this.hosts.size >= PRUNE_ABOVE) this.pruneIdle();
      state = {
        queue: new PQueue({ concurrency: this.options.concurrency }),
        lastStart: 0,
        delayMs: this.options.delayMs,
        pausedUntil: 0,
        pauseStatus: 0,
      };
      this.hosts.set(host, state);
    }
    return state;
  }

  private pruneIdle(): void {
    const now = Date.now();
    for (const [host, s] of this.hosts) {
      const idle = s.queue.size === 0 && s.queue.pending === 0;
      if (idle && s.pausedUntil < now && now - s.lastStart > s.delayMs) this.hosts.delete(host);
    }
  }
}
