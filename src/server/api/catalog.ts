import { Hono } from 'hono';
import { apiCountries } from '../../reader/api.ts';
import type { ServerContext } from '../context.ts';
import { countryParam } from '../params.ts';

/** `/api/countries` and `/api/outlets`: the world Meridian reads and how much it published. */
export function catalogApi(ctx: ServerContext): Hono {
  const api = new Hono();

  api.get('/countries', async (c) => c.json({ countries: await apiCountries(ctx.reader) }));

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
