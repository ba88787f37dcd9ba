/** Candidate languages for one text, best first. Scores are comparable only within one ranking. */
export interface Candidate {
  /** BCP 47 tag. */
  lang: string;
  score: number;
}

export type Ranking = Candidate[];

/** Sorts a score table into a ranking, best first; ties keep the table's order. */
export function rankScores(scores: Iterable<[string, number]>): Ranking {
  return [...scores].map(([lang, score]) => ({ lang, score })).sort((a, b) => b.score - a.score);
}
