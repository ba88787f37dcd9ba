/**
 * The shape of the model's answer, checked by hand (it is small): an object with `sections`, each
 * with a string `heading` and `sentences` of `{text, citations}`. Extra fields are ignored; counts
 * above the limits are cut later, after sentences that fail their checks are gone.
 */
export interface RawSentence {
  text: string;
  citations: string[];
}
export interface RawSection {
  heading: string;
  sentences: RawSentence[];
}

export type ParseResult = { ok: true; sections: RawSection[] } | { ok: false; error: string };

/** Limits on what is accepted at all (a longer answer is a broken answer). */
const MAX_SECTIONS = 12;
const MAX_SENTENCES = 12;
const MAX_CITATIONS = 100;

export function parseTakeAnswer(content: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(stripFence(content));
  } catch (err) {
    return { ok: false, error: `not JSON: ${(err as Error).message.slice(0, 120)}` };
  }
  if (!isObject(data) || !Array.isArray(data.sections)) return { ok: false, error: 'no "sections" array' };
  if (data.sections.length === 0 || data.sections.length > MAX_SECTIONS) {
    return { ok: false, error: `${data.sections.length} sections` };
  }
  const sections: RawSection[] = [];
  for (const [i, s] of data.sections.entries()) {
    if (!isObject(s) || typeof s.heading !== 'string' || !Array.isArray(s.sentences)) {
      return { ok: false, error: `section ${i} lacks a heading or sentences` };
    }
    if (s.sentences.length > MAX_SENTENCES) return { ok: false, error: `section ${i} has too many sentences` };
    const sentences: RawSentence[] = [];
    for (const [j, x] of s.sentences.entries()) {
      if (!isObject(x) || typeof x.text !== 'string' || !Array.isArray(x.citations)) {
        return { ok: false, error: `section ${i} sentence ${j} lacks text or citations` };
      }
      if (
        x.citations.length > MAX_CITATIONS ||
        !x.citations.every((c) => typeof c === 'string' || typeof c === 'number')
      ) {
        return { ok: false, error: `section ${i} sentence ${j} has bad citations` };
      }
      sentences.push({ text: x.text, citations: x.citations.map(String) });
    }
    sections.push({ heading: s.heading, sentences });
  }
  return { ok: true, sections };
}

/** Some servers wrap JSON in a Markdown fence even in JSON mode. */
function stripFence(s: string): string {
  const m = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/.exec(s);
  return m ? m[1]! : s;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
