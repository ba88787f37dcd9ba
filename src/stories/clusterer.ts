/**
 * Incremental story clustering. Each article is scored against a handful of candidate stories
 * found through an inverted index over its rarest terms, names and numbers; it joins the best if
 * that one is similar enough, else it starts a story. Postings are bounded (the most recent
 * stories per key) and stories leave the index after `expiryDays` without a new article, so the
 * cost of one article does not grow with the archive. When an article matches two stories that
 * also match each other, they were one story: the lower id survives and the merge is reported.
 */
import type { Story } from '../model/story.ts';
import type { Profile, StoryDoc } from './doc.ts';
import { publishedMs } from './features.ts';
import { LiveStory } from './live-story.ts';
import { dotProduct, keyWeights, SimilarityModel, scoreProfiles, writesLatin } from './similarity.ts';

export interface ClustererOptions {
  model?: SimilarityModel;
  /** Least similarity to a story's centroid for an article to join it. */
  joinThreshold?: number;
  /** Least similarity to one sampled member for that member to agree with the newcomer. */
  memberThreshold?: number;
  /** Least share of a story's sampled members that must agree before an article joins or a story merges. */
  agreement?: number;
  /** Least similarity between two stories (and of the article to both) for them to merge. */
  mergeThreshold?: number;
  /** Days without a new article after which a story leaves the live index. */
  expiryDays?: number;
  /** Stories remembered per index key (the most recent). */
  maxPostings?: number;
  /** Keys of an article used for lookup and posting: its rarest, heaviest ones. */
  queryKeys?: number;
  /** Candidate stories fully scored per article. */
  maxCandidates?: number;
  /** Further candidates written in the other script (Latin or not), beyond `maxCandidates`. */
  otherScriptCandidates?: number;
  /** The first story id the default allocator hands out (continue after the store's highest id). */
  firstStoryId?: number;
  /**
   * Hands out the id of each new story instead of counting from `firstStoryId`: the pipeline
   * takes ids from the database, so no two processes ever number a story alike.
   */
  newStoryId?: () => number;
}

export interface AddResult {
  storyId: number;
  /** Similarity to the story joined; 0 for a new story. */
  score: number;
  /** Ids of stories absorbed into `storyId` by this article (record them as `merged_into`). */
  merged?: number[];
}

/** The clustering defaults, stated once (settings.ts declares the configurable ones from these). */
export const CLUSTER_DEFAULTS = {
  // Measured on SemEval-2022 Task 8 development pairs (bench/stories-events.ts): at 0.42 with no
  // member check 16.8 % of different-event same-language pairs shared a story; here about 5 %.
  // The scale is DEFAULT_TUNING's (curve 4): 0.63 there is what 0.52 was under curve 3.
  joinThreshold: 0.63,
  memberThreshold: 0.6,
  agreement: 0.5,
  mergeThreshold: 0.63,
  expiryDays: 7,
  maxPostings: 32,
  queryKeys: 24,
  maxCandidates: 6,
  // Measured (bench/stories-events.ts): 2 joins 2 more of 75 same-event cross-language pairs
  // (zh-en), no more different-event ones; 4 joins no more than 2.
  otherScriptCandidates: 2,
  firstStoryId: 1,
};

/**
 * Names and numbers every story is posted under, whatever outweighs them. Measured
 * (bench/stories-events.ts): 6 joins one more of 75 same-event cross-language pairs, no
 * different-event one.
 */
const POSTED_NAMES_AND_NUMBERS = 6;
/** How often (in articles) expired stories are swept out of the index. */
const SWEEP_EVERY = 2000;
const DAY = 86_400_000;

export class StoryClusterer {
  readonly model: SimilarityModel;
  private readonly options: typeof CLUSTER_DEFAULTS;
  private readonly live = new Map<number, LiveStory>();
  private readonly postings = new Map<string, number[]>();
  /** Absorbed story → survivor, while the survivor is live (postings may still name the absorbed). */
  private readonly mergedInto = new Map<number, number>();
  /** The default allocator's next id. */
  private nextId: number;
  private readonly newStoryId: () => number;
  /** Stream time: the latest publication time seen, so replaying old articles expires correctly. */
  private now = 0;
  private added = 0;

