/**
 * A story while it is live in the clusterer: its mean profile (bounded in size), its members and
 * the facts the reader shows (countries, outlets, languages, first and last seen, headlines).
 */
import type { Story } from '../model/story.ts';
import type { Profile, StoryDoc } from './doc.ts';
import { headlineOf } from './headline.ts';
import { unit, weightedCosine } from './similarity.ts';
import type { TermStats } from './term-stats.ts';

/** Keys kept in a story's mean profile; the weakest go first. Keeps every story O(1) in size. */
const PROFILE_LIMITS = { terms: 300, names: 80, numbers: 40 };
/** Headlines kept per story for choosing its title. */
const MAX_HEADLINES = 40;
/**
 * Members a story keeps to be checked against (see `agreement`): its first few, which define the
 * event, and its most recent, where it is now. Each is a compact copy of the member's profile.
 */
const SAMPLE = { founders: 3, recent: 5 };
/** Keys kept per bag of a member's compact profile: enough to score it, bounded in memory. */
const COMPACT_LIMITS = { terms: 80, names: 30, numbers: 15 };

interface Headline {
  id: string | number;
  title: string;
  english: boolean;
  language: string;
  terms: Map<string, number>;
}

function bump(map: Map<string, number>, key: string | undefined, by = 1): void {
  if (key) map.set(key, (map.get(key) ?? 0) + by);
}

/** Running mean of bags: `mean` holds n bags' mean; `add` folds in `bag` with weight `w` of `n + w`. */
function foldMean(mean: Map<string, number>, n: number, bag: Map<string, number>, w: number): void {
  const keep = n / (n + w);
  const take = w / (n + w);
  for (const [k, v] of mean) mean.set(k, v * keep);
  for (const [k, v] of bag) mean.set(k, (mean.get(k) ?? 0) + v * take);
}

function prune(bag: Map<string, number>, limit: number, weight: (k: string) => number): void {
  if (bag.size <= limit * 1.25) return;
  const ranked = [...bag].map(([k, v]) => ({ k, v, score: v * weight(k) })).sort((a, b) => b.score - a.score);
  bag.clear();
  for (const { k, v } of ranked.slice(0, limit)) bag.set(k, v);
}

/**
 * The keys of each bag of a member's profile that weigh most in scoring (count × IDF, as the
 * story's own profile is pruned), for the member sample. By count alone a member kept its
 * commonest words and lost the rare ones that tell one event from another, and a Chinese
 * report kept only Chinese words, losing the Latin names that are all an English report can
 * share with it: members then disagreed with newcomers their story's profile matched (a Chinese
 * and an English report of one event scored 0.87 against the story, 0.31 against its member).
 */
function compact(p: Profile, time: number, stats: TermStats): Profile {
  // The cut from sorted plain numbers: this runs for every article, and sorting pairs costs more.
  const top = (bag: Map<string, number>, limit: number, idf: (k: string) => number) => {
    if (bag.size <= limit) return new Map(bag);
    const scores = new Float64Array(bag.size);
    let i = 0;
    for (const [k, v] of bag) scores[i++] = v * idf(k);
    const cut = Float64Array.from(scores).sort()[scores.length - limit] ?? 0;
    // Keys above the cut first, then ties at the cut while room is left: by order alone, ties
    // written early would crowd out heavier keys written late.
    const out = new Map<string, number>();
    i = 0;
    for (const [k, v] of bag) if ((scores[i++] ?? 0) > cut) out.set(k, v);
    i = 0;
    for (const [k, v] of bag) {
      if (out.size >= limit) break;
      if (scores[i++] === cut) out.set(k, v);
    }
    return out;
  };
  return {
    terms: top(p.terms, COMPACT_LIMITS.terms, (k) => stats.idf(k, p.language)),
    names: top(p.names, COMPACT_LIMITS.names, (k) => stats.idf(k)),
    numbers: top(p.numbers, COMPACT_LIMITS.numbers, (k) => stats.idf(k)),
    language: p.language,
    time,
    ...(p.embedding ? { embedding: p.embedding } : {}),
  };
}

export class LiveStory {
  readonly profile: Profile;
  readonly members: Array<string | number> = [];
  firstSeen: number;
  lastSeen: number;
  readonly countries = new Map<string, number>();
  readonly outlets = new Map<string, number>();
  readonly languages = new Map<string, number>();
  private readonly headlines: Headline[] = [];
  /** Compact profiles of the founders, then of the most recent members (a ring). */
  private readonly founders: Profile[] = [];
  private readonly recent: Profile[] = [];
  /** Sum of member embeddings (when the provider is on): the story's vector is its direction. */
  private embeddingSum: Float32Array | undefined;

  constructor(
    readonly id: number,
    time: number,
    /** Whether its first article wrote mostly Latin script (for candidate lookup, see clusterer). */
    readonly latin = true,
  ) {
    this.profile = { terms: new Map(), names: new Map(), numbers: new Map(), language: 'und', time };
    this.firstSeen = time;
    this.lastSeen = time;
  }

  get size(): number {
    return this.members.length;
  }

