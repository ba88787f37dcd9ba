import type { WorldTake } from '../model/story.ts';
import type { TakeArticle, TakeResult } from './summarizer.ts';

/** A summarizer's result as a take to store (the repository numbers the version). */
export function takeFromResult(result: TakeResult, storyId: number, createdAt: Date): Omit<WorldTake, 'version'> {
  return {
    storyId,
    sections: result.sections,
    countries: result.countries,
    outletCount: result.outletCount,
    provider: result.provider,
    model: result.model,
    ...(result.note ? { note: result.note } : {}),
    createdAt: createdAt.toISOString(),
  };
}

/**
 * What every take must satisfy, as a list of broken rules (empty when sound): 2 to 5 titled
 * sections of 1 to 4 sentences, every sentence cited, every citation an input article, no sentence
 * twice, and `countries` exactly the countries of the cited articles. Tests and the benchmark use it;
 * a job may use it before storing a take.
 */
export function takeProblems(result: TakeResult, articles: readonly TakeArticle[]): string[] {
  const problems: string[] = [];
  const byId = new Map(articles.map((a) => [a.id, a]));
  if (result.sections.length < 2 || result.sections.length > 5) problems.push(`${result.sections.length} sections`);
  const seen = new Set<string>();
  const citedCountries = new Set<string>();
  result.sections.forEach((section, i) => {
    if (!section.heading.trim()) problems.push(`section ${i + 1} has no heading`);
    const n = section.sentences.length;
    if (n < 1 || n > 4) problems.push(`section ${i + 1} has ${n} sentences`);
    for (const s of section.sentences) {
      if (s.citations.length === 0) problems.push(`uncited sentence: ${s.text.slice(0, 60)}`);
      for (const id of s.citations) {
        const a = byId.get(id);
        if (a) citedCountries.add(a.country);
        else problems.push(`citation ${id} is not an input article`);
      }
      const key = s.text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
      if (seen.has(key)) problems.push(`repeated sentence: ${s.text.slice(0, 60)}`);
      seen.add(key);
    }
  });
  const listed = [...result.countries].sort().join(',');
  const cited = [...citedCountries].sort().join(',');
  if (listed !== cited) problems.push(`countries ${listed} differ from cited countries ${cited}`);
  return problems;
}
