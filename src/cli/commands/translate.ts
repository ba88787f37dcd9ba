import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Config } from '../../config/config.ts';
import { detectLanguage } from '../../language/detect.ts';
import type { Article } from '../../model/article.ts';
import { Store } from '../../store/store.ts';
import { type TranslatedArticle, translateArticle } from '../../translate/article.ts';
import { MemorySegmentCache } from '../../translate/cache.ts';
import {
  ProviderConfigError,
  ProviderUnavailableError,
  RateLimitedError,
  TranslationError,
  UnsupportedLanguageError,
} from '../../translate/errors.ts';
import { createTranslator, translatorProviders } from '../../translate/providers/index.ts';
import type { Translator } from '../../translate/translator.ts';
import { type Command, type CommandContext, UserError } from '../command.ts';

/** Largest text read from a file or stdin. */
const MAX_INPUT_BYTES = 16 * 1024 * 1024;
/** Below this, the detected language is a guess: ask for --from instead of translating wrongly. */
const MIN_CONFIDENCE = 0.5;

export const translateCommand: Command = {
  name: 'translate',
  help: `Usage: meridian translate [--from LANG] [--to LANG] [--provider NAME] [--json] [FILE|-]
       meridian translate --article ID [--provider NAME] [--json]

Reads text from FILE (or stdin), whose blocks are separated by blank lines, and prints the same
blocks translated, in order, separated by blank lines. With --article, translates a stored
article (title, standfirst, body blocks, caption), saves the translation and prints it.

  --from LANG      BCP 47 source language (default: detected from the text)
  --to LANG        target language (default: MERIDIAN_TARGET_LANGUAGE, en)
  --provider NAME  ${translatorProviders.names.join(', ')} (default: MERIDIAN_TRANSLATOR)
  --article ID     translate the stored article ID and save the result
  --json           print the result with provider, model, characters, time and call counts`,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        provider: { type: 'string' },
        article: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
    const config = ctx.config();
    const target = values.to ?? config.string('MERIDIAN_TARGET_LANGUAGE');
    const translator = await openTranslator(config, values.provider);
    try {
      if (translator.passthrough) {
        ctx.io.err(
          'meridian translate: no translation provider is configured (MERIDIAN_TRANSLATOR=none), so the text is printed unchanged. Set MERIDIAN_TRANSLATOR or pass --provider.\n',
        );
      }
      if (values.article !== undefined) {
        if (positionals.length > 0) throw new UserError('give either --article ID or a FILE, not both');
        return await translateStored(values.article, translator, target, values.json === true, ctx);
      }
      const text = await readInput(positionals);
      const blocks = text
        .split(/\r?\n[ \t]*\r?\n/)
        .map((b) => b.trim())
        .filter((b) => b !== '');
      if (blocks.length === 0) throw new UserError('the input has no text');
      const source = values.from ?? detectSource(text);
      const result = await guarded(() =>
        translateArticle(
          { title: '', blocks: blocks.map((t) => ({ kind: 'p', text: t })), language: source },
          { translator, cache: new MemorySegmentCache(), target },
        ),
      );
      if (values.json) ctx.io.out(`${JSON.stringify(summary(result), null, 2)}\n`);
      else ctx.io.out(`${result.blocks.map((b) => b.text).join('\n\n')}\n`);
      return 0;
    } finally {
      await translator.close?.();
    }
  },
};

async function openTranslator(config: Config, name: string | undefined): Promise<Translator> {
  if (name !== undefined && !translatorProviders.has(name)) {
    throw new UserError(`unknown provider "${name}" (choose ${translatorProviders.names.join(', ')})`);
  }
  return guarded(() => createTranslator(config, name));
}

/** Translation failures become one clear line: what happened and, for settings, which one to fix. */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ProviderConfigError || err instanceof UnsupportedLanguageError) throw new UserError(err.message);
    if (err instanceof ProviderUnavailableError || err instanceof RateLimitedError) {
      throw new UserError(`${err.message} (try again later)`, 1);
    }
    if (err instanceof TranslationError) throw new UserError(err.message, 1);
    throw err;
  }
}

async function readInput(positionals: string[]): Promise<string> {
  if (positionals.length > 1) throw new UserError('give one FILE (or - for stdin)');
  const [path = '-'] = positionals;
  if (path === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_INPUT_BYTES) throw new UserError(`stdin is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    const info = await stat(path);
    if (info.size > MAX_INPUT_BYTES) throw new UserError(`${path} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB`);
    return await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

function detectSource(text: string): string {
  const { lang, confidence } = detectLanguage(text);
  if (lang === 'und' || confidence < MIN_CONFIDENCE) {
    throw new UserError('could not tell the language of the text: pass --from LANG');
  }
  return lang;
}

async function translateStored(
  idText: string,
  translator: Translator,
  target: string,
  json: boolean,
  ctx: CommandContext,
): Promise<number> {
  if (!/^\d+$/.test(idText)) throw new UserError(`"${idText}" is not an article id`);
  const store = await Store.fromConfig(ctx.config());
  try {
    const article = await store.articles.get(Number(idText));
    if (!article) throw new UserError(`article ${idText} not found`);
    const source = article.language ?? article.declaredLanguage ?? detectSource(articleText(article));
    const result = await guarded(() =>
      translateArticle(
        { ...article, language: source },
        { translator, cache: store.segmentCache, glossary: store.glossary, target },
      ),
    );
    if (result.translated) {
      await store.translations.save({
        articleId: article.id,
        target,
        source,
        title: result.title,
        ...(result.standfirst !== undefined ? { standfirst: result.standfirst } : {}),
        blocks: result.blocks,
        ...(result.imageCaption !== undefined ? { imageCaption: result.imageCaption } : {}),
        provider: result.provider,
        model: result.model,
        characters: result.characters,
        ms: Math.round(result.ms),
        createdAt: new Date().toISOString(),
      });
    }
    if (json) ctx.io.out(`${JSON.stringify({ articleId: article.id, ...summary(result) }, null, 2)}\n`);
    else ctx.io.out(renderArticle(result));
    return 0;
  } finally {
    await store.close();
  }
}

function articleText(article: Article): string {
  return [article.title, article.standfirst ?? '', ...article.blocks.map((b) => b.text)].join('\n\n');
}

function renderArticle(result: TranslatedArticle): string {
  const parts = [`# ${result.title}`];
  if (result.standfirst) parts.push(result.standfirst);
  parts.push(...result.blocks.map((b) => b.text));
  if (result.imageCaption) parts.push(`[Image: ${result.imageCaption}]`);
  return `${parts.join('\n\n')}\n`;
}

function summary(result: TranslatedArticle) {
  return {
    source: result.source,
    target: result.target,
    provider: result.provider,
    model: result.model,
    translated: result.translated,
    characters: result.characters,
    ms: Math.round(result.ms),
    segments: result.segments,
    cachedSegments: result.cachedSegments,
    providerCalls: result.providerCalls,
    ...(result.title ? { title: result.title } : {}),
    ...(result.standfirst !== undefined ? { standfirst: result.standfirst } : {}),
    blocks: result.blocks.map((b) => b.text),
    ...(result.imageCaption !== undefined ? { imageCaption: result.imageCaption } : {}),
    glossaryFlags: result.glossaryFlags.map((f) => ({
      field: f.field,
      sourceForm: f.entry.sourceForm,
      english: f.entry.english,
    })),
  };
}
