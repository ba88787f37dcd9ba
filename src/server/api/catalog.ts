import { Hono } from 'hono';
import type { ServerContext } from '../context.ts';
import { BadRequestError } from '../errors.ts';
import { foundNowhereElseCounts } from '../routes/stories.tsx';

const COUNTRY = /^[A-Za-z]{2}$/;

export function countryParam(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!COUNTRY.test(value)) throw new BadRequestError('country must be an ISO 3166-1 alpha-2 code, e.g. TW');
  return value.toUpperCase();
}

/** `/api/countries` and `/api/outlets`: the world Meridian reads and how much it published. */
export function catalogApi(ctx: ServerContext): Hono {
  const api = new Hono();

  api.get('/countries', async (c) => {
    const counts = new Map((await ctx.reader.countryCounts()).map((r) => [r.country, r]));
    const alone = await foundNowhereElseCounts(ctx);
    const countries = ctx.countries.map((country) => {
      const n = counts.get(country.code);
      return {
        code: country.code,
        ...(country.numeric ? { numeric: country.numeric } : {}),
        name: country.name,
        region: country.region,
        lat: country.lat,
        lon: country.lon,
        outlets: n?.outlets ?? 0,
        articles: n?.articles ?? 0,
        articlesLastDay: n?.articlesLastDay ?? 0,
        foundNowhereElse: alone.get(country.code) ?? 0,
      };
    });
    return c.json({ countries });
  });

  api.get('/outlets', async (c) => {
    const country = countryParam(c.req.query('country'));
    const stored = await ctx.store.outlets.list(country ? { country } : {});
    const feedsByOutlet = new Map(ctx.outlets.map((o) => [o.id, o.feeds]));
    return c.json({
      outlets: stored.map((o) => ({ ...o, feeds: (feedsByOutlet.get(o.id) ?? []).map((f) => f.url) })),
    });
  });

  return api;
}
