/**
 * Chinese (Simplified or Traditional) and Japanese, for text written mostly in Han characters
 * and kana. Korean needs no rule here: Hangul is its own script.
 *
 * - Kana decide Japanese: Chinese never writes them, save a Japanese name quoted now and then, so
 *   a small share of kana among the ideographs is enough.
 * - Otherwise the text is Chinese, and its script is the one whose own characters it uses: 经/經,
 *   国/國 (sets derived from OpenCC, see data/han-variants.ts). A text made only of characters
 *   both scripts share (中文, 台北市) stays a tie that a declared language may break.
 * - A short run of kanji without kana (日米首脳会談) can be a Japanese headline; it stays a
 *   near-tie with Chinese that a declared `ja` breaks, unless it is consistently Traditional.
 */
import { SIMPLIFIED_ONLY, TRADITIONAL_ONLY } from './data/han-variants.ts';
import type { Ranking } from './ranking.ts';
import type { ScriptCounts } from './scripts.ts';

const simplifiedOnly = new Set(SIMPLIFIED_ONLY);
const traditionalOnly = new Set(TRADITIONAL_ONLY);

/** Kana share of Han + kana above which a text is Japanese. */
const KANA_SHARE = 0.05;
/** Below this many ideographs, kanji-only text may be a Japanese headline. */
const SHORT_HAN = 40;

export function countHanVariants(text: string): { simplified: number; traditional: number } {
  let simplified = 0;
  let traditional = 0;
  for (const ch of text) {
    if (simplifiedOnly.has(ch)) simplified++;
    else if (traditionalOnly.has(ch)) traditional++;
  }
  return { simplified, traditional };
}

export function rankCjk(text: string, counts: ScriptCounts): Ranking {
  const kana = counts.counts.get('Kana') ?? 0;
  const han = counts.counts.get('Han') ?? 0;
  if (kana > 0 && kana / (kana + han) >= KANA_SHARE) {
    return [
      { lang: 'ja', score: 1 },
      { lang: 'zh-Hans', score: 0.2 },
    ];
  }
  const { simplified, traditional } = countHanVariants(text);
  const marked = simplified + traditional;
  // With no script-specific character both Chinese scripts tie at 1; otherwise the minority
  // script scores its share (a Traditional text quoting one simplified name stays Traditional).
  const hans = marked === 0 ? 1 : simplified / marked;
  const hant = marked === 0 ? 1 : traditional / marked;
  const ranking: Ranking = [
    { lang: 'zh-Hans', score: hans },
    { lang: 'zh-Hant', score: hant },
  ];
  // Kana-less Japanese is short (headlines, captions), and mixes forms that look simplified (会,
  // 国) with forms that look traditional (談, 議): a near-tie for a declared `ja` to break, unless
  // the text is consistently Traditional.
  const consistentlyTraditional = traditional > 1 && simplified === 0;
  const japanese = han < SHORT_HAN && !consistentlyTraditional ? 0.97 : 0.1;
  ranking.push({ lang: 'ja', score: japanese * Math.max(hans, hant) });
  return ranking.sort((a, b) => b.score - a.score);
}
