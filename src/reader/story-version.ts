import { type StoryVersionParts, storyBasis } from '../model/story.ts';

export type { StoryVersionParts };

/**
 * The one definition of a story's version for the read side: it changes when the story gains,
 * loses or moves articles, when the pipeline stores a new analysis and when it writes a new take.
 * What the reader service or the renderer keeps of a story is kept under this name and is current
 * while the name is.
 */
export function storyVersion(parts: StoryVersionParts): string {
  return `${storyBasis(parts)}|${parts.analysisBasis ?? ''}|${parts.takeVersion ?? ''}`;
}
