import type { Context } from 'hono';
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { ServerContext } from './context.ts';
import { Layout, type PageMeta } from './pages/layout.tsx';

/** Renders a page inside the layout. Preact escapes every text and attribute value. */
export function renderPage(
  c: Context,
  ctx: ServerContext,
  meta: PageMeta,
  body: ComponentChildren,
  status: 200 | 404 | 400 = 200,
) {
  const html = `<!doctype html>${renderToString(
    <Layout meta={meta} assets={ctx.assets} path={c.req.path}>
      {body}
    </Layout>,
  )}`;
  return c.html(html, status, { 'Cache-Control': 'no-cache' });
}
