import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { type Context, Hono } from 'hono';
import type { ServerContext } from '../context.ts';
import { NotFoundHttpError } from '../errors.ts';
import { flagByHashedName } from '../flags.ts';
import { ICON_SVG, iconPng } from '../icons.ts';
import { xml } from '../xml.ts';
import { publicBase } from './feeds.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

function gzipAware(c: Context, body: Buffer, gzipped: Buffer, type: string, cache: string) {
  const acceptsGzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
  const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': cache, Vary: 'Accept-Encoding' };
  if (acceptsGzip) headers['Content-Encoding'] = 'gzip';
  return c.body((acceptsGzip ? gzipped : body) as unknown as Uint8Array<ArrayBuffer>, 200, headers);
}

/** Bundled islands and styles, the service worker, icons, manifest and the globe's map data. */
export function staticRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  const require = createRequire(import.meta.url);
  const world = readFileSync(require.resolve('world-atlas/countries-110m.json'));
  const worldGz = gzipSync(world, { level: 9 });
  const icons = new Map<number, Buffer>();
  const icon = (size: number) => {
    let png = icons.get(size);
    if (!png) {
      png = iconPng(size);
      icons.set(size, png);
    }
    return png;
  };

  app.get('/assets/:name', (c) => {
    const asset = ctx.assets.byHashedName(c.req.param('name'));
    if (!asset) throw new NotFoundHttpError();
    return gzipAware(c, asset.body, asset.gzipped, asset.type, IMMUTABLE);
  });

  // Flags are named by their content's hash, so they too are cached for good (the site's
  // Content-Security-Policy, added to every response, also covers an SVG opened on its own).
  app.get('/flags/:name', (c) => {
    const flag = flagByHashedName(c.req.param('name'));
    if (!flag) throw new NotFoundHttpError();
    return gzipAware(c, flag.body, flag.gzipped(), 'image/svg+xml', IMMUTABLE);
  });

  // The service worker must live at the root to control every page; never cached long.
  app.get('/sw.js', (c) => {
    const sw = ctx.assets.all().find((a) => a.name === 'sw.js');
    if (!sw) throw new NotFoundHttpError();
    return gzipAware(c, sw.body, sw.gzipped, sw.type, 'no-cache');
  });

  app.get('/geo/countries-110m.json', (c) => gzipAware(c, world, worldGz, 'application/json', 'public, max-age=86400'));

  app.get('/icons/icon.svg', (c) =>
    c.body(ICON_SVG, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' }),
  );
  app.get('/icons/:file', (c) => {
    const m = /^icon-(192|512)\.png$/.exec(c.req.param('file'));
    if (!m) throw new NotFoundHttpError();
    return c.body(icon(Number(m[1])) as unknown as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'image/png',
      'Cache-Control': 'public, max-age=86400',
    });
  });
  app.get('/favicon.ico', (c) => c.redirect('/icons/icon.svg', 301));

  app.get('/manifest.webmanifest', (c) =>
    c.json(
      {
        name: 'Meridian: the world’s news',
        short_name: 'Meridian',
        description: 'The world’s press, translated into English and grouped into stories.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#fbfaf7',
        theme_color: '#10263f',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      200,
      { 'Content-Type': 'application/manifest+json' },
    ),
  );

  app.get('/opensearch.xml', (c) => {
    const base = xml(publicBase(ctx));
    return c.body(
      `<?xml version="1.0" encoding="utf-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>Meridian</ShortName>
  <Description>Search the world’s news in English</Description>
  <Url type="text/html" template="${base}/search?q={searchTerms}"/>
</OpenSearchDescription>
`,
      200,
      { 'Content-Type': 'application/opensearchdescription+xml' },
    );
  });

  app.get('/robots.txt', (c) => c.text('User-agent: *\nDisallow: /img\nDisallow: /api/\n'));
  return app;
}
