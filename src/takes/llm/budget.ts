/**
 * A daily spending cap for the LLM summarizer, counted in tokens. The interface is async so that
 * the lead can back it with the store (shared by every worker); `DailyTokenBudget` keeps the count
 * in memory, which caps one process.
 */
export interface SpendingBudget {
  /** Whether `tokens` more may be spent on the UTC day of `now`. */
  allows(tokens: number, now?: Date): Promise<boolean>;
  /** Records tokens spent (whatever the outcome of the call: a failed answer is paid for too). */
  record(tokens: number, now?: Date): Promise<void>;
  spentToday(now?: Date): Promise<number>;
}

export class DailyTokenBudget implements SpendingBudget {
  private day = '';
  private spent = 0;

  /** `dailyLimit` 0 means no cap. */
  constructor(readonly dailyLimit: number) {}

  async allows(tokens: number, now = new Date()): Promise<boolean> {
    if (this.dailyLimit <= 0) return true;
    return (await this.spentToday(now)) + tokens <= this.dailyLimit;
  }

  async record(tokens: number, now = new Date()): Promise<void> {
    this.roll(now);
    this.spent += Math.max(0, Math.round(tokens));
  }

  async spentToday(now = new Date()): Promise<number> {
    this.roll(now);
    return this.spent;
  }

  private roll(now: Date): void {
    const day = now.toISOString().slice(0, 10);
    if (day !== this.day) {
      this.day = day;
      this.spent = 0;
    }
  }
}

/** Rough token count when a server reports no usage: about four characters per token in English. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
