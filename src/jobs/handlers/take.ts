import type { Config } from '../../config/config.ts';
import { logger } from '../../config/log.ts';
import type { Outlet } from '../../model/outlet.ts';
import type { Store } from '../../store/store.ts';
import { STORY_ARTICLE_CAP, storyDocs } from '../../stories/article-docs.ts';
import type { StoryDoc } from '../../stories/doc.ts';
import { nameVariants } from '../../stories/names.ts';
import { shouldWriteNewVersion, tooSoonUntil } from '../../takes/policy.ts';
import { takePolicySettings } from '../../takes/settings.ts';
import type { Summarizer, TakeArticle } from '../../takes/summarizer.ts';
import { takeFromResult, takeProblems } from '../../takes/take.ts';
import type { KindHandler } from '../kinds.ts';
import { correctNames } from '../name-corrections.ts';
import { storeStoryTakes } from '../story-takes.ts';

const log = logger('take');

/**
 * Writes a new version of a story's World's Current Take when the story has grown or changed
 * enough (debounced by the takes policy), after making its names consistent: when the articles
 * of a story render one person's name differently, the English-language outlets' spelling wins
 * and the other translations are corrected. Stores the story's Alternative Takes analysis too,
 * for every change of the story.
 */
export function takeHandler(
  store: Store,
  config: Config,
  summarizer: Summarizer,
  outlets: () => Promise<Map<string, Outlet>>,
): KindHandler<'take'> {
  const policy = takePolicySettings(config);
  return async (job) => {
    const { storyId, refresh = false } = job.payload;
    const story = await store.stories.get(storyId);
    if (!story) return { status: 'done' };
    const ids = (await store.stories.articleIds(story.id)).slice(-STORY_ARTICLE_CAP);
    let docs = await storyDocs(store, ids);

    const suggestions = nameVariants(docs);
    if (suggestions.length > 0) {
      const corrected = await correctNames(store, suggestions);
      if (corrected > 0) docs = await storyDocs(store, ids);
    }
    // Before the take, which may be skipped or fail with its provider: article pages need this
    // whenever the story changes.
    await storeStoryTakes(store, story, docs);

    const previous = await store.worldTakes.latest(story.id);
    const current = { articleCount: story.articleCount, countries: story.countries };
    const basis = previous && {
      articleCount: previous.articleCount ?? 0,
      countries: previous.countries,
      createdAt: previous.createdAt,
    };
    const now = new Date();
    if (!shouldWriteNewVersion(basis, current, now, policy, refresh)) {
      // Bodies that landed while the take was too fresh are taken in once the interval has passed.
      const until = refresh && basis ? tooSoonUntil(basis, now, policy) : undefined;
      return until
        ? { status: 'retry-later', at: until, reason: 'take refresh waits for the interval' }
        : { status: 'done' };
    }

    const articles = takeArticles(docs, await outlets());
    if (articles.length < 2) return { status: 'done' };
    const summarized = await summarizer.summarize({ storyId: story.id, articles });
    // Articles still waiting for translation are counted, never quoted.
    const waiting = docs.length - articles.length;
    const result =
      waiting > 0
        ? {
            ...summarized,
            note: [
              summarized.note,
              `${waiting === 1 ? '1 article' : `${waiting} articles`} not yet in English ${waiting === 1 ? 'is' : 'are'} counted, not quoted.`,
            ]
              .filter(Boolean)
              .join(' '),
          }
        : summarized;
    const problems = takeProblems(result, articles);
    if (problems.length > 0) {
      log.warn('take not stored: it breaks the take rules', { storyId: story.id, problems });
      return { status: 'done' };
    }
    // Not fenced by the story-writer lock, unlike clustering: a take is made from the stored story
    // alone (no process-local state), versions are numbered by the database and two takes of one
    // story written at once get consecutive versions, so a writer demoted in mid-job writes at
    // worst one redundant but correct version.
    const version = await store.worldTakes.add({
      ...takeFromResult(result, story.id, new Date()),
      articleCount: story.articleCount,
    });
    log.info('take written', {
      storyId: story.id,
      version,
      provider: result.provider,
      sections: result.sections.length,
    });
    return { status: 'done' };
  };
}

/** A story's articles as the summarizers read them: English text, outlet names, countries. */
export function takeArticles(docs: readonly StoryDoc[], outlets: Map<string, Outlet>): TakeArticle[] {
  return docs
    .filter((d) => d.english)
    .map((d) => ({
      id: String(d.id),
      outlet: outlets.get(String(d.outlet))?.name ?? String(d.outlet),
      country: d.country ?? 'XX',
      language: d.language,
      title: d.english?.title ?? d.title,
      text: d.english?.text ?? d.text,
      published: d.published ?? '',
    }));
}
