import type { Config } from '../config/config.ts';

/**
 * The adaptive polling schedule. A feed that keeps bringing new items is polled more often, a
 * quiet one less often; errors back off exponentially and, after too many in a row, the feed is
 * disabled (and shown as such on /sources) until an operator re-enables it.
 */
export interface ScheduleSettings {
  minIntervalS: number;
  maxIntervalS: number;
  /** Consecutive failures after which the feed is disabled. */
  disableAfter: number;
}

export const DEFAULT_SCHEDULE: ScheduleSettings = { minIntervalS: 5 * 60, maxIntervalS: 6 * 3600, disableAfter: 10 };

export function scheduleFromConfig(config: Config): ScheduleSettings {
  return {
    minIntervalS: config.int('MERIDIAN_POLL_MIN_INTERVAL_S'),
    maxIntervalS: config.int('MERIDIAN_POLL_MAX_INTERVAL_S'),
    disableAfter: config.int('MERIDIAN_FEED_DISABLE_AFTER'),
  };
}

export interface PollOutcome {
  ok: boolean;
  /** Items not seen before (0 for a 304). */
  newItems: number;
  /** Server's Retry-After, if any. */
  retryAfterS?: number;
}

export function nextInterval(
  current: number,
  consecutiveFailures: number,
  outcome: PollOutcome,
  s: ScheduleSettings = DEFAULT_SCHEDULE,
): { intervalS: number; disable: boolean } {
  const clamp = (v: number) => Math.round(Math.min(s.maxIntervalS, Math.max(s.minIntervalS, v)));
  if (!outcome.ok) {
    const failures = consecutiveFailures + 1;
    const backoff = s.minIntervalS * 2 ** Math.min(failures, 12);
    const wait = Math.max(backoff, outcome.retryAfterS ?? 0);
    return { intervalS: Math.round(Math.min(24 * 3600, wait)), disable: failures >= s.disableAfter };
  }
  if (outcome.newItems >= 5) return { intervalS: clamp(current / 2), disable: false };
  if (outcome.newItems > 0) return { intervalS: clamp(current * 0.8), disable: false };
  return { intervalS: clamp(current * 1.5), disable: false };
}