  add(doc: StoryDoc, profile: Profile, time: number, stats: TermStats): void {
    this.fold(profile, 1, stats);
    this.remember(compact(profile, time, stats));
    this.members.push(doc.id);
    this.firstSeen = Math.min(this.firstSeen, time);
    this.lastSeen = Math.max(this.lastSeen, time);
    bump(this.countries, doc.country);
    bump(this.outlets, doc.outlet);
    bump(this.languages, doc.language);
    if (this.headlines.length < MAX_HEADLINES) {
      const english = Boolean(doc.english?.title) || doc.language.toLowerCase().startsWith('en');
      const title = doc.english?.title || doc.title;
      const terms = new Map<string, number>();
      for (const [k, v] of profile.terms) if (v >= 2) terms.set(k, v); // headline words weigh ≥ 2
      this.headlines.push({ id: doc.id, title, english, language: doc.english?.title ? 'en' : doc.language, terms });
    }
  }

  /** Takes in another story (a merge): members, facts and profile weighted by size. */
  absorb(other: LiveStory, stats: TermStats): void {
    this.fold(other.profile, other.size, stats);
    this.members.push(...other.members);
    this.firstSeen = Math.min(this.firstSeen, other.firstSeen);
    this.lastSeen = Math.max(this.lastSeen, other.lastSeen);
    for (const [k, v] of other.countries) bump(this.countries, k, v);
    for (const [k, v] of other.outlets) bump(this.outlets, k, v);
    for (const [k, v] of other.languages) bump(this.languages, k, v);
    for (const h of other.headlines) if (this.headlines.length < MAX_HEADLINES) this.headlines.push(h);
    for (const p of [...other.founders, ...other.recent]) this.remember(p);
  }

  /** The members a newcomer is checked against: founders and the most recent. */
  get sample(): readonly Profile[] {
    return [...this.founders, ...this.recent];
  }

  /**
   * Share of the sampled members that `score` finds close to a newcomer (at least `threshold`):
   * agreeing with the story as a whole, not with one member of it.
   */
  agreement(score: (member: Profile) => number, threshold: number): number {
    const sample = this.sample;
    if (sample.length === 0) return 1;
    let agree = 0;
    for (const member of sample) if (score(member) >= threshold) agree++;
    return agree / sample.length;
  }

  private remember(p: Profile): void {
    if (this.founders.length < SAMPLE.founders) this.founders.push(p);
    else {
      this.recent.push(p);
      if (this.recent.length > SAMPLE.recent) this.recent.shift();
    }
  }

  /** The profile to score an article against, with the time gap measured to the story's span. */
  profileAt(time: number | undefined): Profile {
    if (time === undefined) return this.profile;
    // The copy shares the bags; its norms are cached back on the story's own profile.
    this.profile.time = Math.min(this.lastSeen, Math.max(this.firstSeen, time));
    return this.profile;
  }

  /**
   * The most central headline, English ones first: the one closest to the story's mean words,
   * cut where a run-on page title starts its body (headline.ts).
   */
  title(stats: TermStats): string {
    const pool = this.headlines.some((h) => h.english) ? this.headlines.filter((h) => h.english) : this.headlines;
    let best: Headline | undefined;
    let bestScore = -1;
    for (const h of pool) {
      const score = weightedCosine(h.terms, this.profile.terms, (k) => stats.idf(k, this.profile.language));
      if (score > bestScore) {
        best = h;
        bestScore = score;
      }
    }
    return best ? headlineOf(best.title, best.language) : '';
  }

  /** The story as the model describes it (`Story` of src/model/story.ts). */
  describe(stats: TermStats): Story {
    const byCount = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k]) => k);
    return {
      id: this.id,
      title: this.title(stats),
      firstSeen: new Date(this.firstSeen).toISOString(),
      lastSeen: new Date(this.lastSeen).toISOString(),
      countries: byCount(this.countries),
      outlets: byCount(this.outlets),
      languages: byCount(this.languages),
      articleCount: this.members.length,
    };
  }

  private fold(profile: Profile, weight: number, stats: TermStats): void {
    const n = this.members.length;
    delete this.profile.norms;
    delete this.profile.weighted;
    foldMean(this.profile.terms, n, profile.terms, weight);
    foldMean(this.profile.names, n, profile.names, weight);
    foldMean(this.profile.numbers, n, profile.numbers, weight);
    prune(this.profile.terms, PROFILE_LIMITS.terms, (k) => stats.idf(k, this.profile.language));
    prune(this.profile.names, PROFILE_LIMITS.names, (k) => stats.idf(k));
    prune(this.profile.numbers, PROFILE_LIMITS.numbers, (k) => stats.idf(k));
    if (this.profile.language === 'und') this.profile.language = profile.language;
    if (profile.embedding) {
      const sum = this.embeddingSum ?? new Float32Array(profile.embedding.length);
      this.embeddingSum = sum;
      if (sum.length === profile.embedding.length) {
        for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] ?? 0) + (profile.embedding[i] ?? 0) * weight;
        this.profile.embedding = unit(sum);
      }
    }
  }
}