  constructor(options: ClustererOptions = {}) {
    this.model = options.model ?? new SimilarityModel();
    const { model: _model, newStoryId, ...rest } = options;
    this.options = { ...CLUSTER_DEFAULTS, ...stripUndefined(rest) };
    this.nextId = this.options.firstStoryId;
    this.newStoryId = newStoryId ?? (() => this.nextId++);
  }

  /** Assigns an article to a story; the article also joins the archive's term statistics. */
  add(doc: StoryDoc): AddResult {
    const profile = this.model.observe(doc);
    const time = this.timeOf(doc);
    const { query, post } = this.lookupKeys(profile);
    const latin = writesLatin(profile, this.model);
    const scored = this.withNearestByMeaning(profile, this.candidates(query, profile.language, latin))
      .map((story) => ({
        story,
        score: scoreProfiles(profile, story.profileAt(time), this.model.stats, this.model.tuning),
      }))
      .sort((a, b) => b.score - a.score || a.story.id - b.story.id);
    // The best story whose centroid and most of whose members agree with the article.
    const at = scored.findIndex(
      ({ story, score }) => score >= this.options.joinThreshold && this.agrees(profile, story),
    );
    const best = scored[at];
    let result: AddResult;
    let target: LiveStory;
    if (best) {
      target = best.story;
      target.add(doc, profile, time, this.model.stats);
      const { survivor, merged } = this.mergeAround(profile, target, scored.slice(at + 1));
      target = survivor;
      result = { storyId: target.id, score: best.score, ...(merged.length > 0 ? { merged } : {}) };
    } else {
      target = new LiveStory(this.newStoryId(), time, latin);
      target.add(doc, profile, time, this.model.stats);
      this.live.set(target.id, target);
      result = { storyId: target.id, score: 0 };
    }
    this.post(target.id, post);
    if (++this.added % SWEEP_EVERY === 0) this.sweep();
    return result;
  }

  /**
   * Rebuilds the live index from articles already assigned (server start-up): each joins the
   * story the store recorded, without re-clustering. Pass recent articles, oldest first.
   */
  load(entries: Iterable<{ doc: StoryDoc; storyId: number }>): void {
    for (const { doc, storyId } of entries) {
      const profile = this.model.observe(doc);
      const time = this.timeOf(doc);
      let story = this.live.get(storyId);
      if (!story) {
        story = new LiveStory(storyId, time, writesLatin(profile, this.model));
        this.live.set(storyId, story);
      }
      story.add(doc, profile, time, this.model.stats);
      this.post(storyId, this.lookupKeys(profile).post);
      this.nextId = Math.max(this.nextId, storyId + 1);
    }
    this.sweep();
  }

  /** A live story's facts (title, countries, outlets, languages, first/last seen). */
  story(id: number): Story | undefined {
    return this.live.get(this.resolve(id) ?? id)?.describe(this.model.stats);
  }

  /** Ids of the articles of a live story, in the order they joined. */
  members(id: number): Array<string | number> {
    return [...(this.live.get(this.resolve(id) ?? id)?.members ?? [])];
  }

  liveStories(): Story[] {
    return [...this.live.values()].map((s) => s.describe(this.model.stats));
  }

  get liveCount(): number {
    return this.live.size;
  }

  get indexKeys(): number {
    return this.postings.size;
  }

  /**
   * Whether most of the story's sampled members find the profile close: one shared name or number
   * with one member must not chain an article into a story about something else.
   */
  private agrees(profile: Profile, story: LiveStory): boolean {
    const { stats, tuning } = this.model;
    const share = story.agreement(
      (member) => scoreProfiles(profile, member, stats, tuning),
      this.options.memberThreshold,
    );
    return share >= this.options.agreement;
  }

