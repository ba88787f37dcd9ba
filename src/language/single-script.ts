/**
 * Scripts that (for news) belong to one language, and the few that need a word or letter more:
 * Devanagari is Hindi unless Marathi or Nepali function words outnumber Hindi's; Bengali script
 * is Bengali unless Assamese's own letters ৰ ৱ appear; Hebrew script is Hebrew unless Yiddish's
 * digraph letters ײ װ ױ appear.
 */
import type { Ranking } from './ranking.ts';
import type { Script } from './scripts.ts';

const SCRIPT_LANGUAGE: Partial<Record<Script, string>> = {
  Greek: 'el',
  Armenian: 'hy',
  Georgian: 'ka',
  Thaana: 'dv',
  Gurmukhi: 'pa',
  Gujarati: 'gu',
  Oriya: 'or',
  Tamil: 'ta',
  Telugu: 'te',
  Kannada: 'kn',
  Malayalam: 'ml',
  Sinhala: 'si',
  Thai: 'th',
  Lao: 'lo',
  Tibetan: 'bo',
  Myanmar: 'my',
  Khmer: 'km',
  Ethiopic: 'am',
  Hangul: 'ko',
};

/** Frequent short words of each language written in Devanagari (our own choice). */
const DEVANAGARI_WORDS: Record<string, ReadonlySet<string>> = {
  hi: new Set(['है', 'हैं', 'और', 'के', 'की', 'का', 'में', 'से', 'को', 'ने', 'यह', 'था', 'थी', 'नहीं', 'भी', 'लिए']),
  mr: new Set(['आहे', 'आहेत', 'आणि', 'नाही', 'मध्ये', 'केली', 'होते', 'झाले', 'त्यांनी', 'असे', 'करण्यात', 'येथे']),
  ne: new Set(['छ', 'छन्', 'र', 'पनि', 'गरेको', 'भएको', 'थियो', 'गर्न', 'लागि', 'रहेको', 'हुन्छ', 'तथा', 'भने', 'गरे']),
};

function rankDevanagari(text: string): Ranking {
  const hits = new Map(Object.keys(DEVANAGARI_WORDS).map((lang) => [lang, 0]));
  for (const word of text.split(/[\s\u0964\u0965.,;:!?"'()[\]{}«»“”‘’-]+/u)) {
    for (const [lang, words] of Object.entries(DEVANAGARI_WORDS)) {
      if (words.has(word)) hits.set(lang, (hits.get(lang) ?? 0) + 1);
    }
  }
  const total = [...hits.values()].reduce((a, b) => a + b, 0);
  // No function word at all (a two-word caption): Hindi, by far the most written, leads a tie.
  if (total === 0) return ['hi', 'mr', 'ne'].map((lang) => ({ lang, score: lang === 'hi' ? 0.5 : 0.49 }));
  return [...hits]
    .map(([lang, n]) => ({ lang, score: n / total + (lang === 'hi' ? 0.001 : 0) }))
    .sort((a, b) => b.score - a.score);
}

function onlyOne(lang: string): Ranking {
  return [{ lang, score: 1 }];
}

/** The ranking for a text written in `script`, or undefined when the script needs the n-gram model. */
export function rankBySingleScript(script: Script, text: string): Ranking | undefined {
  const lang = SCRIPT_LANGUAGE[script];
  if (lang) return onlyOne(lang);
  if (script === 'Devanagari') return rankDevanagari(text);
  if (script === 'Bengali') return onlyOne(/[\u09f0\u09f1]/u.test(text) ? 'as' : 'bn');
  if (script === 'Hebrew') return onlyOne(/[\u05f0-\u05f2]/u.test(text) ? 'yi' : 'he');
  return undefined;
}
