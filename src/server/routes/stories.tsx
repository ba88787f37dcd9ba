import { Hono } from 'hono';
import type { Story } from '../../model/story.ts';
import { loadStory, sourcesOf } from '../../reader/story.ts';
import { countryFraming } from '../../stories/framing.ts';
import { isFoundNowhereElse } from '../../stories/nowhere-else.ts';
import { overlooked } from '../../stories/overlooked.ts';
import { groupBy } from '../../util/group-by.ts';
import { pageKit, type ServerContext } from '../context.ts';
import { BadRequestError, NotFoundHttpError } from '../errors.ts';
import { type OverlookedEntry, OverlookedPage } from '../pages/overlooked.tsx';
import { StoryPage, type StoryPageData } from '../pages/story.tsx';
import { renderPage } from '../render.tsx';
import { atomResponse, publicBase } from './feeds.ts';

/** Stories considered for "overlooked": the most recently active ones. */
const OVERLOOKED_POOL = 400;
const DAY_MS = 86_400_000;

/** How far back "found nowhere else" looks: a week of stories, as "overlooked" does. */
const NOWHERE_ELSE_DAYS = 7;
const NOWHERE_ELSE_POOL = 500;

/** Stories only `country`'s press covers (see stories/nowhere-else.ts), most recently active first. */
export async function foundNowhereElse(ctx: ServerContext, country: string, limit = 20): Promise<Story[]> {
  const now = Date.now();
  const since = new Date(now - NOWHERE_ELSE_DAYS * DAY_MS).toISOString();
  const stories = await ctx.store.stories.singleCountry({ since, country, limit: NOWHERE_ELSE_POOL });
  return stories.filter((s) => isFoundNowhereElse(s, now)).slice(0, limit);
}

/** How many stories each country alone covers (the globe's tooltip). */
export async function foundNowhereElseCounts(ctx: ServerContext): Promise<Map<string, number>> {
  const now = Date.now();
  const since = new Date(now - NOWHERE_ELSE_DAYS * DAY_MS).toISOString();
  const counts = new Map<string, number>();
  for (const s of await ctx.store.stories.singleCountry({ since, limit: 20 * NOWHERE_ELSE_POOL })) {
    const country = s.countries[0];
    if (country && isFoundNowhereElse(s, now)) counts.set(country, (counts.get(country) ?? 0) + 1);
  }
  return counts;
}

export async function overlookedStories(ctx: ServerContext, limit = 50): Promise<OverlookedEntry[]> {
  const since = new Date(Date.now() - 7 * DAY_MS).toISOString();
  const stories = await ctx.store.stories.list({ limit: OVERLOOKED_POOL, minCountries: 2, since });
  const coverage = await ctx.store.stories.coverage(stories.map((s) => s.id));
  const byId = new Map(stories.map((s) => [s.id, s]));
  const ranked = overlooked(
    stories.map((s) => ({
      id: s.id,
      title: s.title,
      countryCounts: coverage.get(s.id)?.countryCounts ?? {},
      outletsAbroad: coverage.get(s.id)?.outlets ?? 0,
      lastSeen: s.lastSeen,
    })),
    { limit },
  );
  return ranked.map((r) => ({
    story: byId.get(r.id) as Story,
    countries: r.countries,
    articlesAbroad: r.articlesAbroad,
    homeArticles: r.homeArticles,
  }));
}

function storyParam(raw: string): number {
  if (!/^\d{1,10}$/.test(raw)) throw new NotFoundHttpError('No such story');
  return Number(raw);
}

