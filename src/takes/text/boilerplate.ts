/**
 * Which sentences may appear in a take. Extracted article text still carries page furniture
 * ("Read more", photo credits, newsletter pitches) and sentences that only make sense in their
 * article (questions to the reader, a sentence opening with "He" or "But"). The first kind is
 * dropped; the second kind is kept with a penalty, because a story may have nothing better.
 */

export const SENTENCE_LIMITS = { minWords: 7, maxWords: 55, minChars: 40, maxChars: 400 } as const;

const FURNITURE: RegExp[] = [
  /\bread (more|also|next)\b/i,
  /\b(click|tap) here\b/i,
  /\b(sign up|subscribe)\b.*\b(newsletter|updates|alerts)\b/i,
  /\bnewsletter\b/i,
  /\bfollow (us|him|her|them) on\b/i,
  /\b(photo|picture|image|video|graphic|illustration)\s*(credit|caption)?\s*[:/]/i,
  /\b(getty images|afp via getty|shutterstock|ap photo|reuters\/|epa-efe|file photo)\b/i,
  /\ball rights reserved\b/i,
  /©|\bcopyright\b/i,
  /\badvertisement\b/i,
  /\b(share|comment on) this (article|story)\b/i,
  /\b(this|the) (article|story) (was|has been) (updated|amended|corrected)\b/i,
  /\bcookies?\b.*\b(consent|policy|settings)\b/i,
  /\b(listen to|watch) (this|the) (article|story|video|podcast)\b/i,
  /https?:\/\/|www\.|\S+@\S+\.\w+/i,
  /^(related|more|watch|listen|see also|editor's note|update)\s*:/i,
  /\b(reporting|writing|editing) by\b/i,
];

/** Openers that point at something said in an earlier sentence of the same article. */
const DANGLING_OPENER =
  /^(he|she|they|it|this|that|these|those|his|her|their|its|but|and|or|so|also|however|meanwhile|still|yet|then|there|here)\b/i;

/** Why a sentence cannot be used, or undefined when it can. */
export function rejectReason(sentence: string): string | undefined {
  const wordCount = sentence.split(/\s+/).length;
  if (wordCount < SENTENCE_LIMITS.minWords || sentence.length < SENTENCE_LIMITS.minChars) return 'too short';
  if (wordCount > SENTENCE_LIMITS.maxWords || sentence.length > SENTENCE_LIMITS.maxChars) return 'too long';
  if (/\?["'”’)]*$/.test(sentence)) return 'question';
  if (!/[.!"'”’)]$/.test(sentence)) return 'unfinished';
  if (!/^[\p{Lu}\p{N}"'“‘(]/u.test(sentence)) return 'fragment';
  if (FURNITURE.some((re) => re.test(sentence))) return 'boilerplate';
  if (unbalancedQuotes(sentence)) return 'broken quote';
  return undefined;
}

/** 1 for a self-contained sentence, less for one that leans on its neighbours. */
export function standaloneFactor(sentence: string): number {
  let factor = 1;
  if (DANGLING_OPENER.test(sentence)) factor *= 0.6;
  // A sentence that is mostly a quotation reads oddly without its speaker.
  if (/^["“‘]/.test(sentence)) factor *= 0.85;
  return factor;
}

function unbalancedQuotes(s: string): boolean {
  const straight = (s.match(/"/g) ?? []).length;
  const open = (s.match(/“/g) ?? []).length;
  const close = (s.match(/”/g) ?? []).length;
  return straight % 2 === 1 || open !== close;
}
