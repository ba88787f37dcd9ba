import { Hono } from 'hono';
import { loadStory } from '../../reader/story.ts';
import { analyseStoryTakes, outletPicks, restoredTakes } from '../../stories/alternative-takes.ts';
import { countryFraming } from '../../stories/framing.ts';
import { groupBy } from '../../util/group-by.ts';
import type { ServerContext } from '../context.ts';
import { BadRequestError, NotFoundHttpError } from '../errors.ts';
import { dateParam, parseId } from '../routes/pages.tsx';
import { limitParam } from './articles.ts';
import { countryParam } from './catalog.ts';

/** The cursor of a page of stories: the last story's `lastSeen` and id. */
function storyCursor(raw: string | undefined): { lastSeen: string; id: number } | undefined {
  if (!raw) return undefined;
  const m = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)_(\d{1,10})$/.exec(raw);
  if (!m) throw new BadRequestError('Invalid page cursor');
  return { lastSeen: m[1] as string, id: Number(m[2]) };
}

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
    const id = parseId(c.req.param('id'));
    const loaded = await loadStory(ctx.reader, id);
    if (!loaded) throw new NotFoundHttpError('No such story');
    const storyId = loaded.story.id; // a merged story answers as its survivor
    const views = [...loaded.views.values()].sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''));
    const stored = await ctx.store.stories.takes(storyId);
    const analysis = stored ? restoredTakes(stored.analysis) : analyseStoryTakes(loaded.docs);
    const take = await ctx.store.takes.latest(storyId);
    return c.json({
      story: loaded.story,
      countries: [...groupBy(views, (v) => v.country).entries()]
        .map(([country, articles]) => ({ country, articles }))
        .sort((a, b) => b.articles.length - a.articles.length || a.country.localeCompare(b.country)),
      alternativeTakes: outletPicks(analysis).map(
        ({ articleId, outlet, country, title, language, differs, stresses }) => ({
          articleId: Number(articleId),
          outlet,
          country,
          title,
          language,
          differs,
          stresses,
        }),
      ),
      take: take
        ? {
            version: take.version,
            createdAt: take.createdAt,
            provider: take.provider,
            model: take.model,
            ...(take.note ? { note: take.note } : {}),
            countries: take.countries,
            outletCount: take.outletCount,
            sections: take.sections.map((s) => ({
              heading: s.heading,
              sentences: s.sentences.map((x) => ({ text: x.text, citations: x.citations.map(Number) })),
            })),
          }
        : null,
      framing: countryFraming(loaded.docs),
    });
  });

  return api;
}
