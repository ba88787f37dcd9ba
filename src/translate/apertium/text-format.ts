/**
 * Apertium's plain-text format, done in process. `apertium -f txt` wraps its translation pipeline
 * in `apertium-destxt` and `apertium-retxt`; both read to the end of their input, so they cannot
 * sit in a long-lived null-flush pipeline. Running them as two short processes per batch would
 * cost more than the translation of a short article, so Meridian does their (small) work itself:
 * `deformat` gives byte for byte what `apertium-destxt` gives and `reformat` what `apertium-retxt`
 * gives (test/translate/apertium-text-format.test.ts compares them with the real programs).
 */

/** Characters the stream format reserves: escaped with a backslash in text. */
const RESERVED = /[[\]\\/@<>^${}]/g;
/** Runs of what the txt format treats as blank (`~` is the stream's join mark, kept as format). */
const BLANK_RUN = /[ \n\t\r~]+/g;
/** A blank that ends a paragraph: the deformatter marks a possible sentence end before it. */
const PARAGRAPH_BREAK = /\n\r?\n/;
/** Marks a possible sentence end, so the tagger and transfer rules see the paragraph end. */
const SENTENCE_END = '.[]';

export function deformat(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(BLANK_RUN)) {
    const run = match[0];
    const at = match.index;
    out += escapeText(text.slice(last, at));
    last = at + run.length;
    const final = last === text.length;
    if (final || PARAGRAPH_BREAK.test(run)) out += SENTENCE_END;
    out += run === ' ' ? ' ' : `[${run}]`;
  }
  if (last < text.length || text === '') {
    out += escapeText(text.slice(last));
    if (text !== '') out += SENTENCE_END;
  }
  return out;
}

function escapeText(text: string): string {
  return text.replace(RESERVED, (c) => `\\${c}`);
}

/**
 * The stream back to text: escapes resolved, superblanks (`[...]`, and word-bound `[[...]]`)
 * opened, and the deformatter's sentence-end marks removed.
 */
export function reformat(stream: string): string {
  let out = '';
  for (let i = 0; i < stream.length; i++) {
    const c = stream[i];
    if (c === '\\') {
      i++;
      out += stream[i] ?? '';
    } else if (c === '.' && stream.startsWith('[]', i + 1)) {
      i += 2;
    } else if (c !== '[' && c !== ']') {
      out += c;
    }
  }
  return out;
}
