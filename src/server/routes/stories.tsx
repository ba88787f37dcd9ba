import { Hono } from 'hono';
import type { Story } from '../../model/story.ts';
import { foundNowhereElse, overlookedPage, storyPage } from '../../reader/pages.ts';
import { loadStory } from '../../reader/story.ts';
import { pageKit, type ServerContext } from '../context.ts';
import { BadRequestError, NotFoundHttpError } from '../errors.ts';
import { OverlookedPage } from '../pages/overlooked.tsx';
import { StoryPage } from '../pages/story.tsx';
import { renderPage } from '../render.tsx';
import { atomResponse, publicBase } from './feeds.ts';

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
    const rawVersion = c.req.query('version');
    // A merged story redirects, and an unknown one is not found, whatever the version says.
    const validVersion = rawVersion === undefined || /^\d{1,6}$/.test(rawVersion);
    const data = await storyPage(ctx.reader, id, validVersion && rawVersion ? Number(rawVersion) : undefined);
    if (data === 'no-such-story') throw new NotFoundHttpError('No such story');
    if (typeof data === 'object' && 'survivor' in data) return c.redirect(`/stories/${data.survivor}`, 301);
    if (!validVersion) throw new BadRequestError('version must be a number');
    if (data === 'no-such-version') throw new NotFoundHttpError('No such version of this story’s take');
    return renderPage(
      c,
      ctx,
      {
        title: data.story.title,
        description: `How ${data.story.countries.length} countries cover: ${data.story.title}`,
        feeds: [{ title: `Meridian story: ${data.story.title}`, href: `/feeds/stories/${id}.atom` }],
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
      <OverlookedPage kit={kit} entries={await overlookedPage(ctx.reader)} />,
    ),
  );

  /** A story with its latest take as the entry's text. */
  async function storyEntry(base: string, story: Story) {
    const take = await ctx.store.worldTakes.latest(story.id);
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
    const entries = await Promise.all(
      (await foundNowhereElse(ctx.reader, country.code, 50)).map((s) => storyEntry(base, s)),
    );
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
    const entries = await Promise.all((await overlookedPage(ctx.reader)).map((e) => storyEntry(base, e.story)));
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
