import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { takeArticles } from '../../jobs/handlers/take.ts';
import { Store } from '../../store/store.ts';
import { storyDocs } from '../../stories/article-docs.ts';
import { parseStoryJsonl, TakeInputError } from '../../takes/input.ts';
import { countryName } from '../../takes/llm/countries.ts';
import { createSummarizer, summarizerProviders } from '../../takes/providers/index.ts';
import type { TakeArticle, TakeInput, TakeResult } from '../../takes/summarizer.ts';
import { takeFromResult } from '../../takes/take.ts';
import { type Command, type CommandContext, UserError } from '../command.ts';

/** Largest story file read (a story of 5,000 long articles fits). */
const MAX_INPUT_BYTES = 256 * 1024 * 1024;

export const takeCommand: Command = {
  name: 'take',
  help: `Usage: meridian take --input FILE.jsonl [--provider NAME] [--json]
       meridian take STORY_ID [--provider NAME] [--json]

Writes "The World's Current Take": a few titled sections whose every sentence cites the articles
it rests on. With STORY_ID the story's articles come from the database and the take is stored as
the story's next version (shown on its pages); with --input it is only printed.

  --input FILE     one story as JSON Lines, one article a line:
                   {"id", "outlet", "country", "language", "title", "text", "published"} (English text)
  --provider NAME  ${summarizerProviders.names.join(' or ')} (default: MERIDIAN_SUMMARIZER)
  --json           print {"sections": [{"heading", "sentences": [{"text", "citations"}]}], "countries",
                   "provider", "model", "outletCount", "note"?, "sources"} instead of text`,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { input: { type: 'string' }, provider: { type: 'string' }, json: { type: 'boolean' } },
    });
    if (values.provider !== undefined && !summarizerProviders.has(values.provider)) {
      throw new UserError(`unknown provider "${values.provider}" (choose ${summarizerProviders.names.join(', ')})`);
    }
    const input = await loadStory(values.input, positionals, ctx);
    if (input.articles.length === 0)
      throw new UserError('the story has no articles in English (translated or written in English)');
    const summarizer = createSummarizer(ctx.config(), values.provider);
    const result = await summarizer.summarize(input);
    if (input.storyId !== undefined) await storeTake(ctx, input.storyId, result, input.articles.length);
    ctx.io.out(
      values.json ? `${JSON.stringify(toJson(result, input.articles), null, 2)}\n` : renderText(result, input.articles),
    );
    return 0;
  },
};

/** Where the story comes from: a file now; the store (`STORY_ID`) once the lead wires it here. */
async function loadStory(
  inputPath: string | undefined,
  positionals: string[],
  _ctx: CommandContext,
): Promise<TakeInput> {
  if (inputPath !== undefined) {
    if (positionals.length > 0) throw new UserError('give either --input FILE or STORY_ID, not both');
    return { articles: await readStoryFile(inputPath) };
  }
  const [storyId] = positionals;
  if (storyId === undefined) throw new UserError('give --input FILE.jsonl (or STORY_ID); see meridian take --help');
  if (!/^\d+$/.test(storyId)) throw new UserError(`"${storyId}" is not a story id`);
  const store = await Store.fromConfig(_ctx.config());
  try {
    const story = await store.stories.get(Number(storyId));
    if (!story) throw new UserError(`no story ${storyId}`);
    const ids = await store.stories.articleIds(story.id);
    const outlets = new Map((await store.outlets.list()).map((o) => [o.id, o]));
    return { storyId: story.id, articles: takeArticles(await storyDocs(store, ids), outlets) };
  } finally {
    await store.close();
  }
}

/** Stores a take written for a stored story as its next version. */
async function storeTake(
  ctx: CommandContext,
  storyId: number,
  result: TakeResult,
  articleCount: number,
): Promise<void> {
  const store = await Store.fromConfig(ctx.config());
  try {
    const version = await store.worldTakes.add({ ...takeFromResult(result, storyId, new Date()), articleCount });
    ctx.io.err(`stored as version ${version} of story ${storyId}'s take\n`);
  } finally {
    await store.close();
  }
}

async function readStoryFile(path: string): Promise<TakeArticle[]> {
  let text: string;
  try {
    const info = await stat(path);
    if (info.size > MAX_INPUT_BYTES) throw new UserError(`${path} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return parseStoryJsonl(text);
  } catch (err) {
    if (err instanceof TakeInputError) throw new UserError(`${path}: ${err.message}`);
    throw err;
  }
}

/** The take with the cited articles listed, so every citation resolves to an outlet and country. */
function toJson(result: TakeResult, articles: readonly TakeArticle[]) {
  const cited = new Set(result.sections.flatMap((s) => s.sentences.flatMap((x) => x.citations)));
  const sources = articles
    .filter((a) => cited.has(a.id))
    .map((a) => ({ id: a.id, outlet: a.outlet, country: a.country, title: a.title, published: a.published }));
  return { ...result, sources };
}

/** Readable text: headings, sentences with [n] markers, then the numbered sources. */
function renderText(result: TakeResult, articles: readonly TakeArticle[]): string {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const numbers = new Map<string, number>();
  const marker = (id: string) => {
    if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
    return `[${numbers.get(id)}]`;
  };
  const lines: string[] = ["The World's Current Take", ''];
  for (const section of result.sections) {
    lines.push(plain(section.heading));
    for (const s of section.sentences) lines.push(`  ${plain(s.text)} ${s.citations.map(marker).join('')}`);
    lines.push('');
  }
  lines.push(`Countries: ${result.countries.map(countryName).join(', ') || 'none'}`);
  lines.push(`Outlets: ${result.outletCount}   Written by: ${result.provider} (${result.model})`);
  if (result.note) lines.push(`Note: ${plain(result.note)}`);
  lines.push('', 'Sources:');
  for (const [id, n] of numbers) {
    const a = byId.get(id);
    lines.push(
      `  [${n}] ${plain(a?.outlet ?? '?')} (${a ? countryName(a.country) : '?'}): ${plain(a?.title ?? '')} <${plain(id)}>`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Article text is foreign input: no control characters (terminal escapes) reach the screen. */
function plain(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}
