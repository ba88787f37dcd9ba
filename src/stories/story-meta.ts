/**
 * A story's facts from its articles alone (the story page, or a story no longer live in the
 * clusterer): English title (the most central headline), countries, outlets, languages, first
 * and last seen. The same rules as the live clusterer's, so both agree.
 */
import type { Story } from '../model/story.ts';
import type { StoryDoc } from './doc.ts';
import { publishedMs } from './features.ts';
import { LiveStory } from './live-story.ts';
import { SimilarityModel } from './similarity.ts';

export function describeStory(id: number, articles: StoryDoc[], model: SimilarityModel = new SimilarityModel()): Story {
  const dated = articles
    .map((doc) => ({ doc, time: publishedMs(doc.published) }))
    .sort((a, b) => (a.time ?? 0) - (b.time ?? 0));
  const firstTime = dated.find((d) => d.time !== undefined)?.time ?? 0;
  const story = new LiveStory(id, firstTime);
  const known = model.stats.documentCount > 0;
  for (const { doc, time } of dated) {
    // Without an archive, the story's own articles are the statistics.
    const profile = known ? model.profile(doc) : model.observe(doc);
    story.add(doc, profile, time ?? firstTime, model.stats);
  }
  return story.describe(model.stats);
}
