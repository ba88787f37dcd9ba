import { logger } from '../config/log.ts';
import type { Story } from '../model/story.ts';
import type { Store } from '../store/store.ts';
import { STORY_ARTICLE_CAP } from '../stories/article-docs.ts';
import { articleJobKey, JOB } from './kinds.ts';
import { MULTI_COUNTRY_LIFT, READER_PRIORITY } from './priority.ts';

const log = logger('translate');

/**
 * Priorities changed through the store (see priority.ts): the pipeline's own process and web
 * processes both move translation jobs, so nothing here lives in memory.
 */

/**
 * A reader opened an article whose translation has not arrived: its translation jobs move ahead
 * of every other job. Web processes are not the pipeline's process, so this goes through the
 * store. A failure only loses the promotion: the page is served either way.
 */
export async function promoteForReader(store: Store, articleId: number, now = new Date()): Promise<void> {
  try {
    await store.jobs.raisePriority(
      [articleJobKey(JOB.translate, articleId), articleJobKey(JOB.translateBody, articleId)],
      READER_PRIORITY,
      now,
    );
  } catch (err) {
    log.warn('could not move a translation ahead for a reader', { articleId, err: (err as Error).message });
  }
}

/** Bodies of a story two or more countries cover are translated before the others (age kept). */
export async function liftMultiCountryBodies(
  store: Store,
  story: Pick<Story, 'id' | 'countries'>,
  now = new Date(),
): Promise<void> {
  if (story.countries.length < 2) return;
  const ids = (await store.stories.articleIds(story.id)).slice(-STORY_ARTICLE_CAP);
  await store.jobs.liftPriority(
    ids.map((id) => articleJobKey(JOB.translateBody, id)),
    MULTI_COUNTRY_LIFT.below,
    MULTI_COUNTRY_LIFT.by,
    now,
  );
}
