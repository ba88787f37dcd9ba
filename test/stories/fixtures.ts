/** The stories tests' fixture articles (test/fixtures/stories/articles.jsonl), with their gold event. */
import { readFileSync } from 'node:fs';
import type { StoryDoc } from '../../src/stories/doc.ts';
import { parseArticleLine } from '../../src/stories/jsonl.ts';

export const FIXTURES = new URL('../fixtures/stories/', import.meta.url);

export function fixtureArticles(): Array<StoryDoc & { event: string }> {
  const text = readFileSync(new URL('articles.jsonl', FIXTURES), 'utf8');
  return text
    .split('\n')
    .map((line, i) => {
      const doc = parseArticleLine(line, i + 1);
      return doc ? { ...doc, event: String((JSON.parse(line) as { event: string }).event) } : undefined;
    })
    .filter((d) => d !== undefined);
}

export function byId<T extends StoryDoc>(docs: T[], id: string): T {
  const doc = docs.find((d) => d.id === id);
  if (!doc) throw new Error(`no fixture ${id}`);
  return doc;
}
