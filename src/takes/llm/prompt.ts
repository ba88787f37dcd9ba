import { ASPECTS } from '../aspects.ts';
import type { TakeArticle } from '../summarizer.ts';
import { countryName } from './countries.ts';

/**
 * The request to the model. The articles go in as labelled plain text; the answer must be one
 * JSON object whose every sentence cites the ids of the articles it rests on. The instructions
 * say what the checks afterwards enforce, so a well-behaved model loses nothing to them.
 */
export const SYSTEM_PROMPT = `You write "The World's Current Take": a short, neutral English summary of how news outlets in different countries cover one story.

Answer with one JSON object and nothing else, in exactly this shape:
{"sections": [{"heading": "Short Title Cased Heading", "sentences": [{"text": "One sentence.", "citations": ["article id", "..."]}]}]}

Rules:
- 2 to 5 sections, each about one aspect of the story. Title each section by its aspect, from this list: ${ASPECTS.map((a) => a.title).join('; ')}. A heading may narrow its aspect by a place ("Diplomacy and Negotiations in Geneva"); it is never a bare name or phrase.
- 1 to 4 sentences per section; each sentence states facts found in the articles it cites.
- "citations" lists the ids of every given article that supports the sentence, and only ids given below.
- Use only names, numbers, dates and places that appear in the cited articles. Never invent a quotation; quote only words that appear verbatim in a cited article.
- Prefer facts reported by several outlets, and show where countries' outlets differ.`;

export function buildMessages(articles: readonly TakeArticle[]): Array<{ role: 'system' | 'user'; content: string }> {
  const blocks = articles.map((a) =>
    [
      `Article id: ${a.id}`,
      `Outlet: ${a.outlet} (${countryName(a.country)})`,
      a.published ? `Published: ${a.published}` : '',
      `Title: ${oneLine(a.title)}`,
      `Text: ${a.text.trim()}`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    {
      role: 'user',
      content: `${articles.length} articles about one story follow, separated by lines of dashes. Write the take as a JSON object.\n\n${blocks.join('\n-----\n')}`,
    },
  ];
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
