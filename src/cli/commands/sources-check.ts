import { parseArgs } from 'node:util';
import { CatalogError, overlayTarget } from '../../catalog/catalog.ts';
import { type FallbackSwitch, switchToFallbacks } from '../../catalog/fallback.ts';
import { countRecent } from '../../feeds/freshness.ts';
import { parseFeed } from '../../feeds/parse.ts';
import { createFetcher, type Fetcher } from '../../net/fetcher.ts';
import { type Command, UserError } from '../command.ts';
import { Progress } from '../progress.ts';
import { catalogOrUserError } from './sources-list.ts';

/** Feeds checked at once; the fetcher still keeps to its per-host limits. */
const PARALLEL = 8;

interface FeedToCheck {
  outlet: string;
  url: string;
  fallback?: string;
  unverified?: string;
}

interface FeedCheck {
  outlet: string;
  url: string;
  ok: boolean;
  status: number | null;
  items: number | null;
  /** Items published in the last day: a filtered or stale feed shows here. */
  recent: number | null;
  error?: string;
  /** Present when the feed failed and has a fallback: how the fallback fared. */
  fallback?: Omit<FeedCheck, 'outlet' | 'fallback'>;
  /** The feed was chosen by rule and not verified against the live site. */
  unverified?: boolean;
}

export const sourcesCheckCommand: Command = {
  name: 'sources check',
  help: `Usage: meridian sources check [--country XX] [--outlet ID] [--json] [--dry-run]

Fetches every feed of the effective catalog once (politely, through the same fetcher as the
pipeline), parses it, and prints per feed whether it works, its HTTP status, how many items it
carries and how many of them were published in the last day (a filtered or stale feed shows at a
glance). A progress bar runs on stderr. Needs no database.

A feed that fails and has a recorded fallback (an outlet whose own feed was chosen by rule keeps
its old one) has the fallback checked; when the fallback works, the outlet is switched to it in
the catalog file (MERIDIAN_CATALOG_FILE, or <MERIDIAN_DATA_DIR>/catalog.json), with the failed
feed as the new fallback.

  --country XX   only outlets of this country
  --outlet ID    only one outlet
  --json         one JSON object per feed: outlet, url, ok, status, items, recent, error, fallback
  --dry-run      check fallbacks but do not switch to them`,
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: {
        country: { type: 'string' },
        outlet: { type: 'string' },
        json: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
      },
    });
    const config = ctx.config();
    const catalog = catalogOrUserError(config);
    let outlets = catalog.outlets.filter((o) => o.enabled !== false);
    if (values.country) {
      const country = catalog.country(values.country);
      if (!country) throw new UserError(`--country ${values.country} is not an ISO 3166-1 alpha-2 code`);
      outlets = outlets.filter((o) => o.country === country.code);
    }
    if (values.outlet) {
      outlets = outlets.filter((o) => o.id === values.outlet);
      if (outlets.length === 0) throw new UserError(`no outlet "${values.outlet}" in the catalog`);
    }
    const feeds: FeedToCheck[] = outlets.flatMap((o) =>
      o.feeds.map((f) => ({
        outlet: o.id,
        url: f.url,
        ...(f.fallback ? { fallback: f.fallback } : {}),
        ...(f.unverified ? { unverified: f.unverified } : {}),
      })),
    );
    const fetcher = createFetcher(config);
    const progress = new Progress(ctx.io, 'checking feeds', feeds.length);
    const results: FeedCheck[] = [];
    let next = 0;
    const lane = async () => {
      while (next < feeds.length) {
        const feed = feeds[next++] as FeedToCheck;
        const result = await checkWithFallback(fetcher, feed);
        results.push(result);
        progress.tick(1, result.ok ? '' : `${feed.outlet} failing`);
        ctx.io.out(values.json ? `${JSON.stringify(result)}\n` : describe(result));
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(PARALLEL, feeds.length) }, lane));
    } finally {
      await fetcher.close();
    }
    const switches: FallbackSwitch[] = results
      .filter((r) => !r.ok && r.fallback?.ok)
      .map((r) => ({ outletId: r.outlet, url: r.url }));
    const ok = results.filter((r) => r.ok).length;
    progress.finish(`${ok} of ${results.length} feeds work, ${results.length - ok} failing`);
    if (switches.length > 0 && !values['dry-run']) {
      const file = overlayTarget(config);
      try {
        const changed = switchToFallbacks(file, switches);
        ctx.io.err(
          `switched ${changed.join(', ')} to ${switches.length === 1 ? 'its fallback' : 'their fallbacks'} in ${file}\n`,
        );
      } catch (err) {
        if (err instanceof CatalogError) throw new UserError(err.message);
        throw err;
      }
    }
    return 0;
  },
};

async function checkWithFallback(fetcher: Fetcher, feed: FeedToCheck): Promise<FeedCheck> {
  const main = await checkOne(fetcher, feed.url);
  const result: FeedCheck = { outlet: feed.outlet, url: feed.url, ...main };
  if (feed.unverified) result.unverified = true;
  if (!main.ok && feed.fallback) result.fallback = { url: feed.fallback, ...(await checkOne(fetcher, feed.fallback)) };
  return result;
}

async function checkOne(fetcher: Fetcher, url: string): Promise<Omit<FeedCheck, 'outlet' | 'url' | 'fallback'>> {
  try {
    const res = await fetcher.fetch(url, { purpose: 'feed' });
    const parsed = parseFeed(res.text(), res.url);
    const items = parsed.items.length;
    return {
      ok: items > 0,
      status: res.status,
      items,
      recent: countRecent(parsed.items, new Date()),
      ...(items === 0 ? { error: 'no items' } : {}),
    };
  } catch (err) {
    const status = typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : null;
    return { ok: false, status, items: null, recent: null, error: err instanceof Error ? err.message : String(err) };
  }
}

function describe(r: FeedCheck): string {
  const counts = (c: Pick<FeedCheck, 'ok' | 'status' | 'items' | 'recent'>) =>
    `${c.ok ? 'OK  ' : 'FAIL'} ${String(c.status ?? '-').padEnd(4)} ${String(c.items ?? '-').padStart(4)} items ${String(c.recent ?? '-').padStart(4)} last day`;
  let line = `${counts(r)}  ${r.outlet}  ${r.url}${r.error ? `  (${r.error})` : ''}${r.unverified ? '  [chosen by rule, not verified]' : ''}\n`;
  if (r.fallback) {
    line += `  fallback ${counts(r.fallback)}  ${r.fallback.url}${r.fallback.error ? `  (${r.fallback.error})` : ''}\n`;
  }
  return line;
}
