import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { StoryClusterer } from '../../stories/clusterer.ts';
import type { StoryDoc } from '../../stories/doc.ts';
import { attachEmbeddings } from '../../stories/embeddings.ts';
import { storiesFromConfig } from '../../stories/from-config.ts';
import { ArticleLineError, parseArticleLine } from '../../stories/jsonl.ts';
import { type Command, UserError } from '../command.ts';

/** Articles embedded per request batch when an embeddings provider is configured. */
const CHUNK = 256;

export const clusterCommand: Command = {
  name: 'cluster',
  help: `Usage: meridian cluster FILE.jsonl [--threshold N] [--expiry-days N]

Reads one article per line: {"id", "language", "title", "text", "published"?, "country"?,
"outlet"?, "english"?: {"title", "text"}}, clusters them incrementally in file order (give them
oldest first), and prints {"id", "story"} per article as JSON lines, with merged stories resolved.
Without "english" the original text is used: names, numbers and shared words still link languages.

  --threshold N     least similarity (0–1) to join a story (default MERIDIAN_STORY_JOIN_THRESHOLD)
  --expiry-days N   days without news after which a story closes (default MERIDIAN_STORY_EXPIRY_DAYS)`,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { threshold: { type: 'string' }, 'expiry-days': { type: 'string' } },
    });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UserError('expected one FILE.jsonl');
    if (!existsSync(file)) throw new UserError(`no such file: ${file}`);
    const overrides: Record<string, string> = {};
    if (values.threshold !== undefined) overrides.MERIDIAN_STORY_JOIN_THRESHOLD = values.threshold;
    if (values['expiry-days'] !== undefined) overrides.MERIDIAN_STORY_EXPIRY_DAYS = values['expiry-days'];
    const { clusterer: options, embedder, model } = storiesFromConfig(ctx.config().with(overrides));
    const clusterer = new StoryClusterer(options);

    const assigned: Array<[StoryDoc['id'], number]> = [];
    const survivor = new Map<number, number>();
    const flush = async (chunk: StoryDoc[]) => {
      if (embedder) await attachEmbeddings(chunk, model, embedder);
      for (const doc of chunk) {
        const { storyId, merged } = clusterer.add(doc);
        assigned.push([doc.id, storyId]);
        for (const m of merged ?? []) survivor.set(m, storyId);
      }
    };
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
    let chunk: StoryDoc[] = [];
    let n = 0;
    try {
      for await (const line of lines) {
        const doc = parseArticleLine(line, ++n);
        if (!doc) continue;
        chunk.push(doc);
        if (chunk.length >= CHUNK) {
          await flush(chunk);
          chunk = [];
        }
      }
    } catch (err) {
      if (err instanceof ArticleLineError) throw new UserError(`${file}: ${err.message}`);
      throw err;
    }
    await flush(chunk);
    const resolve = (id: number): number => {
      let s = id;
      for (let hops = 0; hops < 1000 && survivor.has(s); hops++) s = survivor.get(s) ?? s;
      return s;
    };
    for (const [id, story] of assigned) ctx.io.out(`${JSON.stringify({ id, story: resolve(story) })}\n`);
    return 0;
  },
};
