import { readFileSync } from 'node:fs';

/** The product token robots.txt groups are matched against. */
export const ROBOTS_AGENT = 'Meridian';

/** Meridian's version, read once from package.json (two folders up from this file). */
function meridianVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0';
  } catch {
    return '0';
  }
}

const VERSION = meridianVersion();

/** `Meridian/<version> (+contact)`: always names Meridian so site owners can tell who is fetching. */
export function userAgent(contactUrl?: string): string {
  const contact = contactUrl?.trim();
  return contact ? `${ROBOTS_AGENT}/${VERSION} (+${contact})` : `${ROBOTS_AGENT}/${VERSION}`;
}
