import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';

export type SpendPart = 'headline' | 'body';

/** What a reservation must stay within (see translate/budget.ts); 0 `daily` means no budget. */
export interface SpendCaps {
  daily: number;
  /** The headlines' cap; for a body, what is still held back for headlines (the rest is lent). */
  headline: number;
  /** What the bodies may have spent by now (their share, released over the day, and what is lent). */
  bodyAllowance: number;
}

export interface DaySpend {
  headline: number;
  body: number;
}

/**
 * Characters sent to each translation provider per UTC day. A reservation is one conditional
 * UPDATE, so workers in any number of processes together never pass the caps: headlines stay
 * within their cap; bodies within their allowance and within what the day's budget leaves once
 * the headlines' cap (or what they spent beyond it) is held back.
 */
export class TranslationSpendRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async reserve(provider: string, day: string, part: SpendPart, chars: number, caps: SpendCaps): Promise<boolean> {
    await this.db
      .insertInto('translation_spend')
      .values({ provider, day })
      .onConflict((oc) => oc.columns(['provider', 'day']).doNothing())
      .execute();
    let q = this.db
      .updateTable('translation_spend')
      .where('provider', '=', provider)
      .where('day', '=', day)
      .set(
        part === 'headline'
          ? { headline_chars: sql<number>`headline_chars + ${chars}` }
          : { body_chars: sql<number>`body_chars + ${chars}` },
      );
    if (caps.daily > 0) {
      q =
        part === 'headline'
          ? q
              .where(sql<boolean>`headline_chars + ${chars} <= ${caps.headline}`)
              // Bodies may have been lent part of the headlines' cap: the day's total still holds.
              .where(sql<boolean>`headline_chars + ${chars} + body_chars <= ${caps.daily}`)
          : q
              .where(sql<boolean>`body_chars + ${chars} <= ${caps.bodyAllowance}`)
              .where(
                sql<boolean>`body_chars + ${chars} + CASE WHEN headline_chars > ${caps.headline} THEN headline_chars ELSE ${caps.headline} END <= ${caps.daily}`,
              );
    }
    const result = await q.executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async refund(provider: string, day: string, part: SpendPart, chars: number): Promise<void> {
    await this.db
      .updateTable('translation_spend')
      .where('provider', '=', provider)
      .where('day', '=', day)
      .set(
        part === 'headline'
          ? {
              headline_chars: sql<number>`CASE WHEN headline_chars > ${chars} THEN headline_chars - ${chars} ELSE 0 END`,
            }
          : { body_chars: sql<number>`CASE WHEN body_chars > ${chars} THEN body_chars - ${chars} ELSE 0 END` },
      )
      .execute();
  }

  async day(provider: string, day: string): Promise<DaySpend> {
    const row = await this.db
      .selectFrom('translation_spend')
      .select(['headline_chars', 'body_chars'])
      .where('provider', '=', provider)
      .where('day', '=', day)
      .executeTakeFirst();
    return { headline: Number(row?.headline_chars ?? 0), body: Number(row?.body_chars ?? 0) };
  }

  /** Characters per provider from `fromDay` to `toDay` inclusive (`2026-12-01`…`2026-12-31`). */
  async between(fromDay: string, toDay: string): Promise<Array<{ provider: string; characters: number }>> {
    const rows = await this.db
      .selectFrom('translation_spend')
      .select(['provider', (eb) => eb.fn.sum<number>(sql`headline_chars + body_chars`).as('characters')])
      .where('day', '>=', fromDay)
      .where('day', '<=', toDay)
      .groupBy('provider')
      .execute();
    return rows.map((r) => ({ provider: r.provider, characters: Number(r.characters ?? 0) }));
  }
}
