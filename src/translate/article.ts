import type { Block } from '../model/article.ts';
import { type RetryPolicy, withRetry } from '../net/retry.ts';
import { BudgetExhaustedError, type BudgetPart, type CharacterBudget } from './budget.ts';
import { type CachedSegment, type SegmentCache, segmentKey } from './cache.ts';
import { translationVerdict, UnsupportedLanguageError } from './errors.ts';
import {
  applyGlossaryCheck,
  type Glossary,
  type GlossaryEntry,
  relevantEntries,
  substituteEntries,
} from './glossary.ts';
import { joinPieces, type Piece, planBatches, runBounded, splitText } from './segment.ts';
import { expectSameLength, primaryLanguage, type Translator } from './translator.ts';

/**
 * Provider calls retried in process: a few quick tries through a blip; longer outages and waits
 * are the job queue's (the article is kept and tried again later).
 */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * Translating one article. Title, standfirst, each body block and the image caption are separate
 * segments, so the English article has exactly the original's structure. Segments already in the
 * cache cost nothing; the rest are cut to the provider's limits, batched, sent with bounded
 * concurrency and retried on rate limits and outages. Names are checked against the glossary
 * afterwards, and a segment that renders a name another way is fixed or retranslated.
 */
export interface TranslatableArticle {
  title: string;
  standfirst?: string;
  blocks: readonly Block[];
  image?: { caption?: string };
  /** BCP 47 language of the original. */
  language: string;
}

export interface TranslateArticleDeps {
  translator: Translator;
  cache: SegmentCache;
  glossary?: Glossary;
  /** BCP 47 target, `en`. */
  target: string;
  retry?: RetryPolicy;
  signal?: AbortSignal;
  /**
   * Which parts to translate: the headline (title, standfirst, image caption), the body blocks,
   * or both (default). Parts left out come back in the original.
   */
  parts?: 'headline' | 'body' | 'all';
  /** Asked before every request; a refusal throws BudgetExhaustedError after keeping what was paid for. */
  budget?: CharacterBudget;
}

export interface GlossaryFlag {
  /** Which part still renders the name another way. */
  field: 'title' | 'standfirst' | 'caption' | `block ${number}`;
  entry: GlossaryEntry;
}

export interface TranslatedArticle {
  title: string;
  standfirst?: string;
  /** Exactly as many blocks as the original, same kinds, in order. */
  blocks: Block[];
  imageCaption?: string;
  source: string;
  target: string;
  provider: string;
  model: string;
  /** False when the text is left as it was (`none` provider, or already in the target language). */
  translated: boolean;
  /** Characters sent to the provider (what a paid API bills); cached segments count nothing. */
  characters: number;
  ms: number;
  /** Distinct segments of the article. */
  segments: number;
  cachedSegments: number;
  providerCalls: number;
  /** Names the translation still renders differently from the glossary after retranslating. */
  glossaryFlags: GlossaryFlag[];
}

interface Field {
  name: GlossaryFlag['field'];
  text: string;
  pieces: Piece[];
}

export async function translateArticle(
  article: TranslatableArticle,
  deps: TranslateArticleDeps,
): Promise<TranslatedArticle> {
  const started = performance.now();
  const { translator, target } = deps;
  const source = article.language;
  const base = { source, target, provider: translator.name, model: translator.model };

  if (translator.passthrough || sameLanguage(source, target)) {
    return {
      ...base,
      ...untranslated(article),
      translated: false,
      characters: 0,
      ms: performance.now() - started,
      segments: 0,
      cachedSegments: 0,
      providerCalls: 0,
      glossaryFlags: [],
    };
  }
  if (!translator.supports(source, target)) throw new UnsupportedLanguageError(translator.name, source, target);

  const fields = collectFields(article, translator.limits.maxCharsPerRequest, deps.parts ?? 'all');
  const unique = [...new Set(fields.flatMap((f) => f.pieces.map((p) => p.text)))].filter((t) => t.trim() !== '');
  const run = new SegmentRun(deps, source);
  let outputs: Map<string, string>;
  let glossaryFlags: Map<string, GlossaryEntry[]>;
  try {
    outputs = await run.translateAll(unique);
    glossaryFlags = await run.enforceGlossary(unique, outputs);
  } catch (err) {
    // Requests that went through were paid for, whatever stopped the rest (a spent budget, an
    // outage, a rate limit, a cancelled job): keep them so the next attempt does not pay again.
    // Keeping them is best effort; the error that stopped the article is the one to report.
    await run.saveNew(run.partial).catch(() => {});
    throw err;
  }
  await run.saveNew(outputs);

  const english = (field: Field) =>
    joinPieces(
      field.pieces.map((p) => outputs.get(p.text) ?? p.text),
      field.pieces,
    );
  const byName = new Map(fields.map((f) => [f.name, english(f)]));
  return {
    ...base,
    title: byName.get('title') ?? article.title,
    ...(article.standfirst !== undefined ? { standfirst: byName.get('standfirst') ?? article.standfirst } : {}),
    // Tables lose their original-language HTML: the English text is what the reader shows.
    blocks: article.blocks.map((b, i) => ({ kind: b.kind, text: byName.get(`block ${i}`) ?? b.text })),
    ...(article.image?.caption !== undefined ? { imageCaption: byName.get('caption') ?? article.image.caption } : {}),
    translated: true,
    characters: run.characters,
    ms: performance.now() - started,
    segments: unique.length,
    cachedSegments: run.cachedSegments,
    providerCalls: run.providerCalls,
    glossaryFlags: flagsByField(fields, glossaryFlags),
  };
}

