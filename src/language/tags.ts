/**
 * Language tags in the form detection returns them. Detection speaks BCP 47 with the script
 * where one language has two (zh-Hans/zh-Hant, sr-Cyrl/sr-Latn) and the plain ISO 639-1 code
 * otherwise (Norwegian is `nb`, the Bokmål that news is written in and that DeepL, LibreTranslate
 * and Apertium name so). Declared tags from pages (zh-TW, pt_BR, iw, no, fil) are mapped into that form so a
 * hint can be compared with a candidate.
 */

/** Deprecated or sibling codes that mean a language we return under another code. */
const ALIASES: Record<string, string> = { iw: 'he', in: 'id', ji: 'yi', no: 'nb', nn: 'nb', fil: 'tl', ku: 'ckb' };

const TRADITIONAL_REGIONS = new Set(['tw', 'hk', 'mo']);

/** Maps a declared tag to detection's form, or undefined when it is not a language tag. */
export function normalizeTag(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  const parts = tag.trim().toLowerCase().replace(/_/g, '-').split('-');
  const first = parts[0] ?? '';
  if (!/^[a-z]{2,3}$/.test(first)) return undefined;
  const primary = ALIASES[first] ?? first;
  const rest = parts.slice(1);
  if (primary === 'zh') {
    if (rest.includes('hant') || rest.some((p) => TRADITIONAL_REGIONS.has(p))) return 'zh-Hant';
    return 'zh-Hans';
  }
  if (primary === 'sr') {
    if (rest.includes('latn')) return 'sr-Latn';
    if (rest.includes('cyrl')) return 'sr-Cyrl';
  }
  return primary;
}

/** The language subtag of a tag: `zh` for `zh-Hant`. */
export function primaryLanguage(tag: string): string {
  return tag.split('-')[0]?.toLowerCase() ?? tag;
}
