import { TranslationError } from './errors.ts';
import type { GlossaryEntry } from './glossary.ts';

export {
  isTransient,
  ProviderConfigError,
  ProviderUnavailableError,
  RateLimitedError,
  TranslationError,
  UnsupportedLanguageError,
} from './errors.ts';
export type { GlossaryEntry } from './glossary.ts';

/** How much one request may carry and how many requests may be in flight at once. */
export interface TranslatorLimits {
  maxSegmentsPerRequest: number;
  /** Sum of the segments' lengths (UTF-16 code units) in one request. */
  maxCharsPerRequest: number;
  concurrency: number;
}

export interface TranslateOptions {
  /** Names to render one way; the provider uses its own glossary support where it has one. */
  glossary?: readonly GlossaryEntry[];
  signal?: AbortSignal;
}

/**
 * A translation engine. Languages are BCP 47 tags (`es`, `zh-Hant`). `translate` returns exactly
 * one output per input, in order, and throws the errors of `errors.ts`.
 */
export interface Translator {
  readonly name: string;
  readonly model: string;
  readonly limits: TranslatorLimits;
  /** True for `none`: outputs are the originals and nothing should be stored as a translation. */
  readonly passthrough?: boolean;
  supports(source: string, target: string): boolean;
  translate(segments: string[], source: string, target: string, options?: TranslateOptions): Promise<string[]>;
  /** Releases processes or sockets the provider holds. */
  close?(): Promise<void>;
}

/** The primary language subtag, lower case: `es-MX` → `es`, `zh-Hant` → `zh`. */
export function primaryLanguage(tag: string): string {
  return (tag.split(/[-_]/)[0] ?? '').toLowerCase();
}

/** Checks a provider's output count, which every caller relies on to keep blocks aligned. */
export function expectSameLength(provider: string, inputs: readonly string[], outputs: readonly unknown[]): void {
  if (outputs.length !== inputs.length) {
    throw new TranslationError(
      `${provider} returned ${outputs.length} translations for ${inputs.length} segments`,
      provider,
    );
  }
}