/** One article's traffic with the cache and the provider, and the counts it reports. */
class SegmentRun {
  characters = 0;
  cachedSegments = 0;
  providerCalls = 0;
  private readonly fresh = new Set<string>();
  private entries: GlossaryEntry[] = [];
  /** Outputs of the requests that succeeded, for keeping when a later one is refused. */
  readonly partial = new Map<string, string>();

  constructor(
    private readonly deps: TranslateArticleDeps,
    private readonly source: string,
  ) {}

  private key(text: string): string {
    const { translator, target } = this.deps;
    return segmentKey({ text, source: this.source, target, provider: translator.name, model: translator.model });
  }

  async translateAll(texts: readonly string[]): Promise<Map<string, string>> {
    const outputs = new Map<string, string>();
    const cached = await this.deps.cache.getMany(texts.map((t) => this.key(t)));
    const missing: string[] = [];
    for (const text of texts) {
      const hit = cached.get(this.key(text));
      if (hit === undefined) missing.push(text);
      else outputs.set(text, hit);
    }
    this.cachedSegments = texts.length - missing.length;

    const all = this.deps.glossary ? await this.deps.glossary.entriesFor(primaryLanguage(this.source)) : [];
    this.entries = relevantEntries(texts, all);
    const translated = await this.send(missing, missing);
    missing.forEach((text, i) => {
      outputs.set(text, translated[i] ?? text);
      this.fresh.add(text);
    });
    return outputs;
  }

  /**
   * Checks every segment, cached or new, against the glossary. Recorded wrong variants are
   * replaced; segments still missing a name are retranslated with the English forms written into
   * the source. Returns what is still wrong afterwards.
   */
  async enforceGlossary(texts: readonly string[], outputs: Map<string, string>): Promise<Map<string, GlossaryEntry[]>> {
    const remaining = new Map<string, GlossaryEntry[]>();
    if (this.entries.length === 0) return remaining;
    const retry: Array<{ text: string; flagged: GlossaryEntry[] }> = [];
    for (const text of texts) {
      const check = applyGlossaryCheck(text, outputs.get(text) ?? '', this.entries);
      if (check.replaced.length > 0) {
        outputs.set(text, check.text);
        this.fresh.add(text);
      }
      if (check.flagged.length > 0) retry.push({ text, flagged: check.flagged });
    }
    if (retry.length === 0) return remaining;
    const enforced = retry.map((r) => substituteEntries(r.text, r.flagged));
    const again = await this.send(
      enforced,
      retry.map((r) => r.text),
    );
    retry.forEach((r, i) => {
      const candidate = again[i] ?? '';
      const check = applyGlossaryCheck(r.text, candidate, this.entries);
      if (check.flagged.length < r.flagged.length) {
        outputs.set(r.text, check.text);
        this.fresh.add(r.text);
      }
      const still = check.flagged.length < r.flagged.length ? check.flagged : r.flagged;
      if (still.length > 0) remaining.set(r.text, still);
    });
    return remaining;
  }

  async saveNew(outputs: Map<string, string>): Promise<void> {
    const { translator } = this.deps;
    const texts = outputs === this.partial ? [...this.partial.keys()] : [...this.fresh];
    const rows: CachedSegment[] = texts.map((text) => ({
      key: this.key(text),
      text: outputs.get(text) ?? text,
      provider: translator.name,
      model: translator.model,
    }));
    if (rows.length > 0) await this.deps.cache.putMany(rows);
  }

