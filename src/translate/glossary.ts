import { createHash } from 'node:crypto';

/**
 * Names that must come out one way in every article (the seed's page calls one envoy "Weikov" and
 * "Witkoff" three lines apart). An entry maps a source-language form to one English form; the
 * operator writes entries, and the stories stage adds the names it learns from other coverage.
 */
export type GlossaryKind = 'person' | 'place' | 'organisation' | 'other';
export type GlossaryOrigin = 'operator' | 'story';

export interface GlossaryEntry {
  sourceForm: string;
  /** BCP 47 primary language of `sourceForm` (`ru`, `es`). */
  sourceLang: string;
  english: string;
  kind?: GlossaryKind;
  origin?: GlossaryOrigin;
  /** English renderings seen before that are wrong ("Weikov"): replaced without asking the provider again. */
  variants?: string[];
}

/** Where a translation run finds its entries: the store's glossary, or a list in memory. */
export interface Glossary {
  entriesFor(sourceLang: string): Promise<GlossaryEntry[]>;
}

export class MemoryGlossary implements Glossary {
  constructor(private readonly entries: readonly GlossaryEntry[]) {}
  async entriesFor(sourceLang: string): Promise<GlossaryEntry[]> {
    return this.entries.filter((e) => e.sourceLang === sourceLang);
  }
}

export interface GlossaryCheck {
  /** The English text with recorded wrong variants replaced by the glossary form. */
  text: string;
  /** Entries whose source form is in the source but whose English form is still missing. */
  flagged: GlossaryEntry[];
  /** Entries that were fixed by replacing a recorded wrong variant. */
  replaced: GlossaryEntry[];
}

/**
 * Checks one translated text against the glossary: for every entry whose source form occurs in
 * the source, the English form must occur in the translation. A recorded wrong variant is
 * replaced in place; anything still missing is flagged, for the caller to retranslate with the
 * glossary enforced.
 */
export function applyGlossaryCheck(
  sourceText: string,
  englishText: string,
  entries: readonly GlossaryEntry[],
): GlossaryCheck {
  let text = englishText;
  const flagged: GlossaryEntry[] = [];
  const replaced: GlossaryEntry[] = [];
  for (const entry of entries) {
    if (!containsForm(sourceText, entry.sourceForm, true)) continue;
    if (containsForm(text, entry.english, false)) continue;
    const fixed = replaceVariants(text, entry);
    if (fixed !== text && containsForm(fixed, entry.english, false)) {
      text = fixed;
      replaced.push(entry);
    } else {
      flagged.push(entry);
    }
  }
  return { text, flagged, replaced };
}

/** The entries whose source form occurs in any of the texts: only those go to a provider. */
export function relevantEntries(texts: readonly string[], entries: readonly GlossaryEntry[]): GlossaryEntry[] {
  return entries.filter((e) => texts.some((t) => containsForm(t, e.sourceForm, true)));
}

/**
 * Writes the English forms into the source text before it is translated. Engines carry an
 * unknown proper noun through unchanged, so this enforces the glossary on providers that have no
 * glossary support of their own.
 */
export function substituteEntries(sourceText: string, entries: readonly GlossaryEntry[]): string {
  let text = sourceText;
  for (const entry of entries) {
    const pattern = formPattern(entry.sourceForm, true);
    text = text.replace(pattern, (_m, before: string) => `${before}${entry.english}`);
  }
  return text;
}

/** A stable id for a set of entries (DeepL glossaries are created once per distinct content). */
export function glossaryHash(entries: readonly GlossaryEntry[]): string {
  const lines = entries.map((e) => `${e.sourceLang}\t${e.sourceForm}\t${e.english}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

// Scripts written without spaces between words: there a name is found anywhere in the text.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u;

function containsForm(text: string, form: string, inflected: boolean): boolean {
  if (form.trim() === '') return false;
  return formPattern(form, inflected).test(text.normalize('NFC'));
}

/**
 * A case-insensitive pattern for a form standing as whole words. On the source side a name may
 * carry a short inflectional ending (Russian "Уиткоффом", Polish "Witkoffa"), so up to three
 * letters may follow a form of four letters or more.
 */
function formPattern(form: string, inflected: boolean): RegExp {
  const normal = form.normalize('NFC').trim();
  const escaped = normal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (UNSPACED.test(normal)) return new RegExp(`()${escaped}`, 'giu');
  const ending = inflected && [...normal].length >= 4 ? '\\p{L}{0,3}' : '';
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}${ending}(?![\\p{L}\\p{N}])`, 'giu');
}

function replaceVariants(text: string, entry: GlossaryEntry): string {
  let out = text;
  for (const variant of entry.variants ?? []) {
    out = out.replace(formPattern(variant, false), (_m, before: string) => `${before}${entry.english}`);
  }
  return out;
}
