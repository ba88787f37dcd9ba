/**
 * What a feed address says about the feed. A site search (`/search/africa/feed/rss2/`,
 * `?s=africa&feed=rss2`) carries only the articles that mention its keyword, so a country's press
 * read through one is seen through a filter; the catalog reads each outlet's own news instead.
 * Many real feeds carry a query that picks a section or a format (`?outputType=xml`), which is
 * fine but has to be said: the catalog test asks every such entry for a `queryReason`.
 */

/** Query parameters that hold a search keyword on common publishing systems. */
const SEARCH_PARAMETERS = new Set(['s', 'q', 'query', 'search', 'keyword', 'keywords']);

/** True when the URL is a search of the site: a `search` path segment or a keyword parameter. */
export function isSiteSearch(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.pathname.split('/').some((segment) => segment.toLowerCase() === 'search')) return true;
  for (const key of u.searchParams.keys()) if (SEARCH_PARAMETERS.has(key.toLowerCase())) return true;
  return false;
}

/** True when the URL is a site search or carries any query: the catalog then wants a reason. */
export function needsQueryReason(url: string): boolean {
  return isSiteSearch(url) || url.includes('?');
}

/**
 * The keyword a feed searches for, if it is a keyword search: WordPress's `/search/KEYWORD/feed/`
 * or a keyword parameter (`?s=africa`). Such a feed is a filter, never an outlet's own news.
 */
export function searchKeyword(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const segments = u.pathname.split('/');
  const at = segments.findIndex((s) => s.toLowerCase() === 'search');
  if (at !== -1 && segments[at + 1] && segments[at + 2]?.toLowerCase() === 'feed') {
    return decodeURIComponent(segments[at + 1] as string);
  }
  for (const [key, value] of u.searchParams) {
    const name = key.toLowerCase();
    // BLOX CMS's /search/ endpoint, which serves its sites' feeds, sorts by `s` and searches by `q`.
    if (at !== -1 && name === 's') continue;
    if (SEARCH_PARAMETERS.has(name) && value.trim() !== '') return value;
  }
  return undefined;
}
