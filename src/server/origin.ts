import type { Config } from '../config/config.ts';

/**
 * The one origin every absolute link Meridian writes is built on (Atom feeds, OpenSearch, OPML):
 * MERIDIAN_PUBLIC_URL, else the address the server listens on. Never a request's Host or
 * X-Forwarded-* header: a page or feed made for one client is cached and read by others, so a
 * header one client chooses must not decide where everyone's links point.
 */
export function trustedOrigin(config: Config, listeningUrl?: string): string {
  const configured = config.string('MERIDIAN_PUBLIC_URL');
  if (configured) return configured.replace(/\/+$/, '');
  if (listeningUrl) return listeningUrl.replace(/\/+$/, '');
  const host = config.string('HOST');
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.int('PORT')}`;
}
