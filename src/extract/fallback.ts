import { type BodyBlocks, blocksFromElement, cleanText, emptyBody } from './blocks.ts';
import { removeBoilerplate } from './boilerplate.ts';
import { elementsByTag } from './dom.ts';
import { parseDocument } from './parse.ts';

/** The elements whose text votes for their parent. */
const VOTING_TAGS = new Set(['p', 'pre', 'blockquote', 'li', 'td']);

/** Paragraphs shorter than this do not vote for their parent in the baseline. */
const BASELINE_MIN_PARAGRAPH = 25;

/** JSON-LD articleBody as blocks: one paragraph per line (some sites put HTML in it: tags are dropped). */
export function blocksFromArticleBody(articleBody: string): BodyBlocks {
  const text = articleBody.includes('<')
    ? articleBody.replace(/<\/(?:p|div|h\d|li|blockquote)>|<br\s*\/?>/gi, '\n').replace(/<[^>]+>/g, '')
    : articleBody;
  const blocks = text
    .split(/\n+/)
    .map((line) => cleanText(line))
    .filter(Boolean)
    .map((line) => ({ kind: 'p' as const, text: line }));
  return { blocks, figures: [], links: blocks.map(() => 0) };
}

/**
 * The baseline rescue: parse the page again, drop the furniture, and take the element whose direct
 * paragraphs hold the most text. It knows nothing of scores; it is there for pages whose markup
 * confuses Readability (text in a table cell, paragraphs split over many sibling containers).
 */
export function baselineBlocks(html: string): BodyBlocks {
  const document = parseDocument(html);
  removeBoilerplate(document);
  const body = document.body;
  if (!body) return emptyBody();
  const votes = new Map<Element, number>();
  for (const p of elementsByTag(body, VOTING_TAGS)) {
    const length = cleanText(p.textContent ?? '').length;
    const parent = p.parentElement;
    if (length >= BASELINE_MIN_PARAGRAPH && parent) votes.set(parent, (votes.get(parent) ?? 0) + length);
  }
  let best: Element | undefined;
  let bestVotes = 0;
  for (const [parent, count] of votes) {
    if (count > bestVotes) {
      best = parent;
      bestVotes = count;
    }
  }
  return blocksFromElement(best ?? body);
}
