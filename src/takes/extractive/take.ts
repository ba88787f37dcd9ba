import type { WorldTakeSection } from '../../model/story.ts';
import { aspectHeading, assignAspects } from '../aspects.ts';
import type { TakeArticle, TakeInput, TakeResult } from '../summarizer.ts';
import { hashString, kMeans } from '../text/kmeans.ts';
import { centroid, cosine, dotDense, type Vocabulary } from '../text/vectors.ts';
import { type Candidate, collectCandidates } from './candidates.ts';
import { citingArticles, containment, supportAmongCandidates } from './facts.ts';
import { pickSentences, type Scored } from './select.ts';

/**
 * The extractive take, step by step:
 * 1. candidates: lead sentences of every article, furniture dropped (candidates.ts);
 * 2. support: which articles carry each sentence's fact (facts.ts) — repeated facts are central;
 * 3. aspects: spherical k-means over TF-IDF vectors, k from 2 to 5 by story size;
 * 4. per aspect, MMR with a country bonus picks 1 to 4 sentences (select.ts);
 * 5. each section is titled by the aspect of news it is about, from a fixed vocabulary (aspects.ts);
 * 6. each picked sentence cites every article that carries its fact, scanning whole articles.
 */
export const EXTRACTIVE_MODEL = 'tfidf-kmeans-mmr-aspects-2';

export function extractiveTake(input: TakeInput): TakeResult {
  const articles = input.articles;
  const { list, vocab, articles: sentencesByArticle } = collectCandidates(articles);
  const empty: TakeResult = {
    sections: [],
    countries: [],
    outletCount: 0,
    provider: 'extractive',
    model: EXTRACTIVE_MODEL,
  };
  if (list.length === 0) return { ...empty, note: 'The articles have too little usable English text for a take.' };

  const support = supportAmongCandidates(list, vocab);
  const k = chooseK(articles.length, list.length);
  const seed = hashString(articles.map((a) => a.id).join('\n'));
  const assignment = mergeSingletons(
    list,
    kMeans(
      list.map((c) => c.vector),
      { k, dimensions: vocab.size, seed },
    ),
    vocab.size,
  );
  const groups = groupBy(list, assignment);
  const story = centroid(
    list.map((c) => c.vector),
    vocab.size,
  );

  const scoredGroups = groups.map((members) => {
    const center = centroid(
      members.map((c) => c.vector),
      vocab.size,
    );
    return members.map((c): Scored => {
      const articlesWithFact = support[c.index]!;
      const centrality = 0.5 * dotDense(c.vector, center) + 0.5 * dotDense(c.vector, story);
      const relevance = centrality * c.prior * (1 + 0.5 * Math.log2(articlesWithFact.size));
      const countries = new Set([...articlesWithFact].map((i) => articles[i]!.country));
      return { candidate: c, relevance, countries };
    });
  });
  const mass = scoredGroups.map((g) => g.reduce((a, s) => a + s.relevance, 0));
  const order = scoredGroups.map((_, i) => i).sort((a, b) => mass[b]! - mass[a]!);

  const total = Math.max(4, Math.min(14, Math.round(3 + 2 * Math.log2(Math.max(1, articles.length)))));
  const totalMass = mass.reduce((a, b) => a + b, 0) || 1;
  const picked: Scored[] = [];
  const covered = new Set<string>();
  const chosenGroups: Array<{ group: number; sentences: Scored[] }> = [];
  for (const g of order) {
    const count = Math.max(1, Math.min(4, Math.round((total * mass[g]!) / totalMass)));
    const sentences = pickSentences(scoredGroups[g]!, count, picked, covered, similarityIn(vocab));
    if (sentences.length > 0) chosenGroups.push({ group: g, sentences });
  }

  // A heading says which aspect of the story a section is about, judged by what it shows.
  const aspects = assignAspects(chosenGroups.map((c) => c.sentences.map((s) => s.candidate.text)));
  const sections: WorldTakeSection[] = chosenGroups.map((c, i) => ({
    heading: aspectHeading(aspects[i]!),
    sentences: c.sentences.map((s) => ({
      text: s.candidate.text,
      citations: citingArticles(s.candidate, sentencesByArticle, vocab).map((a) => articles[a]!.id),
    })),
  }));
  return { ...empty, sections, ...citedSources(sections, articles) };
}

/** Countries (most cited first) and number of outlets of the articles a take cites. */
export function citedSources(
  sections: readonly WorldTakeSection[],
  articles: readonly TakeArticle[],
): { countries: string[]; outletCount: number } {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const countryCounts = new Map<string, number>();
  const outlets = new Set<string>();
  const cited = new Set(sections.flatMap((s) => s.sentences.flatMap((x) => x.citations)));
  for (const id of cited) {
    const a = byId.get(id);
    if (!a) continue;
    countryCounts.set(a.country, (countryCounts.get(a.country) ?? 0) + 1);
    outlets.add(a.outlet);
  }
  const countries = [...countryCounts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([c]) => c);
  return { countries, outletCount: outlets.size };
}

/**
 * How much two sentences say the same: their cosine, or how much of the shorter one the longer
 * one contains ("strike over pay paralysed the metro" inside a longer sentence that adds a clause).
 */
function similarityIn(vocab: Vocabulary): (a: Candidate, b: Candidate) => number {
  const sets = new WeakMap<Candidate, Set<string>>();
  const setOf = (c: Candidate) => {
    let s = sets.get(c);
    if (!s) {
      s = new Set(c.terms);
      sets.set(c, s);
    }
    return s;
  };
  return (a, b) => {
    const [short, long] = setOf(a).size <= setOf(b).size ? [a, b] : [b, a];
    return Math.max(cosine(a.vector, b.vector), containment(setOf(short), setOf(long), vocab));
  };
}

/** Two aspects for a small story, up to five for a large one; never more than half the sentences. */
export function chooseK(articleCount: number, candidateCount: number): number {
  const bySize = articleCount <= 3 ? 2 : articleCount <= 10 ? 3 : articleCount <= 40 ? 4 : 5;
  return Math.max(1, Math.min(bySize, Math.floor(candidateCount / 2)));
}

/** A one-sentence aspect makes a thin section: when there are more than two, fold it into its nearest. */
function mergeSingletons(list: readonly Candidate[], assignment: number[], dimensions: number): number[] {
  const result = [...assignment];
  for (;;) {
    const groups = groupBy(list, result);
    if (groups.length <= 2) break;
    const single = groups.findIndex((g) => g.length === 1);
    if (single < 0) break;
    const lone = groups[single]![0]!;
    let best = -1;
    let bestScore = -Infinity;
    groups.forEach((g, i) => {
      if (i === single) return;
      const s = dotDense(
        lone.vector,
        centroid(
          g.map((c) => c.vector),
          dimensions,
        ),
      );
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    });
    // Renumber so cluster ids stay 0..n-1 without the emptied one.
    for (let i = 0; i < result.length; i++) {
      if (result[i] === single) result[i] = best;
      if (result[i]! > single) result[i] = result[i]! - 1;
    }
  }
  return result;
}

function groupBy(list: readonly Candidate[], assignment: readonly number[]): Candidate[][] {
  const groups: Candidate[][] = [];
  list.forEach((c, i) => {
    const g = assignment[i]!;
    while (groups.length <= g) groups.push([]);
    groups[g]!.push(c);
  });
  return groups.filter((g) => g.length > 0);
}
