import { type Story, storyBasis } from '../model/story.ts';
import type { Store } from '../store/store.ts';
import { analyseStoryTakes, storedTakes } from '../stories/alternative-takes.ts';
import type { StoryDoc } from '../stories/doc.ts';

/**
 * Works out and stores the Alternative Takes analysis of `story` from `docs` (its articles, as
 * read after `story`), unless the stored one was made from this version of the story already.
 * Article pages then read one row instead of analysing the story on every visit.
 * Returns whether it wrote.
 */
export async function storeStoryTakes(store: Store, story: Story, docs: readonly StoryDoc[]): Promise<boolean> {
  const basis = storyBasis(story);
  if ((await store.stories.alternativeTakes(story.id))?.basis === basis) return false;
  await store.stories.saveAlternativeTakes(story.id, basis, storedTakes(analyseStoryTakes(docs)));
  return true;
}
