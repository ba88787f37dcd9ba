import type { Kysely } from 'kysely';
import type { Config } from '../config/config.ts';
import { logger } from '../config/log.ts';
import type { Story } from '../model/story.ts';
import type { StoryFields } from '../store/repositories/stories.ts';
import type { Database } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { storyDoc, storyDocs } from '../stories/article-docs.ts';
import { type AddResult, StoryClusterer } from '../stories/clusterer.ts';
import type { StoryDoc } from '../stories/doc.ts';
import { attachEmbeddings, type Embedder } from '../stories/embeddings.ts';
import { storiesFromConfig } from '../stories/from-config.ts';
import type { SimilarityModel } from '../stories/similarity.ts';

const log = logger('stories');
const DAY_MS = 86_400_000;
/** Articles per embeddings request when the live stories are rebuilt. */
const EMBED_CHUNK = 64;

/**
 * The writer of stories: the incremental clusterer, rebuilt from the recent assignments in the
 * store, and a queue so articles are assigned one at a time. Only one process of a cluster runs
 * it at a time (the holder of the story-writer lock, see StoryWriterRole); when another takes
 * over, `reset()` makes it rebuild from the store before its next article. New stories are
 * numbered by the database (`StoryRepository.allocateId`), never by this process.
 */
export class StoryService {
  private clusterer?: StoryClusterer;
  /** The embeddings provider, when one is configured, and the model its vectors go into. */
  private embedder?: Embedder;
  private model?: SimilarityModel;
  private ready?: Promise<void>;
  private queue: Promise<unknown> = Promise.resolve();
  /** An id taken from the database for the next new story, kept until a new story uses it. */
  private reservedId?: number;
  /** Run first in every write transaction; throws when this process may no longer write stories. */
  private fence: (db: Kysely<Database>) => Promise<void> = async () => {};

  constructor(
    private readonly store: Store,
    private readonly config: Config,
  ) {}

  private async init(): Promise<void> {
    const { clusterer: options, embedder, model } = storiesFromConfig(this.config);
    this.embedder = embedder;
    this.model = model;
    const expiryDays = this.config.int('MERIDIAN_STORY_EXPIRY_DAYS');
    const clusterer = new StoryClusterer({ ...options, newStoryId: () => this.takeReservedId() });
    const since = new Date(Date.now() - expiryDays * DAY_MS).toISOString();
    const assignments = await this.store.stories.recentAssignments(since);
    const storyOf = new Map(assignments.map((a) => [a.articleId, a.storyId]));
    const docs = await storyDocs(
      this.store,
      assignments.map((a) => a.articleId),
    );
    // Vectors stored with the articles are read; the provider is asked only for the others.
    for (let i = 0; i < docs.length; i += EMBED_CHUNK) await this.embed(docs.slice(i, i + EMBED_CHUNK));
    clusterer.load(docs.map((doc) => ({ doc, storyId: storyOf.get(Number(doc.id)) as number })));
    this.clusterer = clusterer;
    log.info('live stories rebuilt', { articles: docs.length, stories: clusterer.liveCount });
  }

  /**
   * Attaches vectors to `docs`: those stored for this model, and the provider's for the rest
   * (then stored). The provider is optional help: when it fails (after its own retries), the
   * articles are clustered on their words alone rather than left waiting.
   */
  private async embed(docs: StoryDoc[]): Promise<void> {
    const { embedder, model } = this;
    if (!embedder || !model || docs.length === 0) return;
    const stored = await this.store.articleVectors.getMany(
      docs.map((d) => Number(d.id)),
      embedder.model,
    );
    const missing: StoryDoc[] = [];
    for (const doc of docs) {
      const vector = stored.get(Number(doc.id));
      if (vector) model.setEmbedding(doc, vector);
      else missing.push(doc);
    }
    if (missing.length === 0) return;
    let vectors: Float32Array[];
    try {
      vectors = await attachEmbeddings(missing, model, embedder);
    } catch (err) {
      log.warn('embeddings unavailable; clustering on words alone', {
        articles: missing.length,
        model: embedder.model,
        err: err as Error,
      });
      return;
    }
    const fresh = new Map<number, Float32Array>();
    missing.forEach((doc, i) => {
      const vector = vectors[i];
      if (vector) fresh.set(Number(doc.id), vector);
    });
    await this.store.articleVectors.putMany(embedder.model, fresh);
  }

  /** Makes every write of stories check `fence` inside its transaction first (the story-writer lock). */
  fenceWith(fence: (db: Kysely<Database>) => Promise<void>): void {
    this.fence = fence;
  }

  /** Forgets the live stories: the next article rebuilds them from the store (another writer ran meanwhile). */
  reset(): void {
    this.queue = this.queue.then(() => {
      this.ready = undefined;
      this.clusterer = undefined;
    });
  }

  private takeReservedId(): number {
    const id = this.reservedId;
    if (id === undefined) throw new Error('no story id reserved');
    this.reservedId = undefined;
    return id;
  }

  /** Assigns one article to a story (joining, starting or merging stories); returns its story. */
  assign(articleId: number): Promise<Story | undefined> {
    const run = this.queue.then(() => this.assignNow(articleId));
    this.queue = run.catch(() => {});
    return run;
  }

  private async assignNow(articleId: number): Promise<Story | undefined> {
    // A failed start (the store was briefly unreachable) is tried again by the next article.
    this.ready ??= this.init().catch((err) => {
      this.ready = undefined;
      throw err;
    });
    await this.ready;
    const clusterer = this.clusterer as StoryClusterer;
    const article = await this.store.articles.get(articleId);
    if (!article) return undefined;
    const assigned = await this.store.stories.storyOf(articleId);
    if (assigned !== undefined) return this.store.stories.get(assigned);
    const english = await this.store.translations.get(articleId);
    // The clusterer is synchronous: the id a new story would get is fetched before, and kept for
    // a later article when this one joins a story.
    this.reservedId ??= await this.store.stories.allocateId();
    const reserved = this.reservedId;
    const doc = storyDoc(article, english);
    await this.embed([doc]);
    const result = clusterer.add(doc);
    const isNew = result.storyId === reserved && this.reservedId === undefined;
    try {
      return await this.record(clusterer, result, isNew, articleId);
    } catch (err) {
      // The clusterer holds the article, the store may not (the database went away half-way):
      // rebuild from the store before the next article rather than drift from it.
      this.ready = undefined;
      this.clusterer = undefined;
      throw err;
    }
  }

  private async record(
    clusterer: StoryClusterer,
    result: AddResult,
    isNew: boolean,
    articleId: number,
  ): Promise<Story | undefined> {
    const story = clusterer.story(result.storyId);
    // One transaction, fenced: all of an article's story writes or none, and none from a process
    // that is no longer the writer (the lock is checked by the database, not remembered).
    await this.store.transaction(async (tx) => {
      await this.fence(tx.db);
      for (const absorbed of result.merged ?? []) await tx.stories.merge(absorbed, result.storyId);
      if (!story) return;
      const fields: StoryFields = {
        title: story.title,
        firstSeen: story.firstSeen,
        lastSeen: story.lastSeen,
        countries: story.countries,
        outlets: story.outlets,
        languages: story.languages,
        articleCount: story.articleCount,
      };
      if (isNew) await tx.stories.insertWithId(result.storyId, fields);
      else await tx.stories.update(result.storyId, fields);
      await tx.stories.assign(result.storyId, articleId, result.score);
    });
    for (const absorbed of result.merged ?? []) log.info('stories merged', { from: absorbed, into: result.storyId });
    return story ? { ...story, id: result.storyId } : undefined;
  }
}
