import type { Config } from '../../config/config.ts';
import { declareSettings } from '../../config/registry.ts';
import { requiredSetting, UnsupportedLanguageError } from '../errors.ts';
import { type HttpCall, joinUrl, requestJson } from '../http.ts';
import { primaryLanguage, type Translator } from '../translator.ts';
import type { TranslatorProvider } from './index.ts';

/** LibreTranslate (self-hosted Argos models): POST /translate with an array `q`. */
export const libreTranslateSettings = declareSettings([
  {
    name: 'MERIDIAN_LIBRETRANSLATE_URL',
    type: 'url',
    default: '',
    group: 'translate.libretranslate',
    description: 'Base URL of a LibreTranslate server (http://127.0.0.1:5000).',
  },
  {
    name: 'MERIDIAN_LIBRETRANSLATE_API_KEY',
    type: 'string',
    default: '',
    secret: true,
    group: 'translate.libretranslate',
    description: 'API key, when the server requires one.',
  },
  {
    name: 'MERIDIAN_LIBRETRANSLATE_MAX_CHARS',
    type: 'int',
    default: 5000,
    min: 100,
    group: 'translate.libretranslate',
    description: "Characters per request (keep under the server's --char-limit).",
  },
  {
    name: 'MERIDIAN_LIBRETRANSLATE_CONCURRENCY',
    type: 'int',
    default: 2,
    min: 1,
    max: 64,
    group: 'translate.libretranslate',
    description: 'Requests in flight at once.',
  },
] as const);

interface LtLanguage {
  code: string;
  targets?: string[];
}

export async function createLibreTranslateTranslator(config: Config): Promise<Translator> {
  const url = requiredSetting(
    config,
    'MERIDIAN_LIBRETRANSLATE_URL',
    'libretranslate',
    'LibreTranslate needs the address of a server: set MERIDIAN_LIBRETRANSLATE_URL (for example http://127.0.0.1:5000).',
  );
  const apiKey = config.string('MERIDIAN_LIBRETRANSLATE_API_KEY');
  const call: HttpCall = { provider: 'libretranslate', keySetting: 'MERIDIAN_LIBRETRANSLATE_API_KEY' };
  // The server's language list decides supports(); while the server is down, assume it can and
  // let the request fail as an outage, so articles stay queued rather than marked unsupported.
  let languages: LtLanguage[] | undefined;
  try {
    languages = await requestJson<LtLanguage[]>(joinUrl(url, '/languages'), { method: 'GET' }, call);
  } catch {
    languages = undefined;
  }
  const code = (tag: string) => ltCode(tag, languages);
  const supports = (source: string, target: string) => {
    if (!languages) return true;
    const from = languages.find((l) => l.code === code(source));
    return Boolean(from && (from.targets ?? []).includes(code(target)));
  };

  return {
    name: 'libretranslate',
    model: 'argos',
    limits: {
      maxSegmentsPerRequest: 50,
      maxCharsPerRequest: config.int('MERIDIAN_LIBRETRANSLATE_MAX_CHARS'),
      concurrency: config.int('MERIDIAN_LIBRETRANSLATE_CONCURRENCY'),
    },
    supports,
    async translate(segments, source, target, options) {
      if (!supports(source, target)) throw new UnsupportedLanguageError('libretranslate', source, target);
      const body = {
        q: segments,
        source: code(source),
        target: code(target),
        format: 'text',
        ...(apiKey ? { api_key: apiKey } : {}),
      };
      const answer = await requestJson<{ translatedText: string | string[] }>(
        joinUrl(url, '/translate'),
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
        { ...call, ...(options?.signal ? { signal: options.signal } : {}) },
      );
      const out = answer.translatedText;
      return Array.isArray(out) ? out : [out];
    },
  };
}

/** LibreTranslate names Chinese `zh`/`zt` (older) or `zh-Hans`/`zh-Hant` (newer); others by primary tag. */
function ltCode(tag: string, languages: LtLanguage[] | undefined): string {
  const primary = primaryLanguage(tag);
  if (primary !== 'zh') return primary;
  const traditional = /hant|tw|hk|mo/i.test(tag);
  const has = (c: string) => languages?.some((l) => l.code === c) ?? false;
  if (traditional) return has('zh-Hant') ? 'zh-Hant' : 'zt';
  return has('zh-Hans') ? 'zh-Hans' : 'zh';
}

export const libreTranslateProvider: TranslatorProvider = {
  name: 'libretranslate',
  summary: 'a self-hosted LibreTranslate server',
  create: createLibreTranslateTranslator,
};
