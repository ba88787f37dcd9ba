/**
 * "Overlooked by American media": stories that outlets in several countries cover and US outlets
 * do not (or far less than the others), ranked by how widely the rest of the world covers them.
 */

export interface CoverageStory {
  id: number;
  title?: string;
  /** Articles per country (ISO 3166-1 alpha-2). */
  countryCounts: Record<string, number>;
  /** Distinct outlets outside the home country, when known (else the article count stands in). */
  outletsAbroad?: number;
  /** ISO 8601 time of the latest article. */
  lastSeen: string;
}

export interface OverlookedStory {
  id: number;
  title?: string;
  score: number;
  /** Countries other than the home country covering it. */
  countries: number;
  articlesAbroad: number;
  homeArticles: number;
}

export interface OverlookedOptions {
  /** Whose media "overlook": default US. */
  homeCountry?: string;
  /** Least number of other countries covering the story. */
  minCountries?: number;
  /**
   * Home coverage allowed, as a fraction of the mean coverage per covering country: 0.25 lets a
   * story with 12 articles in each of 4 countries and 2 US articles through, not one with 6.
   */
  maxHomeRatio?: number;
  /** Recency: a story's weight halves every this many hours since its last article. */
  halfLifeHours?: number;
  /** Reference time (ISO 8601 or Date); default: now. */
  now?: string | Date;
  limit?: number;
}

export function overlooked(stories: CoverageStory[], options: OverlookedOptions = {}): OverlookedStory[] {
  const home = (options.homeCountry ?? 'US').toUpperCase();
  const minCountries = options.minCountries ?? 3;
  const maxHomeRatio = options.maxHomeRatio ?? 0.25;
  const halfLife = options.halfLifeHours ?? 48;
  const now = options.now === undefined ? Date.now() : new Date(options.now).getTime();
  const out: OverlookedStory[] = [];
  for (const story of stories) {
    let countries = 0;
    let abroad = 0;
    let homeArticles = 0;
    for (const [country, n] of Object.entries(story.countryCounts)) {
      if (n <= 0) continue;
      if (country.toUpperCase() === home) homeArticles += n;
      else {
        countries++;
        abroad += n;
      }
    }
    if (countries < minCountries) continue;
    if (homeArticles > maxHomeRatio * (abroad / countries)) continue;
    const outlets = story.outletsAbroad ?? abroad;
    const ageHours = Math.max(0, (now - Date.parse(story.lastSeen)) / 3_600_000);
    const recency = Number.isFinite(ageHours) ? 0.5 ** (ageHours / halfLife) : 0;
    // Breadth first (countries), then depth (outlets), discounted by age and by home coverage.
    const breadth = countries * (1 + Math.log2(1 + outlets / countries));
    const homeShare = homeArticles / (homeArticles + abroad);
    const score = breadth * recency * (1 - homeShare);
    out.push({
      id: story.id,
      ...(story.title !== undefined ? { title: story.title } : {}),
      score: Math.round(score * 1000) / 1000,
      countries,
      articlesAbroad: abroad,
      homeArticles,
    });
  }
  out.sort((a, b) => b.score - a.score || b.countries - a.countries || a.id - b.id);
  return options.limit ? out.slice(0, options.limit) : out;
}