  private timeOf(doc: StoryDoc): number {
    const t = publishedMs(doc.published) ?? (this.now || Date.now());
    this.now = Math.max(this.now, t);
    return t;
  }

  /**
   * The article's most telling keys by scoring weight (names and numbers carry their prefixes).
   * Lookup uses the best keys some earlier article also had: a key only this article has finds
   * nothing, yet it is the rarest of all. The story is posted under both kinds, so a later
   * article can find it through a key that is new today.
   */
  private lookupKeys(profile: Profile): { query: string[]; post: string[] } {
    const stats = this.model.stats;
    const weighted = keyWeights(profile, this.model);
    const bags = [weighted.terms, weighted.names, weighted.numbers];
    const q = this.options.queryKeys;
    // Thresholds from sorted plain numbers: no [key, weight] pair per key (this runs per article).
    const all: number[] = [];
    const shared: number[] = [];
    for (const bag of bags) {
      for (const [k, w] of bag) {
        all.push(w);
        if (stats.frequency(k, profile.language) >= 2) shared.push(w);
      }
    }
    const cut = (ws: number[]) => (ws.length <= q ? Number.NEGATIVE_INFINITY : ws.sort((a, b) => b - a)[q - 1]);
    const postCut = cut(all) ?? Number.NEGATIVE_INFINITY;
    const queryCut = cut(shared) ?? Number.NEGATIVE_INFINITY;
    const query: string[] = [];
    const post: string[] = [];
    for (const bag of bags) {
      for (const [k, w] of bag) {
        const inQuery = w >= queryCut && query.length < q && stats.frequency(k, profile.language) >= 2;
        if (inQuery) query.push(k);
        if (inQuery || (w >= postCut && post.length < 2 * q)) post.push(k);
      }
    }
    // Names and numbers are what reports in two scripts share: a story is always posted under
    // its best few, though a Chinese report's own words outweigh the names it quotes.
    const crossing: Array<[string, number]> = [];
    for (const bag of [weighted.names, weighted.numbers]) for (const entry of bag) crossing.push(entry);
    if (crossing.length > 0) {
      crossing.sort((a, b) => b[1] - a[1]);
      const posted = new Set(post);
      for (const [k] of crossing.slice(0, POSTED_NAMES_AND_NUMBERS)) if (!posted.has(k)) post.push(k);
    }
    return { query, post };
  }

  /**
   * Live stories sharing the most (IDF-weighted) keys with the article, best first, and then the
   * best few written in the other script (Latin or not): a Chinese and an English report of one
   * event share only the names and numbers the Chinese quotes, so their votes trail those of
   * stories in the article's own script that share its common words.
   */
  private candidates(keys: string[], language: string, latin: boolean): LiveStory[] {
    const votes = new Map<number, number>();
    const oldest = this.now - this.options.expiryDays * DAY;
    for (const key of keys) {
      const list = this.postings.get(key);
      if (!list) continue;
      const weight = this.model.stats.weight(key, this.model.tuning.idfPower, language);
      let dead = 0;
      for (const raw of list) {
        const id = this.resolve(raw);
        if (id === undefined) {
          dead++;
          continue;
        }
        votes.set(id, (votes.get(id) ?? 0) + weight);
      }
      if (dead > 0)
        this.postings.set(
          key,
          list.filter((id) => this.resolve(id) !== undefined),
        );
    }
    const ranked = [...votes].sort((a, b) => b[1] - a[1]);
    const out: LiveStory[] = [];
    const { maxCandidates, otherScriptCandidates } = this.options;
    let otherScript = 0;
    for (const [id] of ranked) {
      const story = this.live.get(id);
      if (!story || story.lastSeen < oldest) continue;
      if (out.length < maxCandidates) out.push(story);
      else if (story.latin !== latin && otherScript < otherScriptCandidates) {
        out.push(story);
        otherScript++;
      }
      if (out.length >= maxCandidates && otherScript >= otherScriptCandidates) break;
    }
    return out;
  }

