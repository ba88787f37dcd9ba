import { readFileSync } from 'node:fs';
import { parseStoryJsonl } from '../../src/takes/input.ts';
import type { TakeArticle } from '../../src/takes/summarizer.ts';

/** A story of the fixtures folder (test/fixtures/takes/NAME.jsonl). */
export function fixtureStory(name: string): TakeArticle[] {
  return parseStoryJsonl(readFileSync(new URL(`../fixtures/takes/${name}.jsonl`, import.meta.url), 'utf8'));
}

export const fixturePath = (name: string): string =>
  new URL(`../fixtures/takes/${name}.jsonl`, import.meta.url).pathname;
