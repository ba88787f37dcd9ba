import { logger } from '../../config/log.ts';
import type { WorldTakeSection } from '../../model/story.ts';
import { headingProblem } from '../aspects.ts';
import type { TakeArticle } from '../summarizer.ts';
import { checkHeading, checkSentence, type SourceText, sourceText } from './grounding.ts';
import type { RawSection } from './schema.ts';

const log = logger('takes.llm');

export const TAKE_LIMITS = { maxSections: 5, maxSentences: 4, maxHeadingChars: 80, maxSentenceChars: 500 } as const;

/**
 * Keeps only what can be shown: sentences whose citations all name articles the model was given
 * and whose names, numbers and quotes are in those articles. Every dropped sentence is logged
 * (never shown); a section left without sentences is dropped; limits are applied last.
 */
export function keepGroundedSections(
  sections: readonly RawSection[],
  given: readonly TakeArticle[],
  storyId?: number,
): WorldTakeSection[] {
  const byId = new Map(given.map((a) => [a.id, a]));
  const sources = new Map<string, SourceText>();
  const sourceOf = (id: string) => {
    let s = sources.get(id);
    if (!s) {
      s = sourceText(byId.get(id)!);
      sources.set(id, s);
    }
    return s;
  };
  const seen = new Set<string>();
  const kept: WorldTakeSection[] = [];
  for (const section of sections) {
    const heading = clean(section.heading, TAKE_LIMITS.maxHeadingChars);
    const sentences: WorldTakeSection['sentences'] = [];
    for (const raw of section.sentences) {
      const text = clean(raw.text, TAKE_LIMITS.maxSentenceChars);
      const citations = [...new Set(raw.citations.map((c) => c.trim()))];
      const drop = (reason: string, extra: Record<string, unknown> = {}) =>
        log.warn('take sentence dropped', { storyId, reason, text: text.slice(0, 200), citations, ...extra });
      if (!text) continue;
      if (citations.length === 0) {
        drop('no citations');
        continue;
      }
      const unknown = citations.filter((c) => !byId.has(c));
      if (unknown.length > 0) {
        drop('cites an article it was not given', { unknown });
        continue;
      }
      const check = checkSentence(text, citations.map(sourceOf));
      if (!check.ok) {
        drop(`${check.reason} not in cited articles`, { missing: check.missing });
        continue;
      }
      const key = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
      if (seen.has(key)) continue;
      seen.add(key);
      sentences.push({ text, citations });
    }
    if (!heading || sentences.length === 0) continue;
    const aspectProblem = headingProblem(heading);
    if (aspectProblem) {
      // A section titled by a name is not about an aspect of the story: dropped like an unsupported claim.
      log.warn('take section dropped', { storyId, reason: `heading ${aspectProblem}`, heading });
      continue;
    }
    const shown = sentences.slice(0, TAKE_LIMITS.maxSentences);
    const headingCheck = checkHeading(heading, [...new Set(shown.flatMap((s) => s.citations))].map(sourceOf));
    if (!headingCheck.ok) {
      // The heading carries the section: a section under an invented figure is not shown at all.
      log.warn('take section dropped', {
        storyId,
        reason: `heading ${headingCheck.reason} not in cited articles`,
        heading,
      });
      continue;
    }
    kept.push({ heading, sentences: shown });
  }
  return kept.slice(0, TAKE_LIMITS.maxSections);
}

/** One line of plain text: no control characters, no markup, bounded length. */
function clean(s: string, max: number): string {
  const text = s
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
