import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type Command, UserError } from '../command.ts';

/** Input larger than this is refused: language needs a few thousand characters, not gigabytes. */
const MAX_INPUT_BYTES = 64 * 1024 * 1024;

async function readInput(path: string | undefined): Promise<string> {
  if (path === undefined || path === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buf.length;
      if (size > MAX_INPUT_BYTES) throw new UserError(`standard input is larger than ${MAX_INPUT_BYTES} bytes`);
      chunks.push(buf);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    const buf = await readFile(path);
    if (buf.length > MAX_INPUT_BYTES) throw new UserError(`${path} is larger than ${MAX_INPUT_BYTES} bytes`);
    return buf.toString('utf8');
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

export const detectCommand: Command = {
  name: 'detect',
  help: `Usage: meridian detect [--lines] [--hint TAG] [--expect TAGS] [--confidence] [FILE|-]

Prints the BCP 47 tag of the language of the whole text (zh-Hans, zh-Hant, sr-Cyrl, sr-Latn,
or a two-letter code such as en, uk, fa), or "und" when the text has no letters.
Reads standard input when FILE is "-" or absent.

  --lines        one tag per input line (for many headlines or captions at once)
  --hint TAG     the declared language (a page's lang): breaks near-ties only
  --expect TAGS  the languages the outlet publishes, comma-separated (sw,en): a strong prior,
                 overruled only by another script or by another of these languages
  --confidence   print the confidence (0 to 1) after each tag, separated by a tab`,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        lines: { type: 'boolean' },
        hint: { type: 'string' },
        expect: { type: 'string' },
        confidence: { type: 'boolean' },
      },
    });
    if (positionals.length > 1) throw new UserError('give at most one FILE');
    const text = await readInput(positionals[0]);
    // Imported here, not at the top: loading the n-gram model takes a second and 150 MB, which
    // the other commands should not pay.
    const { detectLanguage } = await import('../../language/detect.ts');
    const expected = values.expect
      ?.split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    if (expected?.length === 0) throw new UserError('--expect takes one or more language tags: --expect sw,en');
    const options = { ...(values.hint ? { hint: values.hint } : {}), ...(expected ? { expected } : {}) };
    const format = (line: string) => {
      const d = detectLanguage(line, options);
      return values.confidence ? `${d.lang}\t${d.confidence}\n` : `${d.lang}\n`;
    };
    if (values.lines) {
      const lines = text.split(/\r?\n/);
      // A final line break ends the last line; it does not start an empty one.
      if (lines.length > 1 && lines.at(-1) === '') lines.pop();
      for (const line of lines) ctx.io.out(format(line));
    } else {
      ctx.io.out(format(text));
    }
    return 0;
  },
};
