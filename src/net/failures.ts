/**
 * Turning what undici, node:net, node:tls and zlib throw into words an operator can act on
 * ("DNS lookup failed for x", "Body of y cut short") for NetworkError messages.
 */
export function findInCauses<T extends Error>(err: unknown, type: abstract new (...args: never[]) => T): T | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof type) return e;
  }
  return undefined;
}

export function errorCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

const FAILURES: Record<string, string> = {
  ENOTFOUND: 'DNS lookup failed for',
  EAI_AGAIN: 'DNS lookup failed (temporary) for',
  ECONNREFUSED: 'Connection refused by',
  ECONNRESET: 'Connection reset by',
  EHOSTUNREACH: 'Host unreachable:',
  ENETUNREACH: 'Network unreachable for',
  Z_DATA_ERROR: 'Corrupt compressed body from',
  Z_BUF_ERROR: 'Compressed body cut short from',
};

export function describeNetworkFailure(
  err: unknown,
  code: string | undefined,
  phase: 'headers' | 'body',
  url: URL,
): string {
  const detail = err instanceof Error ? err.message : String(err);
  if (
    phase === 'body' &&
    (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH')
  ) {
    return `Body of ${url.href} cut short: the connection closed before it was complete (${detail})`;
  }
  if (code === 'UND_ERR_SOCKET') return `Connection to ${url.host} closed before a response (${detail})`;
  const known = code ? FAILURES[code] : undefined;
  if (known) return `${known} ${url.host} (${detail})`;
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return `TLS failure with ${url.host}: ${detail}`;
  return `Fetching ${url.href} failed: ${detail}`;
}
