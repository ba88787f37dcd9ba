/** Articles as JSON lines (`meridian cluster`): one object per line, validated field by field. */
import type { StoryDoc } from './doc.ts';

export class ArticleLineError extends Error {}

const MAX_FIELD_CHARS = 1_000_000;

function text(value: unknown, field: string, line: number, required: boolean): string | undefined {
  if (value === undefined || value === null) {
    if (required) throw new ArticleLineError(`line ${line}: "${field}" is missing`);
    return undefined;
  }
  if (typeof value !== 'string') throw new ArticleLineError(`line ${line}: "${field}" must be a string`);
  return value.slice(0, MAX_FIELD_CHARS);
}

/** Parses one line; returns undefined for a blank line. */
export function parseArticleLine(raw: string, line: number): StoryDoc | undefined {
  if (raw.trim() === '') return undefined;
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    throw new ArticleLineError(`line ${line}: not valid JSON`);
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o))
    throw new ArticleLineError(`line ${line}: not an object`);
  const id = o.id;
  if (typeof id !== 'string' && typeof id !== 'number')
    throw new ArticleLineError(`line ${line}: "id" must be a string or number`);
  const doc: StoryDoc = {
    id,
    language: text(o.language, 'language', line, false) ?? 'und',
    title: text(o.title, 'title', line, false) ?? '',
    text: text(o.text, 'text', line, false) ?? '',
  };
  const published = text(o.published, 'published', line, false);
  if (published !== undefined) {
    if (!Number.isFinite(Date.parse(published))) throw new ArticleLineError(`line ${line}: "published" is not a date`);
    doc.published = published;
  }
  const country = text(o.country, 'country', line, false);
  if (country) doc.country = country.toUpperCase();
  const outlet = text(o.outlet, 'outlet', line, false);
  if (outlet) doc.outlet = outlet;
  const english = o.english;
  if (english !== undefined && english !== null) {
    if (typeof english !== 'object') throw new ArticleLineError(`line ${line}: "english" must be an object`);
    const e = english as Record<string, unknown>;
    doc.english = {
      title: text(e.title, 'english.title', line, false) ?? '',
      text: text(e.text, 'english.text', line, false) ?? '',
    };
  }
  if (!doc.title && !doc.text && !doc.english) throw new ArticleLineError(`line ${line}: no title or text`);
  return doc;
}
