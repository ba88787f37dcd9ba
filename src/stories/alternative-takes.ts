/**
 * Alternative Takes: for one article, the other articles of its story, one per outlet, grouped by
 * country, each with a line on what it stresses that the rest of the story does not.
 *
 * "Stresses" = the article's words and names that are frequent in it, rare in the story's other
 * articles (a story-level inverse frequency) and not generic in the archive (archive IDF when a
 * model is given). A name a reader recognises beats a word, so names are listed first.
 */

import type { AlternativeTake, StoredAlternativeTakes } from '../model/story.ts';
import { groupBy } from '../util/group-by.ts';
import type { StoryDoc } from './doc.ts';
import { SimilarityModel, similarity } from './similarity.ts';
import { readerText, type SurfaceCounts, SurfaceForms, surfaceCounts } from './surface.ts';
import { NAME_PREFIX } from './term-stats.ts';

/** Articles a candidate take is compared with to judge how representative it is. */
const CENTRALITY_SAMPLE = 40;

export type { AlternativeTake, StoredAlternativeTakes } from '../model/story.ts';

export interface CountryTakes {
  country: string;
  takes: AlternativeTake[];
}

export interface TakesOptions {
  /** The archive's model, for archive IDF (generic words are never "stressed"). */
  model?: SimilarityModel;
  /** How many words a line names. */
  maxStresses?: number;
}

/** The `max` keys of `own` that the rest of the story uses least, as display strings. */
export function distinctiveTerms(
  own: SurfaceCounts,
  storyDf: Map<string, number>,
  storySize: number,
  forms: SurfaceForms,
  archiveIdf: (key: string) => number,
  max: number,
): string[] {
  const scored: Array<{ key: string; score: number }> = [];
  const consider = (bag: Map<string, number>, bonus: number) => {
    for (const [key, count] of bag) {
      const df = storyDf.get(key) ?? 1;
      // Used by more than half the story: that is the story, not this article's angle.
      if (storySize > 2 && df > storySize / 2) continue;
      const storyIdf = Math.log((storySize + 1) / df);
      scored.push({ key, score: Math.log1p(count) * storyIdf * archiveIdf(key) * bonus });
    }
  };
  consider(own.names, 1.5);
  consider(own.words, 1);
  scored.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
  const out: string[] = [];
  const seen: string[] = [];
  for (const { key } of scored) {
    const text = forms.display(key);
    const lower = text.toLowerCase();
    // "Moscow" the name and "moscow" the word are one thing; so are "gas" and "Gazprom gas".
    if (seen.some((s) => s.includes(lower) || lower.includes(s))) continue;
    seen.push(lower);
    out.push(text);
    if (out.length >= max) break;
  }
  return out;
}

export function stressLine(terms: string[]): string {
  return terms.length > 0 ? `Stresses: ${terms.join(', ')}` : 'Reports the common account';
}

/**
 * The part of Alternative Takes that does not depend on which article is being read: every
 * article's closeness to the story and the line on what it stresses. It is the expensive part
 * (each article's words and names, similarities within a sample), so it is worked out once per
 * story, not once per page: by the pipeline, which stores it (`storedTakes`), or by a reader
 * when none is stored yet.
 */
export interface AlternativeTakesAnalysis {
  /** Every article of the story, in its order, with its outlet. */
  candidates: ReadonlyArray<{ id: StoryDoc['id']; outlet: string }>;
  /**
   * Closeness of an article to the story as a whole, which picks one article when an outlet has
   * several (most outlets write one article per story, and then it is not needed).
   */
  centrality(id: StoryDoc['id']): number;
  /** A candidate as a take, with its line. */
  take(id: StoryDoc['id']): AlternativeTake;
}

export function analyseStoryTakes(story: readonly StoryDoc[], options: TakesOptions = {}): AlternativeTakesAnalysis {
  const model = options.model ?? new SimilarityModel();
  const max = options.maxStresses ?? 3;
  const forms = new SurfaceForms();
  const byId = new Map(story.map((d) => [d.id, d]));
  const counts = new Map(story.map((d) => [d.id, surfaceCounts(d, forms)]));
  const storyDf = new Map<string, number>();
  for (const c of counts.values()) {
    for (const key of [...c.words.keys(), ...c.names.keys()]) storyDf.set(key, (storyDf.get(key) ?? 0) + 1);
  }
  const known = model.stats.documentCount > 0;
  const archiveIdf = (key: string) =>
    known ? Math.max(0.1, model.stats.idf(key)) : key.startsWith(NAME_PREFIX) ? 2 : 1;

  // Closeness to (a bounded sample of) the story: big stories must not cost n² comparisons.
  const sample = story.slice(0, CENTRALITY_SAMPLE);
  const centralities = new Map<StoryDoc['id'], number>();
  const takes = new Map<StoryDoc['id'], AlternativeTake>();
  const docOf = (id: StoryDoc['id']) => {
    const doc = byId.get(id);
    if (!doc) throw new Error(`article ${id} is not in the story`);
    return doc;
  };
  return {
    candidates: story.map((doc) => ({ id: doc.id, outlet: doc.outlet ?? String(doc.id) })),
    centrality(id) {
      let centrality = centralities.get(id);
      if (centrality === undefined) {
        const doc = docOf(id);
        centrality = sample.reduce((sum, other) => (other === doc ? sum : sum + similarity(doc, other, model)), 0);
        centralities.set(id, centrality);
      }
      return centrality;
    },
    take(id) {
      let take = takes.get(id);
      if (!take) {
        const doc = docOf(id);
        const own = counts.get(id);
        const stresses = own ? distinctiveTerms(own, storyDf, story.length, forms, archiveIdf, max) : [];
        const shown = readerText(doc);
        take = {
          articleId: doc.id,
          outlet: doc.outlet ?? String(doc.id),
          country: doc.country ?? 'XX',
          title: shown.title,
          language: shown.language,
          differs: stressLine(stresses),
          stresses,
        };
        takes.set(id, take);
      }
      return take;
    },
  };
}

