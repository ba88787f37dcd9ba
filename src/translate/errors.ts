import type { Config } from '../config/config.ts';
import type { RetryVerdict } from '../net/retry.ts';

/**
 * What can go wrong when asking a provider for a translation, one class per kind, so the pipeline
 * can decide: keep the article queued (outage, rate limit), tell the operator (configuration), or
 * leave the article in its original language (unsupported pair).
 */
export class TranslationError extends Error {
  constructor(
    message: string,
    readonly provider: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TranslationError';
  }
}

/** The provider cannot be reached or failed on its side (network error, 5xx, quota exhausted). */
export class ProviderUnavailableError extends TranslationError {
  constructor(message: string, provider: string, options?: { cause?: unknown }) {
    super(message, provider, options);
    this.name = 'ProviderUnavailableError';
  }
}

/** The provider asked us to slow down; `retryAfterMs` is how long it asked us to wait. */
export class RateLimitedError extends TranslationError {
  constructor(
    message: string,
    provider: string,
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(message, provider, options);
    this.name = 'RateLimitedError';
  }
}

/** The operator must change a setting (missing or rejected key, unknown model, no model files). */
export class ProviderConfigError extends TranslationError {
  constructor(
    message: string,
    provider: string,
    readonly setting?: string,
    options?: { cause?: unknown },
  ) {
    super(message, provider, options);
    this.name = 'ProviderConfigError';
  }
}

/** A setting the provider cannot work without: its value, or a ProviderConfigError saying what to set. */
export function requiredSetting(config: Config, setting: string, provider: string, message: string): string {
  const value = config.string(setting);
  if (!value) throw new ProviderConfigError(message, provider, setting);
  return value;
}

/** The provider cannot translate between these two languages. */
export class UnsupportedLanguageError extends TranslationError {
  constructor(
    provider: string,
    readonly source: string,
    readonly target: string,
  ) {
    super(`${provider} cannot translate from ${source} to ${target}`, provider);
    this.name = 'UnsupportedLanguageError';
  }
}

/** Whether a later attempt may succeed without anyone changing anything. */
export function isTransient(err: unknown): err is ProviderUnavailableError | RateLimitedError {
  return err instanceof ProviderUnavailableError || err instanceof RateLimitedError;
}

/**
 * A provider error for the retry loop (`withRetry` of net/retry.ts): a rate limit waits as long
 * as the provider asked, an outage backs off; other errors will not fix themselves.
 */
export function translationVerdict(err: unknown): RetryVerdict {
  if (err instanceof RateLimitedError) return { retry: true, retryAfterMs: err.retryAfterMs };
  return { retry: isTransient(err) };
}
