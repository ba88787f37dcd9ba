import type { Config } from '../config/config.ts';
import { declareSettings } from '../config/registry.ts';
import { TranslationError } from './errors.ts';

/**
 * A daily budget of characters per provider. Headlines (title, standfirst, image caption) and
 * bodies are counted apart: headlines may spend up to their own cap, which is held back for
 * them all day; bodies may spend what is left of the daily budget, released evenly over the UTC
 * day (with an hour's worth at midnight) so the bodies that matter most, which may arrive late,
 * still find some. Those are the bodies of stories two or more countries cover and those readers
 * ask for; the bodies of single-country stories get the day's leftovers, from LEFTOVER_HOUR on.
 * When a part's allowance is spent its work waits; nothing is dropped.
 *
 * Days are UTC days. The store keeps the counts (every worker holds the same budget); this file
 * is the arithmetic and the settings.
 */
export const budgetSettings = declareSettings([
  {
    name: 'MERIDIAN_TRANSLATE_DAILY_CHARACTERS',
    type: 'int',
    default: 0,
    min: 0,
    group: 'translate',
    description:
      'Characters sent to the translation provider per UTC day, headlines and bodies together (0: no budget). Bodies wait for the next day when it is spent.',
  },
  {
    name: 'MERIDIAN_TRANSLATE_DAILY_HEADLINE_CHARACTERS',
    type: 'int',
    default: 0,
    min: 0,
    group: 'translate',
    description:
      'Part of the daily budget held for headlines, standfirsts and captions, which go first (0: a quarter of MERIDIAN_TRANSLATE_DAILY_CHARACTERS).',
  },
] as const);

export type BudgetPart = 'headline' | 'body';

export interface BudgetLimits {
  /** Characters per UTC day, both parts; 0 for no budget. */
  daily: number;
  /** The headlines' cap within `daily`. */
  headline: number;
}

export function budgetLimits(config: Config): BudgetLimits {
  const daily = config.int('MERIDIAN_TRANSLATE_DAILY_CHARACTERS');
  const asked = config.int('MERIDIAN_TRANSLATE_DAILY_HEADLINE_CHARACTERS');
  const headline = asked > 0 ? asked : Math.floor(daily / 4);
  return { daily, headline: Math.min(headline, daily) };
}

const DAY_MS = 86_400_000;
/** Bodies may spend this much of a day's release ahead of time, so the day does not start empty. */
const BODY_HEAD_START_MS = 3_600_000;

/** `2026-12-07` for any time of that UTC day. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function nextUtcMidnight(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1));
}

/**
 * The most the bodies may have spent by `at`: their share of the day (the daily budget less the
 * headlines' cap), released evenly from midnight with an hour's head start. Infinity without a
 * budget.
 */
export function bodyAllowance(limits: BudgetLimits, at: Date): number {
  if (limits.daily === 0) return Number.POSITIVE_INFINITY;
  const share = limits.daily - limits.headline;
  const sinceMidnight = at.getTime() - Date.parse(`${utcDay(at)}T00:00:00Z`);
  return Math.floor(share * Math.min(1, (sinceMidnight + BODY_HEAD_START_MS) / DAY_MS));
}

/** Before this much of the day has passed, the headlines' pace says too little to lend their cap. */
const LEND_AFTER_MS = 3_600_000;
/** Headlines keep this many times what their pace so far says the rest of the day needs. */
const HEADLINE_SAFETY = 1.5;
/** How often a refused body looks again while the headlines' unused cap may still be lent. */
const LEND_RETRY_MS = 15 * 60_000;

/**
 * What the headlines' cap still holds back for headlines at `at`, given what they have spent:
 * their pace so far, projected over the rest of the day with a margin, never more than the cap.
 * The rest of the cap is lent to bodies, so a day of fewer headlines than planned does not leave
 * budget unspent while bodies of stories two countries cover wait for tomorrow. Headlines that
 * come faster than their pace still have the margin; beyond it they wait for the next day, as
 * they would at their cap (nothing is dropped).
 */
export function headlineReserve(limits: BudgetLimits, headlineSpent: number, at: Date): number {
  if (limits.daily === 0) return limits.headline;
  const elapsed = at.getTime() - Date.parse(`${utcDay(at)}T00:00:00Z`);
  if (elapsed < LEND_AFTER_MS) return limits.headline;
  const need = (headlineSpent / elapsed) * (DAY_MS - elapsed) * HEADLINE_SAFETY;
  return Math.min(limits.headline, Math.max(headlineSpent, Math.ceil(headlineSpent + need)));
}

/**
 * When bodies that have spent `spent` may send `chars` more: the moment the even release reaches
 * it; while only the headlines' unused cap could hold it, a little later (what they lend grows
 * as the day goes on); the next midnight when nothing today can.
 */
export function bodyAllowedAt(
  limits: BudgetLimits,
  spent: { body: number; headline: number },
  chars: number,
  at: Date,
): Date {
  const midnight = nextUtcMidnight(at);
  const share = limits.daily - limits.headline;
  if (share <= 0 || spent.body + chars > share) {
    const lendable = Math.max(0, limits.headline - spent.headline);
    if (spent.body + chars > share + lendable) return midnight;
    return new Date(Math.min(midnight.getTime(), at.getTime() + LEND_RETRY_MS));
  }
  const dayStart = midnight.getTime() - DAY_MS;
  const needMs = Math.ceil(((spent.body + chars) / share) * DAY_MS) - BODY_HEAD_START_MS;
  return new Date(Math.min(midnight.getTime(), Math.max(at.getTime() + 1000, dayStart + needMs)));
}

/** Under a budget, bodies of single-country stories wait for what is left from this hour (UTC) on. */
export const LEFTOVER_HOUR = 22;

/** When bodies that only get the day's leftovers may start: today at LEFTOVER_HOUR, or now if later. */
export function leftoversFrom(at: Date): Date {
  const from = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), LEFTOVER_HOUR));
  return at < from ? from : at;
}

/** Characters taken from one day's allowance for one request. */
export interface BudgetReservation {
  /** Gives the characters back to the day they were taken from: the request was not carried out. */
  refund(): Promise<void>;
}

/** Where the translation of a part asks before each request whether the budget allows it. */
export interface CharacterBudget {
  /** Takes `chars` from today's allowance of `part`; null (nothing taken) when it does not fit. */
  reserve(part: BudgetPart, chars: number): Promise<BudgetReservation | null>;
  /** When a request of `chars` refused for `part` may be asked again; null when it never fits a day. */
  retryAt(part: BudgetPart, chars: number): Promise<Date | null>;
}

/** Today's allowance of a part is spent: the work waits until `until` (nothing is dropped). */
export class BudgetExhaustedError extends TranslationError {
  constructor(
    provider: string,
    readonly part: BudgetPart,
    readonly chars: number,
    readonly until: Date,
    /** True when one request is larger than a whole day's allowance: it can never be sent. */
    readonly neverFits = false,
  ) {
    super(
      neverFits
        ? `${provider}: a ${part} request of ${chars} characters is larger than the daily ${part} allowance`
        : `${provider}: today's ${part} budget is spent; waiting until ${until.toISOString()}`,
      provider,
    );
    this.name = 'BudgetExhaustedError';
  }
}
