import { Hono } from 'hono';
import { apiStory } from '../../reader/api.ts';
import type { ServerContext } from '../context.ts';
import { NotFoundHttpError } from '../errors.ts';
import { countryParam, dateParam, limitParam, parseId, storyCursor } from '../params.ts';

/** `/api/stories` (a country's or everyone's, by date, paginated) and `/api/stories/{id}`. */
export function storiesApi(ctx: ServerContext): Hono {
  const api = new Hono();

  api.get('/stories', async (c) => {
    const country = countryParam(c.req.query('country'));
    const from = dateParam(c.req.query('from'));
    const to = dateParam(c.req.query('to'));
    const limit = limitParam(c.req.query('limit'), 20, 100);
    const before = storyCursor(c.req.query('before'));
    const stories = await ctx.store.stories.page({
      limit,
      ...(country ? { country } : {}),
      ...(from ? { from } : {}),
      // A story begun on the `to` day counts: compare with the day's last instant.
      ...(to ? { to: `${to}T23:59:59.999Z` } : {}),
      ...(before ? { before } : {}),
    });
    const last = stories[stories.length - 1];
    return c.json({
      stories,
      next: stories.length === limit && last ? `${last.lastSeen}_${last.id}` : null,
    });
  });

  api.get('/stories/:id', async (c) => {
    const story = await apiStory(ctx.reader, parseId(c.req.param('id')));
    if (!story) throw new NotFoundHttpError('No such story');
    return c.json(story);
  });

  return api;
}
