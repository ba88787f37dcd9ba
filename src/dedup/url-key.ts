/**
 * The deduplication key of an article URL: the same page reached through a feed with tracking
 * parameters, over http or https, with or without `www.` or a trailing slash, has one key.
 */
const TRACKING_PARAMS = [
  /^utm_/i,
  /^(fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|igshid|mc_cid|mc_eid|_ga|_gl|ocid|cmpid|icid|smid|smtyp|ns_mchannel|ns_source|ns_campaign|ns_linkname|ns_fee|spm|share|rss|ref|ref_src|ref_url|referrer|src|source|from|feature|at_medium|at_campaign|at_custom\d*|xtor|partner|output|traffic_source)$/i,
];

export function urlKey(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return raw.trim().toLowerCase();
  }
  const host = url.hostname.toLowerCase().replace(/^(www\d?|m|amp|mobile)\./, '');
  const params = [...url.searchParams.entries()]
    .filter(([name]) => !TRACKING_PARAMS.some((re) => re.test(name)))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let path = url.pathname.replace(/\/{2,}/g, '/');
  path = path.replace(/\/(amp|amp\.html)\/?$/i, '/').replace(/\/index\.(html?|php|aspx?)$/i, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : '';
  const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : '';
  return `${host}${port}${path}${query}`;
}
