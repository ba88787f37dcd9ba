/**
 * Languages written in the Arabic script. Letters tell them apart better than n-grams on short
 * text:
 * - Urdu alone uses ے ں ٹ ڈ ڑ (and writes ھ in aspirates);
 * - Pashto alone ټ ډ ړ ږ ښ ګ ڼ ې ۍ; Sorani Kurdish ە ڵ ڕ ۆ ێ;
 * - Persian (like Urdu) uses پ چ ژ گ, which Arabic lacks;
 * - Arabic alone uses ة and ى.
 * Evidence must be more than a stray letter in a long text (a Persian name in an Arabic article),
 * so each count is compared with the length. Without evidence the n-gram model decides.
 */
import type { Ranking } from './ranking.ts';

const URDU = new Set('ےںٹڈڑ');
const PASHTO = new Set('ټډړږښګڼېۍ');
const SORANI = new Set('ەڵڕۆێ');
const PERSIAN_OR_URDU = new Set('پچژگ');
const ARABIC_ONLY = new Set('ةى');

/** Minimum share of the letters for a letter class to count as evidence. */
const EVIDENCE_SHARE = 0.004;

/** The model's codes for the languages it knows in this script; `ku` is its Sorani. */
const MODELLED: Record<string, string> = { ar: 'ar', fa: 'fa', ur: 'ur', ku: 'ckb' };

export function rankArabic(text: string, modelScores: Map<string, number>): Ranking {
  const count = { ur: 0, ps: 0, ckb: 0, faUr: 0, ar: 0, letters: 0 };
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 0x0600 || c > 0x06ff) continue;
    count.letters++;
    if (URDU.has(ch)) count.ur++;
    else if (PASHTO.has(ch)) count.ps++;
    else if (SORANI.has(ch)) count.ckb++;
    else if (PERSIAN_OR_URDU.has(ch)) count.faUr++;
    else if (ARABIC_ONLY.has(ch)) count.ar++;
  }
  const enough = (n: number) => n > 0 && n >= count.letters * EVIDENCE_SHARE;

  const scores = new Map<string, number>();
  for (const [model, lang] of Object.entries(MODELLED)) scores.set(lang, modelScores.get(model) ?? 0);
  const top = Math.max(0, ...scores.values());
  // A language with its own letters goes to the top; languages ruled out by them drop away.
  const promote = (lang: string) => scores.set(lang, top + 0.1);
  if (enough(count.ur) && count.ur >= count.ps && count.ur >= count.ckb) {
    promote('ur');
  } else if (enough(count.ps) && count.ps >= count.ckb) {
    promote('ps');
  } else if (enough(count.ckb)) {
    promote('ckb');
  } else if (enough(count.faUr) && count.faUr > count.ar) {
    // Persian or Urdu letters without Urdu's own: Persian; Arabic is out.
    scores.set('ar', Math.min(scores.get('ar') ?? 0, top - 0.1));
    if ((scores.get('fa') ?? 0) <= (scores.get('ur') ?? 0)) promote('fa');
  } else if (enough(count.ar) && count.faUr === 0) {
    promote('ar');
  }
  return [...scores].map(([lang, score]) => ({ lang, score })).sort((a, b) => b.score - a.score);
}
