import type { TakeArticle } from './summarizer.ts';

/** Limits on a story read from a file: enough for any real story, bounded for a hostile file. */
export const INPUT_LIMITS = { maxArticles: 5_000, maxTextChars: 200_000, maxFieldChars: 2_000 } as const;

export class TakeInputError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'TakeInputError';
  }
}

const FIELDS = ['id', 'outlet', 'country', 'language', 'title', 'text', 'published'] as const;

/**
 * Parses one story given as JSON Lines, one article a line:
 * `{"id", "outlet", "country", "language", "title", "text", "published"}` (English text).
 * Blank lines are skipped; `id` is required and unique; a missing optional field is empty.
 */
export function parseStoryJsonl(text: string): TakeArticle[] {
  const articles: TakeArticle[] = [];
  const ids = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (!raw.trim()) return;
    if (articles.length >= INPUT_LIMITS.maxArticles) {
      throw new TakeInputError(`more than ${INPUT_LIMITS.maxArticles} articles`, line);
    }
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      throw new TakeInputError('not a JSON object', line);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new TakeInputError('not a JSON object', line);
    }
    const record = data as Record<string, unknown>;
    const values: Record<string, string> = {};
    for (const field of FIELDS) {
      const v = record[field];
      if (v === undefined || v === null) values[field] = '';
      else if (typeof v === 'string' || typeof v === 'number') values[field] = String(v);
      else throw new TakeInputError(`"${field}" must be a string`, line);
      const max = field === 'text' ? INPUT_LIMITS.maxTextChars : INPUT_LIMITS.maxFieldChars;
      values[field] = values[field]!.slice(0, max);
    }
    const id = values.id!.trim();
    if (!id) throw new TakeInputError('"id" is missing', line);
    if (ids.has(id)) throw new TakeInputError(`duplicate id "${id}"`, line);
    ids.add(id);
    articles.push({
      id,
      outlet: values.outlet!.trim() || 'unknown',
      country: (values.country!.trim() || 'XX').toUpperCase(),
      language: values.language!.trim(),
      title: values.title!.trim(),
      text: values.text!,
      published: values.published!.trim(),
    });
  });
  return articles;
}
