import type { Config } from '../../config/config.ts';
import { declareSettings } from '../../config/registry.ts';
import { ProviderConfigError, requiredSetting, UnsupportedLanguageError } from '../errors.ts';
import { excerpt, type HttpCall, type HttpFailure, joinUrl, requestJson } from '../http.ts';
import { primaryLanguage, type Translator } from '../translator.ts';
import { serviceAccountTokens, type TokenSource } from './google-auth.ts';
import type { TranslatorProvider } from './index.ts';

/**
 * Google Cloud Translation over REST. v2 ("Basic") authenticates with an API key in the query
 * string; v3 ("Advanced") with an OAuth bearer token and a project. The setting chooses.
 */
export const googleSettings = declareSettings([
  {
    name: 'MERIDIAN_GOOGLE_API_VERSION',
    type: 'enum',
    values: ['v2', 'v3'],
    default: 'v2',
    group: 'translate.google',
    description: 'Cloud Translation API: v2 (Basic, API key) or v3 (Advanced, bearer token and project).',
  },
  {
    name: 'MERIDIAN_GOOGLE_API_KEY',
    type: 'string',
    default: '',
    secret: true,
    group: 'translate.google',
    description: 'API key for v2.',
  },
  {
    name: 'MERIDIAN_GOOGLE_ACCESS_TOKEN',
    type: 'string',
    default: '',
    secret: true,
    group: 'translate.google',
    description: 'OAuth 2 access token for v3 (for example from `gcloud auth print-access-token`).',
  },
  {
    name: 'MERIDIAN_GOOGLE_CREDENTIALS_FILE',
    type: 'path',
    default: '',
    group: 'translate.google',
    description:
      'Service account key (JSON) for v3; Meridian gets and renews access tokens itself. Used when no access token is set.',
  },
  {
    name: 'MERIDIAN_GOOGLE_PROJECT',
    type: 'string',
    default: '',
    group: 'translate.google',
    description: 'Google Cloud project id or number (v3).',
  },
  {
    name: 'MERIDIAN_GOOGLE_LOCATION',
    type: 'string',
    default: 'global',
    group: 'translate.google',
    description: 'Location of the v3 endpoint (global, us-central1…).',
  },
  {
    name: 'MERIDIAN_GOOGLE_BASE_URL',
    type: 'url',
    default: 'https://translation.googleapis.com',
    group: 'translate.google',
    description: 'API host (changed only for tests or a proxy).',
  },
  {
    name: 'MERIDIAN_GOOGLE_CONCURRENCY',
    type: 'int',
    default: 4,
    min: 1,
    max: 64,
    group: 'translate.google',
    description: 'Requests in flight at once.',
  },
] as const);

// v2 takes at most 128 `q` values; Google advises about 5,000 characters per request.
const MAX_TEXTS = 128;
const MAX_CHARS = 5000;

/** Google names Chinese by region (zh-CN, zh-TW), Norwegian `no`; other languages by their primary tag. */
export function googleCode(tag: string): string {
  const primary = primaryLanguage(tag);
  if (primary === 'zh') return /hant|tw|hk|mo/i.test(tag) ? 'zh-TW' : 'zh-CN';
  // Google names Norwegian (Bokmål) `no`; detection reports it `nb`.
  if (primary === 'nb') return 'no';
  return primary;
}

export async function createGoogleTranslator(config: Config): Promise<Translator> {
  const version = config.string('MERIDIAN_GOOGLE_API_VERSION');
  const base = config.string('MERIDIAN_GOOGLE_BASE_URL');
  const send = version === 'v3' ? v3Sender(config, base) : v2Sender(config, base);
  // Google translates well over a hundred languages; a pair it lacks comes back as a 400 that
  // is reported as UnsupportedLanguageError.
  const supports = (source: string, target: string) =>
    /^[a-z]{2,3}$/.test(primaryLanguage(source)) && /^[a-z]{2,3}$/.test(primaryLanguage(target));
  return {
    name: 'google',
    model: version === 'v3' ? `v3:${config.string('MERIDIAN_GOOGLE_LOCATION')}` : 'v2',
    limits: {
      maxSegmentsPerRequest: MAX_TEXTS,
      maxCharsPerRequest: MAX_CHARS,
      concurrency: config.int('MERIDIAN_GOOGLE_CONCURRENCY'),
    },
    supports,
    translate(segments, source, target, options) {
      if (!supports(source, target)) throw new UnsupportedLanguageError('google', source, target);
      return send(segments, source, target, options?.signal);
    },
  };
}

