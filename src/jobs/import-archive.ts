import { getDomain, getPublicSuffix } from 'tldts';
import { logger } from '../config/log.ts';
import { urlKey } from '../dedup/url-key.ts';
import type { Outlet } from '../model/outlet.ts';
import { binaryShare, looksBinary } from '../net/binary.ts';
import { decodeBody } from '../net/charset.ts';
import { parseHttpResponse, readWarc, UndecodableBodyError } from '../net/warc.ts';
import { webUrl } from '../net/web-url.ts';
import type { Store } from '../store/store.ts';
import { extractPage, saveOutcome } from './handlers/fetch.ts';
import { JOB } from './kinds.ts';
import type { Stages } from './stages.ts';
import { queueNext } from './stages-table.ts';

const log = logger('import');

export interface ImportOptions {
  /** Country for hosts the catalog does not know (else from the country-code domain, else XX). */
  country?: string;
  /** Known ISO codes, to read a country from a country-code top-level domain. */
  countryCodes: ReadonlySet<string>;
  onRecord?: (counts: ImportCounts) => void;
}

export interface ImportCounts {
  records: number;
  pages: number;
  stored: number;
  duplicates: number;
  noArticle: number;
  /** Records that are not HTML pages with status 200 (images, requests, redirects…). */
  skipped: number;
  /** Records or stretches of the file that could not be read, and pages whose body is not text. */
  unreadable: number;
  /** Why, one line each (the first MAX_PROBLEMS). */
  problems: string[];
  /** Records whose WARC-Date could not be read (the date is ignored, the record kept). */
  badDates: number;
  /** Of `stored`, articles an interrupted run (or a feed) had left without content. */
  repaired: number;
}

/** Reasons kept for the summary; the rest are only counted (and logged). */
export const MAX_PROBLEMS = 20;

