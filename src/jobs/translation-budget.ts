import type { Store } from '../store/store.ts';
import {
  type BudgetLimits,
  bodyAllowance,
  bodyAllowedAt,
  type CharacterBudget,
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
    reserve(part, chars) {
      const at = now();
      return store.translationSpend.reserve(provider, utcDay(at), part, chars, {
        ...limits,
        bodyAllowance: bodyAllowance(limits, at),
      });
    },
    // A refund just after midnight goes to the new day; the old day's count stays a little high.
    refund: (part, chars) => store.translationSpend.refund(provider, utcDay(now()), part, chars),
    async retryAt(part, chars) {
      const at = now();
      if (limits.daily > 0 && chars > (part === 'headline' ? limits.headline : limits.daily - limits.headline))
        return null;
      if (part === 'headline') return nextUtcMidnight(at);
      const spent = await store.translationSpend.day(provider, utcDay(at));
      return bodyAllowedAt(limits, spent.body, chars, at);
    },
  };
}
