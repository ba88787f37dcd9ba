/**
 * The one test every URL passes before Meridian stores, fetches or renders it: an absolute
 * http: or https: URL with a host, of a sane length. `javascript:`, `data:`, `file:`, `ftp:`,
 * `mailto:` and the rest are refused wherever they come from (a feed item, a WARC record's target,
 * a redirect, the catalog, OPML), and once more when a page is rendered, so a value stored before
 * this test existed is not made a link either.
 */

/** Longer URLs are not links anyone follows; browsers and servers cap them near here too. */
export const MAX_URL_LENGTH = 8192;

/** `raw` (resolved against `base`, if given) as a parsed http(s) URL, or undefined. */
export function webUrl(raw: string | URL | null | undefined, base?: string | URL): URL | undefined {
  if (raw === null || raw === undefined) return undefined;
  const text = typeof raw === 'string' ? raw.trim() : raw.href;
  if (text === '' || text.length > MAX_URL_LENGTH) return undefined;
  let url: URL;
  try {
    url = base === undefined ? new URL(text) : new URL(text, base);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return undefined;
  if (url.href.length > MAX_URL_LENGTH) return undefined;
  return url;
}

/** True when `raw` is already an absolute http(s) URL as it stands (nothing to resolve). */
export function isWebUrl(raw: unknown): raw is string {
  return typeof raw === 'string' && raw.trim() === raw && webUrl(raw) !== undefined;
}

/** `raw` when it may be shown as a link, else undefined (render-time check of stored values). */
export function linkableUrl(raw: string | null | undefined): string | undefined {
  return raw && webUrl(raw) ? raw : undefined;
}
