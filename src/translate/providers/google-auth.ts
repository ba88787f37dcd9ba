import { createSign } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ProviderConfigError } from '../errors.ts';
import { requestJson } from '../http.ts';

/**
 * OAuth access tokens for Cloud Translation v3 from a service account key file, the way Google's
 * own libraries do it: a JWT signed with the account's RSA key (RS256) is exchanged at the key's
 * token_uri for a bearer token, which is reused until shortly before it expires.
 */
interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  token_uri?: string;
}

const SCOPE = 'https://www.googleapis.com/auth/cloud-translation';
const DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token';
/** Tokens are renewed this long before Google says they expire. */
const EARLY_RENEWAL_MS = 60_000;

export type TokenSource = (signal?: AbortSignal) => Promise<string>;

export function serviceAccountTokens(keyFile: string, setting: string): TokenSource {
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const fetchToken = async (signal?: AbortSignal) => {
    const key = await readKey(keyFile, setting);
    const tokenUri = key.token_uri ?? DEFAULT_TOKEN_URI;
    const now = Math.floor(Date.now() / 1000);
    const assertion = signJwt(
      { iss: key.client_email, scope: SCOPE, aud: tokenUri, iat: now, exp: now + 3600 },
      key.private_key,
    );
    const answer = await requestJson<{ access_token: string; expires_in?: number }>(
      tokenUri,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      },
      { provider: 'google', keySetting: setting, ...(signal ? { signal } : {}) },
    );
    cached = {
      token: answer.access_token,
      expiresAt: Date.now() + (answer.expires_in ?? 3600) * 1000 - EARLY_RENEWAL_MS,
    };
    return answer.access_token;
  };
  return async (signal) => {
    if (cached && cached.expiresAt > Date.now()) return cached.token;
    pending ??= fetchToken(signal).finally(() => {
      pending = undefined;
    });
    return pending;
  };
}

async function readKey(file: string, setting: string): Promise<ServiceAccountKey> {
  let key: Partial<ServiceAccountKey>;
  try {
    key = JSON.parse(await readFile(file, 'utf8')) as Partial<ServiceAccountKey>;
  } catch (err) {
    throw new ProviderConfigError(`Cannot read the service account key ${file}: check ${setting}.`, 'google', setting, {
      cause: err,
    });
  }
  if (typeof key.client_email !== 'string' || typeof key.private_key !== 'string') {
    throw new ProviderConfigError(
      `${file} is not a service account key (no client_email or private_key): check ${setting}.`,
      'google',
      setting,
    );
  }
  return key as ServiceAccountKey;
}

function signJwt(claims: Record<string, unknown>, privateKey: string): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url');
  return `${unsigned}.${signature}`;
}
