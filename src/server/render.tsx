import type { Context } from 'hono';
import type { ServerContext } from './context.ts';
import { Html } from './jsx/jsx-runtime.ts';
import { EncodedHtml, encodeParts, type PagePart } from './page-parts.ts';
import { HeadRest, HeadStart, NAV_PATHS, type PageMeta, SiteFooter, SiteHeader } from './pages/layout.tsx';
import { SECURITY_HEADERS } from './security.ts';

/**
 * The header and footer are the same on every page but for the current section, so each is
 * rendered and encoded once and reused: a page request renders only its head and its own content.
 */
const headers = new Map<string, EncodedHtml>();
let footer: EncodedHtml | undefined;
const PAGE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=UTF-8',
  'Cache-Control': 'no-cache',
  ...SECURITY_HEADERS,
};

/**
 * The rest of the head per feeds and scripts advertised (a few kinds of page, and a feed per
 * country), kept in the server's own `pageHeads` (`readSide`): it names the server's assets.
 */
function headRest(meta: PageMeta, ctx: ServerContext): EncodedHtml {
  const key = JSON.stringify([meta.feeds, meta.scripts]);
  let rest = ctx.pageHeads.get(key);
  if (rest === undefined) {
    rest = new EncodedHtml(<HeadRest meta={meta} assets={ctx.assets} />);
    ctx.pageHeads.set(key, rest);
  }
  return rest;
}

function siteHeader(path: string): EncodedHtml {
  const key = NAV_PATHS.includes(path) ? path : '';
  let header = headers.get(key);
  if (header === undefined) {
    header = new EncodedHtml(new Html(`<body>${(<SiteHeader path={key} />).html}<main id="main" class="wrap">`));
    headers.set(key, header);
  }
  return header;
}

/**
 * Renders a page: head, site header, the page's content in <main>, footer. JSX escapes every
 * value. `body` is the content's markup, or its parts in order when some come encoded.
 */
export function renderPage(
  c: Context,
  ctx: ServerContext,
  meta: PageMeta,
  body: Html | readonly PagePart[],
  status: 200 | 404 | 400 = 200,
) {
  footer ??= new EncodedHtml(new Html(`</main>${(<SiteFooter />).html}</body></html>`));
  const head = new Html(`<!doctype html><html lang="en">${(<HeadStart meta={meta} />).html}`);
  const rest = headRest(meta, ctx);
  // Answered as UTF-8 bytes, not as the string: the page is a rope of many pieces, usually in
  // two-byte form (curly quotes, non-Latin scripts), and Node flattened it twice on the way out
  // (once to measure it, once joined to the response head), about 14 KB of garbage per article
  // page. Encoding it once here flattens it once, and the parts kept encoded are only copied.
  const bytes = encodeParts(
    body instanceof Html
      ? [head, rest, siteHeader(c.req.path), body, footer]
      : [head, rest, siteHeader(c.req.path), ...body, footer],
  );
  c.set('renderedPage', bytes);
  c.set('secured', true);
  // A plain header record, written to the socket as it is (see securityHeaders).
  return new Response(bytes, { status, headers: PAGE_HEADERS });
}
