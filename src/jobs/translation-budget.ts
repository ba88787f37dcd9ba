import type { Store } from '../store/store.ts';
import {
  type BudgetLimits,
  bodyAllowance,
  bodyAllowedAt,
  type CharacterBudget,
  headlineReserve,
  nextUtcMidnight,
  utcDay,
} from '../translate/budget.ts';

/**
 * The daily budget of one provider, held in the store so every worker spends from the same
 * count. `now` is injectable: tests and the budget benchmark replay days on their own clock.
 */
export function storeBudget(
  store: Store,
  provider: string,
  limits: BudgetLimits,
  now: () => Date = () => new Date(),
): CharacterBudget {
  return {
    async reserve(part, chars) {
      const at = now();
      const day = utcDay(at);
      // Bodies may use what the headlines' pace says they will not need today (headlineReserve).
      const lent =
        part === 'body' && limits.daily > 0
          ? limits.headline - headlineReserve(limits, (await store.translationSpend.day(provider, day)).headline, at)
          : 0;
      const taken = await store.translationSpend.reserve(provider, day, part, chars, {
        daily: limits.daily,
        headline: limits.headline - lent,
        bodyAllowance: bodyAllowance(limits, at) + lent,
      });
      // A refund goes back to the day the characters were taken from, even after midnight.
      return taken ? { refund: () => store.translationSpend.refund(provider, day, part, chars) } : null;
    },
    async retryAt(part, chars) {
      const at = now();
      if (limits.daily > 0 && chars > (part === 'headline' ? limits.headline : limits.daily - limits.headline))
        return null;
      if (part === 'headline') return nextUtcMidnight(at);
      const spent = await store.translationSpend.day(provider, utcDay(at));
      return bodyAllowedAt(limits, spent, chars, at);
    },
  };
}