/** Story pages, the overlooked page, and their Atom feeds. */
export function storyRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  const kit = pageKit(ctx);

  app.get('/stories/:id', async (c) => {
    const id = storyParam(c.req.param('id'));
    const loaded = await loadStory(ctx.reader, id);
    if (!loaded) throw new NotFoundHttpError('No such story');
    if (loaded.story.id !== id) return c.redirect(`/stories/${loaded.story.id}`, 301);
    const rawVersion = c.req.query('version');
    if (rawVersion !== undefined && !/^\d{1,6}$/.test(rawVersion))
      throw new BadRequestError('version must be a number');
    const take = rawVersion ? await ctx.store.takes.version(id, Number(rawVersion)) : await ctx.store.takes.latest(id);
    if (rawVersion && !take) throw new NotFoundHttpError('No such version of this story’s take');
    const views = [...loaded.views.values()].sort((a, b) => (a.published ?? '').localeCompare(b.published ?? ''));
    const byCountry = groupBy(views, (v) => v.country);
    const days = new Map<string, Map<string, number>>();
    for (const v of views) {
      const day = (v.published ?? '').slice(0, 10) || 'undated';
      const counts = days.get(day) ?? new Map<string, number>();
      counts.set(v.country, (counts.get(v.country) ?? 0) + 1);
      days.set(day, counts);
    }
    const data: StoryPageData = {
      story: loaded.story,
      byCountry: [...byCountry.entries()].map(([country, articles]) => ({ country, articles: articles.reverse() })),
      framing: countryFraming(loaded.docs),
      timeline: [...days.entries()].map(([day, counts]) => ({
        day,
        counts: [...counts.entries()].map(([country, n]) => ({ country, n })).sort((a, b) => b.n - a.n),
      })),
      take,
      versions: await ctx.store.takes.versions(id),
      sources: sourcesOf(loaded.views),
      origin: views[0]?.country,
    };
    return renderPage(
      c,
      ctx,
      {
        title: loaded.story.title,
        description: `How ${loaded.story.countries.length} countries cover: ${loaded.story.title}`,
        feeds: [{ title: `Meridian story: ${loaded.story.title}`, href: `/feeds/stories/${id}.atom` }],
        scripts: ['story-map'],
      },
      <StoryPage kit={kit} data={data} />,
    );
  });

  app.get('/overlooked', async (c) =>
    renderPage(
      c,
      ctx,
      {
        title: 'Overlooked by American media',
        feeds: [{ title: 'Meridian: overlooked by American media', href: '/feeds/overlooked.atom' }],
      },
      <OverlookedPage kit={kit} entries={await overlookedStories(ctx)} />,
    ),
  );

  /** A story with its latest take as the entry's text. */
  async function storyEntry(base: string, story: Story) {
    const take = await ctx.store.takes.latest(story.id);
    const content = take
      ? take.sections.map((s) => `${s.heading}\n${s.sentences.map((x) => x.text).join(' ')}`).join('\n\n')
      : `Covered in ${story.countries.length} countries by ${story.outlets.length} outlets.`;
    return {
      id: `${base}/stories/${story.id}`,
      title: story.title,
      link: `${base}/stories/${story.id}`,
      updated: take?.createdAt && take.createdAt > story.lastSeen ? take.createdAt : story.lastSeen,
      summary: `Covered in ${story.countries.map((code) => kit.countryName(code)).join(', ')}.`,
      content,
    };
  }

  app.get('/feeds/nowhere-else/:file', async (c) => {
    const m = /^([a-z]{2})\.atom$/i.exec(c.req.param('file'));
    const country = m ? ctx.countries.find((x) => x.code === (m[1] ?? '').toUpperCase()) : undefined;
    if (!country) throw new NotFoundHttpError('No such country');
    const base = publicBase(ctx);
    const entries = await Promise.all((await foundNowhereElse(ctx, country.code, 50)).map((s) => storyEntry(base, s)));
    const code = country.code.toLowerCase();
    return atomResponse({
      title: `Meridian: found nowhere else but ${country.name}`,
      self: `${base}/feeds/nowhere-else/${code}.atom`,
      alternate: `${base}/countries/${code}`,
      updated: entries[0]?.updated ?? new Date().toISOString(),
      entries,
    });
  });

  app.get('/feeds/overlooked.atom', async () => {
    const base = publicBase(ctx);
    const entries = await Promise.all((await overlookedStories(ctx)).map((e) => storyEntry(base, e.story)));
    return atomResponse({
      title: 'Meridian: overlooked by American media',
      self: `${base}/feeds/overlooked.atom`,
      alternate: `${base}/overlooked`,
      updated: entries[0]?.updated ?? new Date().toISOString(),
      entries,
    });
  });

  app.get('/feeds/stories.atom', async () => {
    const base = publicBase(ctx);
    const stories = await ctx.store.stories.list({ limit: 50, minCountries: 2 });
    const entries = await Promise.all(stories.map((s) => storyEntry(base, s)));
    return atomResponse({
      title: 'Meridian: stories and the World’s Current Take',
      self: `${base}/feeds/stories.atom`,
      alternate: `${base}/`,
      updated: entries[0]?.updated ?? new Date().toISOString(),
      entries,
    });
  });

  app.get('/feeds/stories/:file', async (c) => {
    const m = /^(\d{1,10})\.atom$/.exec(c.req.param('file'));
    if (!m) throw new NotFoundHttpError('No such feed');
    const loaded = await loadStory(ctx.reader, Number(m[1]));
    if (!loaded) throw new NotFoundHttpError('No such story');
    const base = publicBase(ctx);
    const views = [...loaded.views.values()]
      .sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''))
      .slice(0, 50);
    const self = `${base}/feeds/stories/${loaded.story.id}.atom`;
    return atomResponse({
      title: `Meridian story: ${loaded.story.title}`,
      self,
      alternate: `${base}/stories/${loaded.story.id}`,
      updated: loaded.story.lastSeen,
      entries: [
        await storyEntry(base, loaded.story),
        ...views.map((v) => ({
          id: `${base}/articles/${v.id}`,
          title: v.title,
          link: `${base}/articles/${v.id}`,
          updated: v.published ?? loaded.story.lastSeen,
          author: `${v.outlet.name} (${kit.countryName(v.country)})`,
        })),
      ],
    });
  });

  return app;
}
