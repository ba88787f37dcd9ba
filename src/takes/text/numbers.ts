/**
 * Numbers in English news text, normalised so that the same quantity written two ways compares
 * equal: `1,200` = `1200`, `2.50` = `2.5`, `12%` = `12 percent`, `3m` = `3 million` = `3000000`,
 * `twelve` = `12`. Used to tell whether two sentences state the same fact and whether a written
 * sentence's numbers are in its sources.
 */

const NUMBER =
  /(\d{1,3}(?:[,\u00a0\u202f]\d{3})+|\d+)(?:\.(\d+))?(?:\s*(?:%|percent\b|per cent\b))?(?:\s*(thousand|million|billion|trillion|bn|mn|m|k)\b)?/gi;

const MULTIPLIERS: Record<string, number> = {
  thousand: 1e3,
  k: 1e3,
  million: 1e6,
  m: 1e6,
  mn: 1e6,
  billion: 1e9,
  bn: 1e9,
  trillion: 1e12,
};

const WORD_NUMBERS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  dozen: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
};
const WORD_NUMBER = new RegExp(
  `\\b(${Object.keys(WORD_NUMBERS).join('|')})(?:\\s+(thousand|million|billion|trillion))?\\b`,
  'gi',
);

/** One number as written: its value as written and, with a multiplier, the full value. */
export interface NumberMention {
  raw: string;
  /** Canonical forms: the bare value (`3`) and, if a multiplier follows, the full value (`3000000`). */
  forms: string[];
  /** The form that must be matched: the full value when there is one. */
  primary: string;
}

function canonical(value: number): string {
  if (Math.abs(value) >= 1000) return String(Math.round(value));
  return String(Number(value.toFixed(6)));
}

/** Every number in a text, digits and (from two upwards) words. */
export function numberMentions(text: string): NumberMention[] {
  const out: NumberMention[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const integer = m[1]!.replace(/[,\u00a0\u202f]/g, '');
    const bare = Number(m[2] ? `${integer}.${m[2]}` : integer);
    const multiplier = m[3] ? MULTIPLIERS[m[3].toLowerCase()] : undefined;
    const forms = [canonical(bare)];
    if (multiplier) forms.push(canonical(bare * multiplier));
    out.push({ raw: m[0].trim(), forms, primary: forms[forms.length - 1]! });
  }
  for (const m of text.matchAll(WORD_NUMBER)) {
    const bare = WORD_NUMBERS[m[1]!.toLowerCase()]!;
    const multiplier = m[2] ? MULTIPLIERS[m[2].toLowerCase()] : undefined;
    const forms = [canonical(bare)];
    if (multiplier) forms.push(canonical(bare * multiplier));
    out.push({ raw: m[0], forms, primary: forms[forms.length - 1]! });
  }
  return out;
}

/** Every canonical form of every number in a text, for membership tests. */
export function numberForms(text: string): Set<string> {
  const set = new Set<string>();
  for (const m of numberMentions(text)) for (const f of m.forms) set.add(f);
  return set;
}