/** One line saying what could not be read and why, for the command's summary. */
export function describeProblems(counts: ImportCounts): string {
  const parts: string[] = [];
  if (counts.unreadable > 0) {
    const more = counts.unreadable - counts.problems.length;
    parts.push(
      `${counts.unreadable} unreadable, skipped: ${counts.problems.join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
    );
  }
  if (counts.repaired > 0) parts.push(`${counts.repaired} left unfinished by an earlier run, now stored`);
  if (counts.badDates > 0) parts.push(`${counts.badDates} with an unreadable WARC-Date (date ignored)`);
  return parts.join('; ');
}

/** Registrable domain → outlet, from each outlet's homepage and feed hosts. */
export function outletsByDomain(outlets: readonly Outlet[]): Map<string, Outlet> {
  const map = new Map<string, Outlet>();
  for (const o of outlets) {
    for (const url of [o.homepage, ...o.feeds.map((f) => f.url)]) {
      const domain = getDomain(url);
      if (domain && !map.has(domain)) map.set(domain, o);
    }
  }
  return map;
}

/** The country a country-code domain names (`.de` → DE, `.uk` → GB), if any. */
export function countryOfDomain(host: string, codes: ReadonlySet<string>): string | undefined {
  const tld = (getPublicSuffix(host) ?? '').split('.').pop()?.toUpperCase();
  if (tld?.length !== 2) return undefined;
  const code = tld === 'UK' ? 'GB' : tld;
  return codes.has(code) ? code : undefined;
}

function slug(domain: string): string {
  return `web-${domain
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

/**
 * Ingests the HTML responses of a WARC stream through the same extraction as the pipeline. A
 * record is attributed to its catalog outlet by host; a host the catalog does not know gets an
 * outlet of its own, marked outside the catalog and named from the page's site name.
 */
export async function importWarc(
  store: Store,
  stages: Pick<Stages, 'extract' | 'detectLanguage'>,
  input: NodeJS.ReadableStream,
  outlets: readonly Outlet[],
  options: ImportOptions,
): Promise<ImportCounts> {
  const byDomain = outletsByDomain(outlets);
  const created = new Set<string>();
  const counts: ImportCounts = {
    records: 0,
    pages: 0,
    stored: 0,
    duplicates: 0,
    noArticle: 0,
    skipped: 0,
    unreadable: 0,
    problems: [],
    badDates: 0,
    repaired: 0,
  };
  const unreadable = (reason: string, uri: string | undefined) => {
    const line = uri ? `${reason} (${uri.slice(0, 200)})` : reason;
    counts.unreadable++;
    if (counts.problems.length < MAX_PROBLEMS) counts.problems.push(line);
    log.warn('record skipped', { reason: line });
  };
  for await (const record of readWarc(input as never)) {
    counts.records++;
    options.onRecord?.(counts);
    if (record.skipped) {
      unreadable(record.skipped, record.targetUri);
      continue;
    }
    if (record.badDate) counts.badDates++;
    if (record.type !== 'response' || !record.targetUri) continue;
    let res: ReturnType<typeof parseHttpResponse>;
    try {
      res = parseHttpResponse(record.block);
    } catch (err) {
      if (!(err instanceof UndecodableBodyError)) throw err;
      unreadable(err.message, record.targetUri);
      continue;
    }
    if (res?.status !== 200 || !/html/i.test(res.headers['content-type'] ?? '')) {
      counts.skipped++;
      continue;
    }
    // Only http(s) pages become articles: a `javascript:` or `data:` target would be a link.
    const url = webUrl(record.targetUri);
    if (!url) {
      unreadable('target is not an http(s) URL', record.targetUri);
      continue;
    }
    counts.pages++;
    const domain = getDomain(url.hostname) ?? url.hostname;
    let outlet = byDomain.get(domain);
    const html = decodeBody(res.body, res.headers['content-type']).text;
    if (looksBinary(html)) {
      unreadable(`body is binary, not text (${Math.round(binaryShare(html) * 100)}% control characters)`, url.href);
      continue;
    }
    if (!outlet) {
      const country = options.country ?? countryOfDomain(url.hostname, options.countryCodes) ?? 'XX';
      outlet = {
        id: slug(domain),
        name: domain,
        homepage: `${url.protocol}//${url.host}/`,
        country,
        languages: [],
        feeds: [],
        logo: `${url.protocol}//${url.host}/favicon.ico`,
        kind: 'private',
        outsideCatalog: true,
      };
      byDomain.set(domain, outlet);
    }
    if (outlet.outsideCatalog && !created.has(outlet.id)) {
      // Named after the first page's site name, read from the first page of its host.
      const site = stages.extract(html, url.href)?.siteName;
      await store.outlets.ensure({ ...outlet, name: site || outlet.name });
      created.add(outlet.id);
    }
    const key = urlKey(url.href);
    const known = await store.articles.idByUrlKey(key);
    const knownArticle = known === undefined ? undefined : await store.articles.get(known);
    // An article left `discovered` (by a killed import, or found in a feed and not yet fetched) is
    // filled from the archive; one that went further is already known.
    if (knownArticle && knownArticle.state !== 'discovered') {
      counts.duplicates++;
      continue;
    }
    // The record's date stands in for a page that states none.
    const outcome = extractPage(
      stages,
      { title: '', language: undefined, published: record.date },
      html,
      url.href,
      outlet.languages,
    );
    // The row and its content (or its failure) are written together: a kill leaves either nothing,
    // which the next run imports, or a finished article, never an empty one for recovery to crawl.
    const saved = await store.transaction(async (tx) => {
      const id =
        knownArticle?.id ??
        (await tx.articles.insertDiscovered({
          outletId: outlet.id,
          country: outlet.country,
          url: url.href,
          urlKey: key,
          ...(record.date ? { published: record.date } : {}),
        }));
      if (id === undefined) return false;
      await saveOutcome(tx, { id, outletId: knownArticle?.outletId ?? outlet.id }, outcome, queueNext(JOB.fetch));
      return true;
    });
    if (!saved) counts.duplicates++;
    else if ('failure' in outcome) counts.noArticle++;
    else {
      counts.stored++;
      if (knownArticle) counts.repaired++;
    }
  }
  log.info('archive imported', { ...counts });
  return counts;
}
