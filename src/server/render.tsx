import type { Context } from 'hono';
import type { ServerContext } from './context.ts';
import type { Html } from './jsx/jsx-runtime.ts';
import { Head, NAV_PATHS, type PageMeta, SiteFooter, SiteHeader } from './pages/layout.tsx';

/**
 * The header and footer are the same on every page but for the current section, so each is
 * rendered once and reused: a page request renders only its head and its own content.
 */
const headers = new Map<string, string>();
let footer: string | undefined;
const utf8 = new TextEncoder();

function siteHeader(path: string): string {
  const key = NAV_PATHS.includes(path) ? path : '';
  let html = headers.get(key);
  if (html === undefined) {
    html = (<SiteHeader path={key} />).html;
    headers.set(key, html);
  }
  return html;
}

/** Renders a page: head, site header, the page's content in <main>, footer. JSX escapes every value. */
export function renderPage(c: Context, ctx: ServerContext, meta: PageMeta, body: Html, status: 200 | 404 | 400 = 200) {
  footer ??= (<SiteFooter />).html;
  const html = `<!doctype html><html lang="en">${(<Head meta={meta} assets={ctx.assets} />).html}<body>${siteHeader(
    c.req.path,
  )}<main id="main" class="wrap">${body.html}</main>${footer}</body></html>`;
  // Answered as UTF-8 bytes, not as the string: the page is a rope of many pieces, usually in
  // two-byte form (curly quotes, non-Latin scripts), and Node flattened it twice on the way out
  // (once to measure it, once joined to the response head), about 14 KB of garbage per article
  // page. Encoding it once here flattens it once.
  const bytes = utf8.encode(html);
  c.set('renderedPage', bytes);
  return c.body(bytes, status, { 'Content-Type': 'text/html; charset=UTF-8', 'Cache-Control': 'no-cache' });
}
