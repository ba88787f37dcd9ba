import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { attachEmbeddings } from '../../stories/embeddings.ts';
import { storiesFromConfig } from '../../stories/from-config.ts';
import { PairFormatError, readPairs, scorePairs } from '../../stories/pairs.ts';
import { type Command, UserError } from '../command.ts';

export const compareCommand: Command = {
  name: 'compare',
  help: `Usage: meridian compare PAIRS.csv

Reads pairs in the SemEval-2022 Task 8 layout: a header naming pair_id, lang1, lang2, text1 and
text2 (other columns are ignored; a text's first line is its title). Term weights are learned from
all texts of the file. Prints {"pair_id", "similarity"} per pair as JSON lines, similarity from 0
to 1 where 1 means the same event. Works on the original text; no database, no network unless an
embeddings provider is configured (MERIDIAN_EMBEDDINGS_PROVIDER).`,
  async run(args, ctx) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UserError('expected one PAIRS.csv');
    if (!existsSync(file)) throw new UserError(`no such file: ${file}`);
    let pairs: ReturnType<typeof readPairs>;
    try {
      pairs = readPairs(readFileSync(file, 'utf8'));
    } catch (err) {
      if (err instanceof PairFormatError) throw new UserError(`${file}: ${err.message}`);
      throw err;
    }
    const { model, embedder } = storiesFromConfig(ctx.config());
    if (embedder)
      await attachEmbeddings(
        pairs.flatMap((p) => [p.a, p.b]),
        model,
        embedder,
      );
    const scores = scorePairs(pairs, model);
    pairs.forEach((p, i) => {
      ctx.io.out(`${JSON.stringify({ pair_id: p.pairId, similarity: Math.round((scores[i] ?? 0) * 1e4) / 1e4 })}\n`);
    });
    return 0;
  },
};