type Sender = (segments: string[], source: string, target: string, signal?: AbortSignal) => Promise<string[]>;

function v2Sender(config: Config, base: string): Sender {
  const key = requiredSetting(
    config,
    'MERIDIAN_GOOGLE_API_KEY',
    'google',
    'Google Cloud Translation v2 needs an API key: set MERIDIAN_GOOGLE_API_KEY.',
  );
  return async (segments, source, target, signal) => {
    const url = `${joinUrl(base, '/language/translate/v2')}?key=${encodeURIComponent(key)}`;
    const answer = await requestJson<{ data: { translations: Array<{ translatedText: string }> } }>(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ q: segments, source: googleCode(source), target: googleCode(target), format: 'text' }),
      },
      call('MERIDIAN_GOOGLE_API_KEY', source, target, signal),
    );
    return answer.data.translations.map((t) => t.translatedText);
  };
}

function v3Sender(config: Config, base: string): Sender {
  const token = config.string('MERIDIAN_GOOGLE_ACCESS_TOKEN');
  const keyFile = config.string('MERIDIAN_GOOGLE_CREDENTIALS_FILE');
  const location = config.string('MERIDIAN_GOOGLE_LOCATION');
  if (!token && !keyFile) {
    throw new ProviderConfigError(
      'Google Cloud Translation v3 needs MERIDIAN_GOOGLE_CREDENTIALS_FILE (a service account key) or MERIDIAN_GOOGLE_ACCESS_TOKEN.',
      'google',
      'MERIDIAN_GOOGLE_CREDENTIALS_FILE',
    );
  }
  const project = requiredSetting(
    config,
    'MERIDIAN_GOOGLE_PROJECT',
    'google',
    'Google Cloud Translation v3 needs MERIDIAN_GOOGLE_PROJECT.',
  );
  const keySetting = token ? 'MERIDIAN_GOOGLE_ACCESS_TOKEN' : 'MERIDIAN_GOOGLE_CREDENTIALS_FILE';
  const bearer: TokenSource = token ? async () => token : serviceAccountTokens(keyFile, keySetting);
  const parent = `projects/${encodeURIComponent(project)}/locations/${encodeURIComponent(location)}`;
  return async (segments, source, target, signal) => {
    const answer = await requestJson<{ translations: Array<{ translatedText: string }> }>(
      joinUrl(base, `/v3/${parent}:translateText`),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await bearer(signal)}` },
        body: JSON.stringify({
          contents: segments,
          sourceLanguageCode: googleCode(source),
          targetLanguageCode: googleCode(target),
          mimeType: 'text/plain',
        }),
      },
      call(keySetting, source, target, signal),
    );
    return answer.translations.map((t) => t.translatedText);
  };
}

function call(keySetting: string, source: string, target: string, signal?: AbortSignal): HttpCall {
  return {
    provider: 'google',
    keySetting,
    ...(signal ? { signal } : {}),
    mapError: (failure) => mapGoogleError(failure, keySetting, source, target),
  };
}

/** Google reports a bad key as a 400 ("API key not valid") and an unknown language as a 400 too. */
function mapGoogleError(failure: HttpFailure, keySetting: string, source: string, target: string) {
  if (failure.status !== 400) return undefined;
  const message = excerpt(failure.body);
  if (/api key|API_KEY_INVALID|keyInvalid/i.test(failure.body)) {
    return new ProviderConfigError(
      `Google rejected the API key: ${message}. Check ${keySetting}.`,
      'google',
      keySetting,
    );
  }
  if (/language/i.test(message)) return new UnsupportedLanguageError('google', source, target);
  return undefined;
}

export const googleProvider: TranslatorProvider = {
  name: 'google',
  summary: 'Google Cloud Translation (v2 API key or v3 bearer token)',
  create: createGoogleTranslator,
};