  /** Sends `texts` in batches within the provider's limits; `originals` are what the glossary sees. */
  private async send(texts: readonly string[], originals: readonly string[]): Promise<string[]> {
    if (texts.length === 0) return [];
    const { translator, target, signal, budget } = this.deps;
    const part: BudgetPart = this.deps.parts === 'headline' ? 'headline' : 'body';
    const policy = this.deps.retry ?? DEFAULT_RETRY;
    const batches = planBatches(
      texts.map((t) => t.length),
      translator.limits,
    );
    const results = await runBounded(
      batches.map((batch) => async () => {
        const segments = batch.map((i) => texts[i] ?? '');
        const glossary = relevantEntries(
          batch.map((i) => originals[i] ?? ''),
          this.entries,
        );
        const chars = segments.reduce((n, s) => n + s.length, 0);
        const reservation = budget ? await budget.reserve(part, chars) : undefined;
        if (budget && !reservation) {
          const until = await budget.retryAt(part, chars);
          throw new BudgetExhaustedError(translator.name, part, chars, until ?? new Date(0), until === null);
        }
        let out: string[];
        try {
          out = await withRetry(
            () => {
              this.providerCalls++;
              return translator.translate(segments, this.source, target, {
                ...(glossary.length > 0 ? { glossary } : {}),
                ...(signal ? { signal } : {}),
              });
            },
            policy,
            translationVerdict,
            signal ? { signal } : {},
          );
          expectSameLength(translator.name, segments, out);
        } catch (err) {
          await reservation?.refund();
          throw err;
        }
        // Billed characters: refused attempts are not charged by the paid APIs.
        this.characters += chars;
        batch.forEach((index, j) => {
          const original = originals[index];
          if (original !== undefined && texts[index] === original) this.partial.set(original, out[j] ?? original);
        });
        return out;
      }),
      translator.limits.concurrency,
    );
    const flat: string[] = new Array(texts.length);
    batches.forEach((batch, b) => {
      batch.forEach((index, j) => {
        flat[index] = results[b]?.[j] ?? texts[index] ?? '';
      });
    });
    return flat;
  }
}

function collectFields(article: TranslatableArticle, maxChars: number, parts: 'headline' | 'body' | 'all'): Field[] {
  const lang = article.language;
  const field = (name: Field['name'], text: string): Field => {
    const trimmed = text.trim();
    return { name, text, pieces: trimmed === '' ? [] : splitText(trimmed, maxChars, lang) };
  };
  const headline = parts !== 'body';
  const body = parts !== 'headline';
  const fields: Field[] = [];
  if (headline) fields.push(field('title', article.title));
  if (headline && article.standfirst !== undefined) fields.push(field('standfirst', article.standfirst));
  if (body)
    article.blocks.forEach((b, i) => {
      fields.push(field(`block ${i}`, b.text));
    });
  if (headline && article.image?.caption !== undefined) fields.push(field('caption', article.image.caption));
  // Empty segments pass through untouched.
  for (const f of fields) if (f.pieces.length === 0) f.pieces = [{ text: f.text, after: '' }];
  return fields;
}

function flagsByField(fields: readonly Field[], remaining: Map<string, GlossaryEntry[]>): GlossaryFlag[] {
  const flags: GlossaryFlag[] = [];
  for (const f of fields) {
    const seen = new Set<GlossaryEntry>();
    for (const p of f.pieces) for (const entry of remaining.get(p.text) ?? []) seen.add(entry);
    for (const entry of seen) flags.push({ field: f.name, entry });
  }
  return flags;
}

function untranslated(article: TranslatableArticle) {
  return {
    title: article.title,
    ...(article.standfirst !== undefined ? { standfirst: article.standfirst } : {}),
    blocks: article.blocks.map((b) => ({ ...b })),
    ...(article.image?.caption !== undefined ? { imageCaption: article.image.caption } : {}),
  };
}

/** `en-GB` needs no translation into `en`; the two Chinese scripts do need converting. */
function sameLanguage(source: string, target: string): boolean {
  if (source.toLowerCase() === target.toLowerCase()) return true;
  const primary = primaryLanguage(source);
  return primary === primaryLanguage(target) && primary !== 'zh';
}
