import { Hono } from 'hono';
import { apiArticle, apiArticles } from '../../reader/api.ts';
import { searchPage, statusPage } from '../../reader/pages.ts';
import { searchText } from '../../store/repositories/search.ts';
import type { ServerContext } from '../context.ts';
import { BadRequestError, NotFoundHttpError } from '../errors.ts';
import { countryParam, dateParam, limitParam, parseCursor, parseId } from '../params.ts';

/** `/api/articles`, `/api/articles/{id}`, `/api/search`, `/api/status`. */
export function articlesApi(ctx: ServerContext): Hono {
  const api = new Hono();

  api.get('/articles', async (c) => {
    const country = countryParam(c.req.query('country'));
    const limit = limitParam(c.req.query('limit'), 20, 100);
    const outlet = c.req.query('outlet');
    const before = parseCursor(c.req.query('before'));
    return c.json(
      await apiArticles(ctx.reader, {
        limit,
        ...(country ? { country } : {}),
        ...(outlet ? { outletId: outlet } : {}),
        ...(before ? { before } : {}),
      }),
    );
  });

  api.get('/articles/:id', async (c) => {
    const article = await apiArticle(ctx.reader, parseId(c.req.param('id')), {
      translating: ctx.translator !== 'none',
    });
    if (!article) throw new NotFoundHttpError('No such article');
    return c.json({ article });
  });

  api.get('/search', async (c) => {
    const q = searchText(c.req.query('q') ?? '');
    if (!q) throw new BadRequestError('q is required');
    const country = countryParam(c.req.query('country'));
    const from = dateParam(c.req.query('from'));
    const to = dateParam(c.req.query('to'));
    const limit = limitParam(c.req.query('limit'), 20, 100);
    return c.json(
      await searchPage(ctx.reader, {
        q,
        limit,
        ...(country ? { country } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      }),
    );
  });

  api.get('/status', async (c) => c.json(await statusPage(ctx.reader, ctx.translator)));

  return api;
}
