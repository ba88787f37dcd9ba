import { logger } from '../config/log.ts';
import type { Store } from '../store/store.ts';
import type { GlossarySuggestion } from '../stories/names.ts';

const log = logger('names');

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Applies a story's name suggestions: the stored English translations that write a variant
 * ("Weikov") are corrected to the canonical spelling ("Witkoff"), and glossary entries that
 * already map a source name to the canonical spelling learn the variant, so later translations
 * are corrected without asking the provider again. Returns how many translations changed.
 */
export async function correctNames(store: Store, suggestions: readonly GlossarySuggestion[]): Promise<number> {
  let changed = 0;
  const glossary = await store.glossary.list();
  for (const s of suggestions) {
    const word = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(s.variant)}(?![\\p{L}\\p{N}])`, 'gu');
    for (const id of s.articleIds) {
      const t = await store.translations.get(Number(id));
      if (!t) continue;
      const fix = (text: string) => text.replace(word, s.canonical);
      const blocks = t.blocks.map((b) => ({ ...b, text: fix(b.text) }));
      const next = {
        ...t,
        title: fix(t.title),
        blocks,
        ...(t.standfirst ? { standfirst: fix(t.standfirst) } : {}),
        ...(t.imageCaption ? { imageCaption: fix(t.imageCaption) } : {}),
      };
      if (JSON.stringify(next) !== JSON.stringify(t)) {
        await store.translations.save(next);
        changed++;
      }
    }
    for (const entry of glossary.filter((e) => e.english === s.canonical)) {
      await store.glossary.addVariant(entry.sourceLang, entry.sourceForm, s.variant);
    }
    log.info('name spelled one way across the story', {
      variant: s.variant,
      canonical: s.canonical,
      articles: s.articleIds.length,
    });
  }
  return changed;
}
