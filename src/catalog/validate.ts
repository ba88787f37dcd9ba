import type { Country, OutletKind, Region } from '../model/outlet.ts';
import { isWebUrl } from '../net/web-url.ts';

/**
 * Checks a catalog against the rules the rest of Meridian relies on: the shape of every outlet,
 * unique ids, feeds that no two outlets share, country codes that exist, canonical BCP 47 tags,
 * absolute http(s) URLs. Returns every problem found (empty when the catalog is sound) so an
 * operator fixing a file sees all mistakes at once, not one per run.
 */
export function validateCatalog(outlets: readonly unknown[], countries: readonly Country[]): string[] {
  const problems = validateCountries(countries);
  const codes = new Set(countries.map((c) => c.code));
  const ids = new Map<string, number>();
  const feedOwners = new Map<string, string>();
  outlets.forEach((outlet, index) => {
    const label = outletLabel(outlet, index);
    const report = (message: string) => problems.push(`${label}: ${message}`);
    if (!isRecord(outlet)) {
      report('is not a JSON object');
      return;
    }
    checkOutletShape(outlet, codes, report);
    if (typeof outlet.id === 'string') {
      const first = ids.get(outlet.id);
      if (first !== undefined) report(`duplicate id (also outlet #${first + 1})`);
      else ids.set(outlet.id, index);
    }
    for (const feed of Array.isArray(outlet.feeds) ? outlet.feeds : []) {
      if (!isRecord(feed) || typeof feed.url !== 'string') continue;
      const key = feedKey(feed.url);
      const owner = feedOwners.get(key);
      if (owner !== undefined) report(`feed ${feed.url} is already listed by ${owner}`);
      else feedOwners.set(key, label);
    }
  });
  return problems;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const KINDS: readonly OutletKind[] = ['public', 'private', 'state', 'agency'];
const REGIONS: readonly Region[] = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania', 'Antarctic'];
const OUTLET_FIELDS = new Set([
  'id',
  'name',
  'homepage',
  'country',
  'languages',
  'feeds',
  'logo',
  'kind',
  'enabled',
  'outsideCatalog',
]);
const FEED_FIELDS = new Set(['url', 'language', 'topic', 'queryReason', 'unverified', 'fallback']);

type Report = (message: string) => void;

function checkOutletShape(outlet: Record<string, unknown>, codes: ReadonlySet<string>, report: Report): void {
  for (const key of Object.keys(outlet)) {
    // Unknown fields are most often typos ("feed" for "feeds") that would silently do nothing.
    if (!OUTLET_FIELDS.has(key)) report(`unknown field "${key}"`);
  }
  if (typeof outlet.id !== 'string' || !ID.test(outlet.id)) {
    report('id must be a lower-case slug (letters, digits and single hyphens)');
  }
  if (typeof outlet.name !== 'string' || outlet.name.trim() === '') report('name must be a non-empty string');
  checkUrl(outlet.homepage, 'homepage', report);
  checkUrl(outlet.logo, 'logo', report);
  if (typeof outlet.country !== 'string' || !codes.has(outlet.country)) {
    report(`country ${JSON.stringify(outlet.country)} is not an ISO 3166-1 alpha-2 code of countries.json`);
  }
  if (!Array.isArray(outlet.languages) || outlet.languages.length === 0) {
    report('languages must be a non-empty array of BCP 47 tags');
  } else {
    for (const tag of outlet.languages) checkLanguage(tag, 'language', report);
  }
  if (typeof outlet.kind !== 'string' || !KINDS.includes(outlet.kind as OutletKind)) {
    report(`kind ${JSON.stringify(outlet.kind)} must be one of ${KINDS.join(', ')}`);
  }
  for (const flag of ['enabled', 'outsideCatalog'] as const) {
    if (outlet[flag] !== undefined && typeof outlet[flag] !== 'boolean') report(`${flag} must be true or false`);
  }
  if (!Array.isArray(outlet.feeds) || outlet.feeds.length === 0) {
    report('feeds must be a non-empty array of {url}');
    return;
  }
  outlet.feeds.forEach((feed, i) => {
    checkFeed(feed, (m) => report(`feed #${i + 1}: ${m}`));
  });
}

function checkFeed(feed: unknown, report: Report): void {
  if (!isRecord(feed)) {
    report('is not an object with a url');
    return;
  }
  for (const key of Object.keys(feed)) if (!FEED_FIELDS.has(key)) report(`unknown field "${key}"`);
  checkUrl(feed.url, 'url', report);
  if (feed.language !== undefined) checkLanguage(feed.language, 'language', report);
  if (feed.topic !== undefined && typeof feed.topic !== 'string') report('topic must be a string');
  for (const field of ['queryReason', 'unverified'] as const) {
    if (feed[field] !== undefined && (typeof feed[field] !== 'string' || feed[field].trim() === '')) {
      report(`${field} must be a non-empty string`);
    }
  }
  if (feed.fallback !== undefined) {
    checkUrl(feed.fallback, 'fallback', report);
    if (feed.fallback === feed.url) report('fallback is the feed itself');
  }
}

function checkUrl(value: unknown, field: string, report: Report): void {
  if (!isHttpUrl(value)) report(`${field} ${JSON.stringify(value)} is not an absolute http(s) URL`);
}

/** True for an absolute http: or https: URL with a host. */
export function isHttpUrl(value: unknown): value is string {
  return isWebUrl(value);
}

function checkLanguage(tag: unknown, field: string, report: Report): void {
  const canonical = canonicalLanguage(tag);
  if (canonical === undefined) report(`${field} ${JSON.stringify(tag)} is not a valid BCP 47 tag`);
  else if (canonical !== tag) report(`${field} "${String(tag)}" should be written "${canonical}"`);
}

/** The canonical spelling of a BCP 47 tag (`zh-hant` → `zh-Hant`), or undefined when invalid. */
export function canonicalLanguage(tag: unknown): string | undefined {
  if (typeof tag !== 'string' || tag === '') return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/**
 * The identity of a feed URL for duplicate checks: the same feed is often written with http and
 * https, a trailing slash or an upper-case host, and must still count once.
 */
export function feedKey(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname.replace(/\/+$/, '');
    return `${u.hostname.toLowerCase()}${u.port ? `:${u.port}` : ''}${path}${u.search}`;
  } catch {
    return url;
  }
}

function validateCountries(countries: readonly Country[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const c of countries) {
    const label = `country ${JSON.stringify(c.code)}`;
    if (!/^[A-Z]{2}$/.test(c.code)) problems.push(`${label}: code must be two upper-case letters`);
    if (seen.has(c.code)) problems.push(`${label}: duplicate code`);
    seen.add(c.code);
    if (!/^[A-Z]{3}$/.test(c.code3)) problems.push(`${label}: code3 must be three upper-case letters`);
    if (typeof c.name !== 'string' || c.name === '') problems.push(`${label}: name must be a non-empty string`);
    if (!REGIONS.includes(c.region))
      problems.push(`${label}: region "${c.region}" is not one of ${REGIONS.join(', ')}`);
    if (!(Math.abs(c.lat) <= 90 && Math.abs(c.lon) <= 180)) problems.push(`${label}: centroid is out of range`);
  }
  return problems;
}

function outletLabel(outlet: unknown, index: number): string {
  if (isRecord(outlet) && typeof outlet.id === 'string' && outlet.id !== '') return `outlet "${outlet.id}"`;
  return `outlet #${index + 1}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
