import { Hono } from 'hono';
import { pipelineStatus } from '../../jobs/status.ts';
import { articleView, summaries } from '../../reader/views.ts';
import { searchText } from '../../store/repositories/search.ts';
import { budgetLimits } from '../../translate/budget.ts';
import type { ServerContext } from '../context.ts';
import { BadRequestError, NotFoundHttpError } from '../errors.ts';
import { dateParam, parseCursor, parseId } from '../routes/pages.tsx';
import { searchArticles } from '../search.ts';
import { countryParam } from './catalog.ts';

export function limitParam(raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new BadRequestError(`limit must be an integer from 1 to ${max}`);
  return n;
}

/** `/api/articles`, `/api/articles/{id}`, `/api/search`, `/api/status`. */
export function articlesApi(ctx: ServerContext): Hono {
  const api = new Hono();

  api.get('/articles', async (c) => {
    const country = countryParam(c.req.query('country'));
    const limit = limitParam(c.req.query('limit'), 20, 100);
    const outlet = c.req.query('outlet');
    const before = parseCursor(c.req.query('before'));
    const rows = await ctx.store.articles.list({
      limit,
      ...(country ? { country } : {}),
      ...(outlet ? { outletId: outlet } : {}),
      ...(before ? { before } : {}),
    });
    const last = rows[rows.length - 1];
    return c.json({
      articles: await summaries(ctx.store, await ctx.reader.outlets(), rows),
      next: rows.length === limit && last?.published ? `${last.published}_${last.id}` : null,
    });
  });

  api.get('/articles/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    const found = await ctx.store.articles.getForReading(id);
    if (!found || found.article.state === 'discovered') throw new NotFoundHttpError('No such article');
    const view = articleView(found.article, await ctx.reader.outlets(), found.translation, ctx.translator !== 'none');
    return c.json({ article: { ...view, storyId: found.storyId ?? null } });
  });

  api.get('/search', async (c) => {
    const q = searchText(c.req.query('q') ?? '');
    if (!q) throw new BadRequestError('q is required');
    const country = countryParam(c.req.query('country'));
    const from = dateParam(c.req.query('from'));
    const to = dateParam(c.req.query('to'));
    const limit = limitParam(c.req.query('limit'), 20, 100);
    return c.json(
      await searchArticles(ctx, {
        q,
        limit,
        ...(country ? { country } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      }),
    );
  });

  api.get('/status', async (c) =>
    c.json(await pipelineStatus(ctx.store, ctx.translator, new Date(), budgetLimits(ctx.config))),
  );

  return api;
}