/** Works out everything `analysis` can answer, for storing. */
export function storedTakes(analysis: AlternativeTakesAnalysis): StoredAlternativeTakes {
  const perOutlet = groupBy(analysis.candidates, (c) => c.outlet);
  return {
    takes: analysis.candidates.map((c) => {
      const { differs: _derived, ...take } = analysis.take(c.id);
      return (perOutlet.get(c.outlet)?.length ?? 0) > 1 ? { ...take, centrality: analysis.centrality(c.id) } : take;
    }),
  };
}

/** A stored analysis, answering as the analysis it was made from. */
export function restoredTakes(stored: StoredAlternativeTakes): AlternativeTakesAnalysis {
  // Built whole, field by field: a page reads every take of the story it restores, and this is
  // on the path of every uncached article page.
  const takes = new Map<StoryDoc['id'], AlternativeTake>();
  const centralities = new Map<StoryDoc['id'], number>();
  const candidates: Array<{ id: StoryDoc['id']; outlet: string }> = [];
  for (const t of stored.takes) {
    candidates.push({ id: t.articleId, outlet: t.outlet });
    takes.set(t.articleId, {
      articleId: t.articleId,
      outlet: t.outlet,
      country: t.country,
      title: t.title,
      language: t.language,
      differs: stressLine(t.stresses),
      stresses: t.stresses,
    });
    if (t.centrality !== undefined) centralities.set(t.articleId, t.centrality);
  }
  return {
    candidates,
    centrality: (id) => centralities.get(id) ?? 0,
    take(id) {
      const take = takes.get(id);
      if (!take) throw new Error(`article ${id} is not in the stored story`);
      return take;
    },
  };
}

/**
 * Per outlet, the one article `analysis` would show of it: the first of its most central
 * articles (closeness is asked for only when an outlet wrote more than one). This does not depend
 * on the reader, so a page can work it out once per story version and leave out the reader's own
 * outlet afterwards.
 */
export function outletPicks(analysis: AlternativeTakesAnalysis): AlternativeTake[] {
  const best = new Map<string, { id: StoryDoc['id']; score?: number }>();
  for (const { id, outlet } of analysis.candidates) {
    const current = best.get(outlet);
    if (!current) {
      best.set(outlet, { id });
      continue;
    }
    current.score ??= analysis.centrality(current.id);
    const score = analysis.centrality(id);
    if (score > current.score) {
      current.id = id;
      current.score = score;
    }
  }
  return [...best.values()].map(({ id }) => analysis.take(id));
}

/**
 * The picks a reader of `article` is offered: every outlet's but the article's own, grouped by
 * country (countries with more outlets first, outlets in the order of their ids).
 */
export function takesForReader<T extends Pick<AlternativeTake, 'articleId' | 'outlet' | 'country'>>(
  picks: readonly T[],
  article: Pick<StoryDoc, 'id' | 'outlet'>,
): Array<{ country: string; takes: T[] }> {
  const byCountry = groupBy(
    picks.filter((t) => t.outlet !== article.outlet && t.articleId !== article.id),
    (take) => take.country,
  );
  const groups: Array<{ country: string; takes: T[] }> = [];
  for (const [country, takes] of byCountry) {
    groups.push({ country, takes: takes.sort((a, b) => compare(a.outlet, b.outlet)) });
  }
  return groups.sort((a, b) => b.takes.length - a.takes.length || compare(a.country, b.country));
}

/** The takes `analysis` offers a reader of `article`: `outletPicks` less its own, by country. */
export function takesFor(analysis: AlternativeTakesAnalysis, article: Pick<StoryDoc, 'id' | 'outlet'>): CountryTakes[] {
  return takesForReader(outletPicks(analysis), article);
}

/** Code-unit order: outlet ids and country codes are ASCII, and this is on every article page. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The other outlets' takes on `article`'s story (`story` holds all its articles, `article`
 * included or not). Per outlet the article closest to the story as a whole is shown; the
 * article's own outlet is left out. Countries with more outlets come first.
 */
export function alternativeTakes(article: StoryDoc, story: StoryDoc[], options: TakesOptions = {}): CountryTakes[] {
  const all = story.some((d) => d.id === article.id) ? story : [article, ...story];
  return takesFor(analyseStoryTakes(all, options), article);
}
