import { LockLostError } from '../../store/session-lock.ts';
import type { Store } from '../../store/store.ts';
import type { KindHandler, QueueWith, StoryPayload } from '../kinds.ts';
import { liftMultiCountryBodies } from '../priority-store.ts';
import type { StoryService } from '../story-service.ts';

/**
 * Assigns a translated article to a story, then schedules that story's next step (`next`: its
 * take) `takeDelayMs` later,
 * so a burst of articles on one story makes one take job.
 */
export function clusterHandler(
  store: Store,
  stories: StoryService,
  next: QueueWith<StoryPayload>,
  takeDelayMs = 60_000,
): KindHandler<'cluster'> {
  return async (job) => {
    const { articleId } = job.payload;
    const article = await store.articles.get(articleId);
    if (!article || (article.state !== 'translated' && article.state !== 'extracted')) return { status: 'done' };
    let story: Awaited<ReturnType<StoryService['assign']>>;
    try {
      story = await stories.assign(articleId);
    } catch (err) {
      // This process stopped being the story writer mid-job and wrote nothing: the job goes back
      // to the queue at once, for the writer now holding the lock (this one no longer claims it).
      if (err instanceof LockLostError) return { status: 'retry-later', at: new Date(), reason: err.message };
      throw err;
    }
    // The take is queued before the article is marked clustered: a kill between the two leaves
    // the article translated, recovery queues its cluster job again, and `assign` (which keeps
    // an article's story) leads back here, so the story's take is never lost. At worst, when the
    // take ran in between, the story gets one take more than it needed.
    if (story && story.countries.length >= 1 && story.articleCount >= 2) {
      await next(store, { storyId: story.id }, { runAt: new Date(Date.now() + takeDelayMs) });
    }
    if (story) await liftMultiCountryBodies(store, story);
    await store.articles.setState(articleId, 'clustered');
    return { status: 'done' };
  };
}
