/**
 * Alternative Takes: for one article, the other articles of its story, one per outlet, grouped by
 * country, each with a line on what it stresses that the rest of the story does not.
 *
 * "Stresses" = the article's words and names that are frequent in it, rare in the story's other
 * articles (a story-level inverse frequency) and not generic in the archive (archive IDF when a
 * model is given). A name a reader recognises beats a word, so names are listed first.
 */

import { groupBy } from '../model/group-by.ts';
import type { StoryDoc } from './doc.ts';
import { SimilarityModel, similarity } from './similarity.ts';
import { readerText, type SurfaceCounts, SurfaceForms, surfaceCounts } from './surface.ts';
import { NAME_PREFIX } from './term-stats.ts';

/** Articles a candidate take is compared with to judge how representative it is. */
const CENTRALITY_SAMPLE = 40;

export interface AlternativeTake {
  articleId: string | number;
  outlet: string;
  country: string;
  /** The English headline when translated, else the original. */
  title: string;
  /** One line, e.g. "Stresses: sanctions, Moscow, gas prices". */
  differs: string;
  /** The distinctive words and names behind `differs`, strongest first. */
  stresses: string[];
}

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
 * (each article's words and names, similarities within a sample), so a reader of a story's many
 * articles computes it once per story, not once per page.
 */
export interface StoryTakes {
  /** Every article of the story, in its order, with its outlet. */
  candidates: Array<{ doc: StoryDoc; outlet: string }>;
  /**
   * Closeness of an article to the story as a whole, which picks one article when an outlet has
   * several; worked out only then (most outlets write one article per story), and kept.
   */
  centrality(doc: StoryDoc): number;
  /** A candidate as a take, with its line (worked out the first time it is shown, then kept). */
  take(doc: StoryDoc): AlternativeTake;
}

export function analyseStoryTakes(story: StoryDoc[], options: TakesOptions = {}): StoryTakes {
  const model = options.model ?? new SimilarityModel();
  const max = options.maxStresses ?? 3;
  const forms = new SurfaceForms();
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
  return {
    candidates: story.map((doc) => ({ doc, outlet: doc.outlet ?? String(doc.id) })),
    centrality(doc) {
      let centrality = centralities.get(doc.id);
      if (centrality === undefined) {
        centrality = sample.reduce((sum, other) => (other === doc ? sum : sum + similarity(doc, other, model)), 0);
        centralities.set(doc.id, centrality);
      }
      return centrality;
    },
    take(doc) {
      let take = takes.get(doc.id);
      if (!take) {
        const own = counts.get(doc.id);
        const stresses = own ? distinctiveTerms(own, storyDf, story.length, forms, archiveIdf, max) : [];
        take = {
          articleId: doc.id,
          outlet: doc.outlet ?? String(doc.id),
          country: doc.country ?? 'XX',
          title: readerText(doc).title,
          differs: stressLine(stresses),
          stresses,
        };
        takes.set(doc.id, take);
      }
      return take;
    },
  };
}

/**
 * The takes `analysis` offers a reader of `article`: per outlet the article closest to the story
 * as a whole, the article's own outlet left out, grouped by country (countries with more outlets
 * first).
 */
export function takesFor(analysis: StoryTakes, article: Pick<StoryDoc, 'id' | 'outlet'>): CountryTakes[] {
  const byOutlet = groupBy(
    analysis.candidates.filter(
      ({ doc, outlet }) => doc.id !== article.id && (article.outlet === undefined || outlet !== article.outlet),
    ),
    (c) => c.outlet,
  );
  const takes = [...byOutlet.values()].map((own) => {
    // The first of the most central, when the outlet wrote more than one.
    let best = (own[0] as { doc: StoryDoc }).doc;
    for (let i = 1, bestScore = own.length > 1 ? analysis.centrality(best) : 0; i < own.length; i++) {
      const doc = (own[i] as { doc: StoryDoc }).doc;
      const score = analysis.centrality(doc);
      if (score > bestScore) {
        best = doc;
        bestScore = score;
      }
    }
    return analysis.take(best);
  });
  return [...groupBy(takes, (t) => t.country)]
    .map(([country, takes]) => ({ country, takes: takes.sort((a, b) => a.outlet.localeCompare(b.outlet)) }))
    .sort((a, b) => b.takes.length - a.takes.length || a.country.localeCompare(b.country));
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
