import type { Config } from '../../config/config.ts';
import { logger } from '../../config/log.ts';
import { declareSettings } from '../../config/registry.ts';
import {
  isTransient,
  ProviderConfigError,
  ProviderUnavailableError,
  requiredSetting,
  TranslationError,
  UnsupportedLanguageError,
} from '../errors.ts';
import { type GlossaryEntry, glossaryHash } from '../glossary.ts';
import { type HttpCall, type HttpFailure, joinUrl, requestJson } from '../http.ts';
import { primaryLanguage, type Translator } from '../translator.ts';
import type { TranslatorProvider } from './index.ts';

/**
 * DeepL's REST API v2. Keys ending in `:fx` belong to the free plan and its own host. Names are
 * passed as a DeepL glossary, created once per distinct set of entries and reused by id.
 */
export const deeplSettings = declareSettings([
  {
    name: 'MERIDIAN_DEEPL_API_KEY',
    type: 'string',
    default: '',
    secret: true,
    group: 'translate.deepl',
    description: 'DeepL API authentication key (keys ending in :fx use the free API host).',
  },
  {
    name: 'MERIDIAN_DEEPL_BASE_URL',
    type: 'url',
    default: '',
    group: 'translate.deepl',
    description:
      'Override the API host (default: https://api-free.deepl.com for :fx keys, else https://api.deepl.com).',
  },
  {
    name: 'MERIDIAN_DEEPL_CONCURRENCY',
    type: 'int',
    default: 2,
    min: 1,
    max: 32,
    group: 'translate.deepl',
    description: 'Requests in flight at once.',
  },
] as const);

/** Source languages of /v2/languages?type=source. */
const SOURCES = new Set(
  'ar bg cs da de el en es et fi fr he hu id it ja ko lt lv nb nl pl pt ro ru sk sl sv th tr uk vi zh'.split(' '),
);
const MAX_TEXTS = 50;
const log = logger('translate.deepl');
// The request body may not exceed 128 KiB; 30k UTF-16 units stays under it even for CJK text.
const MAX_CHARS = 30_000;

export function deeplHost(apiKey: string, override: string): string {
  if (override) return override;
  return apiKey.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com';
}

/** DeepL wants `EN-US`/`EN-GB` and `PT-BR`/`PT-PT` as targets, `ZH-HANT` for traditional Chinese. */
export function deeplTarget(tag: string): string {
  const primary = primaryLanguage(tag);
  const lower = tag.toLowerCase();
  if (primary === 'en') return lower === 'en-gb' ? 'EN-GB' : 'EN-US';
  if (primary === 'pt') return lower === 'pt-pt' ? 'PT-PT' : 'PT-BR';
  if (primary === 'zh') return /hant|tw|hk/.test(lower) ? 'ZH-HANT' : 'ZH-HANS';
  return primary.toUpperCase();
}

export async function createDeeplTranslator(config: Config): Promise<Translator> {
  const apiKey = requiredSetting(
    config,
    'MERIDIAN_DEEPL_API_KEY',
    'deepl',
    'DeepL needs an API key: set MERIDIAN_DEEPL_API_KEY.',
  );
  const host = deeplHost(apiKey, config.string('MERIDIAN_DEEPL_BASE_URL'));
  const headers = { authorization: `DeepL-Auth-Key ${apiKey}`, 'content-type': 'application/json' };
  const call: HttpCall = { provider: 'deepl', keySetting: 'MERIDIAN_DEEPL_API_KEY', mapError: mapDeeplError };
  const glossaries = new Map<string, Promise<string | undefined>>();
  const supports = (source: string, _target: string) => SOURCES.has(primaryLanguage(source));

  const post = async <T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> => {
    return requestJson<T>(
      joinUrl(host, path),
      { method: 'POST', headers, body: JSON.stringify(body) },
      { ...call, ...(signal ? { signal } : {}) },
    );
  };

  /** The id of a glossary holding `entries`, created on first use; undefined when DeepL refuses one. */
  const glossaryId = (entries: readonly GlossaryEntry[], source: string, target: string) => {
    const key = `${primaryLanguage(source)}>${primaryLanguage(target)}:${glossaryHash(entries)}`;
    let pending = glossaries.get(key);
    if (!pending) {
      pending = createGlossary(post, entries, source, target, key).catch((err) => {
        glossaries.delete(key);
        // A pair without glossary support is not an outage: translate without it; the glossary
        // check after translation still catches names rendered another way.
        if (err instanceof ProviderConfigError || isTransient(err) || !(err instanceof TranslationError)) throw err;
        log.warn('deepl glossary refused, translating without it', { err });
        return undefined;
      });
      glossaries.set(key, pending);
    }
    return pending;
  };

  return {
    name: 'deepl',
    model: 'v2',
    limits: {
      maxSegmentsPerRequest: MAX_TEXTS,
      maxCharsPerRequest: MAX_CHARS,
      concurrency: config.int('MERIDIAN_DEEPL_CONCURRENCY'),
    },
    supports,
    async translate(segments, source, target, options) {
      if (!supports(source, target)) throw new UnsupportedLanguageError('deepl', source, target);
      const entries = usableEntries(options?.glossary ?? []);
      const id = entries.length > 0 ? await glossaryId(entries, source, target) : undefined;
      const answer = await post<{ translations: Array<{ text: string }> }>(
        '/v2/translate',
        {
          text: segments,
          source_lang: primaryLanguage(source).toUpperCase(),
          target_lang: deeplTarget(target),
          ...(id ? { glossary_id: id } : {}),
        },
        options?.signal,
      );
      return answer.translations.map((t) => t.text);
    },
  };
}

async function createGlossary(
  post: <T>(path: string, body: unknown) => Promise<T>,
  entries: readonly GlossaryEntry[],
  source: string,
  target: string,
  key: string,
): Promise<string> {
  const tsv = entries.map((e) => `${e.sourceForm}\t${e.english}`).join('\n');
  const created = await post<{ glossary_id: string }>('/v2/glossaries', {
    name: `meridian ${key.slice(0, 40)}`,
    source_lang: primaryLanguage(source),
    target_lang: primaryLanguage(target),
    entries: tsv,
    entries_format: 'tsv',
  });
  return created.glossary_id;
}

/** TSV cannot carry tabs or line breaks, and DeepL rejects duplicate source forms. */
function usableEntries(entries: readonly GlossaryEntry[]): GlossaryEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const ok = !/[\t\r\n]/.test(e.sourceForm + e.english) && e.sourceForm.trim() !== '' && !seen.has(e.sourceForm);
    seen.add(e.sourceForm);
    return ok;
  });
}

/** DeepL's own status codes: 456 is an exhausted quota (wait for next period), 403 a bad key. */
function mapDeeplError(failure: HttpFailure): ProviderUnavailableError | undefined {
  if (failure.status !== 456) return undefined;
  return new ProviderUnavailableError('DeepL quota for this billing period is used up (HTTP 456)', 'deepl');
}

export const deeplProvider: TranslatorProvider = {
  name: 'deepl',
  summary: 'DeepL API (free and pro), with glossaries',
  create: createDeeplTranslator,
};
