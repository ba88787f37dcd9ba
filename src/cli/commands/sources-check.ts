import { parseArgs } from 'node:util';
import { parseFeed } from '../../feeds/parse.ts';
import { createFetcher } from '../../net/fetcher.ts';
import { type Command, UserError } from '../command.ts';
import { Progress } from '../progress.ts';
import { catalogOrUserError } from './sources-list.ts';

/** Feeds checked at once; the fetcher still keeps to its per-host limits. */
const PARALLEL = 8;

interface FeedCheck {
  outlet: string;
  url: string;
  ok: boolean;
  status: number | null;
  items: number | null;
  error?: string;
}

export const sourcesCheckCommand: Command = {
  name: 'sources check',
  help: `Usage: meridian sources check [--country XX] [--outlet ID] [--json]

Fetches every feed of the effective catalog once (politely, through the same fetcher as the
pipeline), parses it, and prints per feed whether it works, its HTTP status and how many items it
has. A progress bar runs on stderr. Needs no database.

  --country XX   only outlets of this country
  --outlet ID    only one outlet
  --json         one JSON object per feed: outlet, url, ok, status, items, error`,
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: { country: { type: 'string' }, outlet: { type: 'string' }, json: { type: 'boolean' } },
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
    const feeds = outlets.flatMap((o) => o.feeds.map((f) => ({ outlet: o.id, url: f.url })));
    const fetcher = createFetcher(config);
    const progress = new Progress(ctx.io, 'checking feeds', feeds.length);
    const results: FeedCheck[] = [];
    let next = 0;
    const check = async (feed: { outlet: string; url: string }): Promise<FeedCheck> => {
      try {
        const res = await fetcher.fetch(feed.url, { purpose: 'feed' });
        const parsed = parseFeed(res.text(), res.url);
        return {
          ...feed,
          ok: parsed.items.length > 0,
          status: res.status,
          items: parsed.items.length,
          ...(parsed.items.length === 0 ? { error: 'no items' } : {}),
        };
      } catch (err) {
        const status =
          typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : null;
        return { ...feed, ok: false, status, items: null, error: err instanceof Error ? err.message : String(err) };
      }
    };
    const lane = async () => {
      while (next < feeds.length) {
        const feed = feeds[next++] as { outlet: string; url: string };
        const result = await check(feed);
        results.push(result);
        progress.tick(1, result.ok ? '' : `${feed.outlet} failing`);
        if (values.json) ctx.io.out(`${JSON.stringify(result)}\n`);
        else
          ctx.io.out(
            `${result.ok ? 'OK  ' : 'FAIL'} ${String(result.status ?? '-').padEnd(4)} ${String(result.items ?? '-').padStart(4)} items  ${result.outlet}  ${result.url}${result.error ? `  (${result.error})` : ''}\n`,
          );
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(PARALLEL, feeds.length) }, lane));
    } finally {
      await fetcher.close();
    }
    const ok = results.filter((r) => r.ok).length;
    progress.finish(`${ok} of ${results.length} feeds work, ${results.length - ok} failing`);
    return 0;
  },
};