  /**
   * With an embeddings provider, also the live stories whose vectors lie nearest the article's:
   * two reports in two languages may share no word, name or number for the index to find, and
   * their vectors are then the only evidence. One dot product per live story with a vector
   * (about 3,500 stories of 384 numbers in a week of 500 articles a day: about a millisecond).
   */
  private withNearestByMeaning(profile: Profile, found: LiveStory[]): LiveStory[] {
    const vector = profile.embedding;
    if (!vector) return found;
    const have = new Set(found.map((s) => s.id));
    const oldest = this.now - this.options.expiryDays * DAY;
    const near: Array<{ story: LiveStory; cosine: number }> = [];
    for (const story of this.live.values()) {
      const other = story.profile.embedding;
      if (!other || other.length !== vector.length || have.has(story.id) || story.lastSeen < oldest) continue;
      near.push({ story, cosine: dotProduct(vector, other) });
    }
    near.sort((a, b) => b.cosine - a.cosine || a.story.id - b.story.id);
    return [...found, ...near.slice(0, this.options.maxCandidates).map((n) => n.story)];
  }

  /** Follows merges to the live survivor; undefined when the story is gone. */
  private resolve(id: number): number | undefined {
    let current = id;
    for (let hops = 0; hops < 32; hops++) {
      if (this.live.has(current)) return current;
      const next = this.mergedInto.get(current);
      if (next === undefined) return undefined;
      current = next;
    }
    return undefined;
  }

  private post(storyId: number, keys: string[]): void {
    const limit = this.options.maxPostings;
    for (const key of keys) {
      let list = this.postings.get(key);
      if (!list) {
        list = [];
        this.postings.set(key, list);
      }
      const at = list.lastIndexOf(storyId);
      if (at >= 0) list.splice(at, 1); // move to the recent end
      list.push(storyId);
      if (list.length > limit) list.splice(0, list.length - limit);
    }
  }

  /**
   * After `story` took an article: other candidates that the article also matched well, whose
   * members mostly agree with it, and whose centroid matches `story`'s are the same event (the
   * rule an article meets to join, applied to the story). Returns the ids absorbed (the lowest id
   * survives).
   */
  private mergeAround(
    profile: Profile,
    story: LiveStory,
    others: Array<{ story: LiveStory; score: number }>,
  ): { survivor: LiveStory; merged: number[] } {
    const threshold = this.options.mergeThreshold;
    const absorbed: number[] = [];
    let survivor = story;
    for (const { story: other, score } of others) {
      if (score < threshold) break;
      if (!this.live.has(other.id)) continue;
      const between = scoreProfiles(
        survivor.profileAt(other.lastSeen),
        other.profile,
        this.model.stats,
        this.model.tuning,
      );
      if (between < threshold || !this.agrees(profile, other)) continue;
      const [keep, drop] = survivor.id < other.id ? [survivor, other] : [other, survivor];
      keep.absorb(drop, this.model.stats);
      this.live.delete(drop.id);
      this.mergedInto.set(drop.id, keep.id);
      absorbed.push(drop.id);
      survivor = keep;
    }
    return { survivor, merged: absorbed };
  }

  /**
   * Drops stories idle for longer than the expiry, merge links that lead nowhere live, and keys
   * whose most recent posting is gone (older postings of such a key are older still). Dead
   * entries of other keys are dropped when a lookup meets them. Cost: O(live stories + keys).
   */
  private sweep(): void {
    const oldest = this.now - this.options.expiryDays * DAY;
    for (const [id, story] of this.live) if (story.lastSeen < oldest) this.live.delete(id);
    for (const [from] of this.mergedInto) if (this.resolve(from) === undefined) this.mergedInto.delete(from);
    for (const [key, list] of this.postings) {
      const last = list[list.length - 1];
      if (last === undefined || this.resolve(last) === undefined) this.postings.delete(key);
    }
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
