import type { Assets } from '../assets.ts';
import { Html } from '../jsx/jsx-runtime.ts';

export interface PageMeta {
  title: string;
  description?: string;
  /** Atom feeds to advertise in <head>. */
  feeds?: Array<{ title: string; href: string }>;
  /** Island scripts this page loads (names from web/). */
  scripts?: string[];
}

const NAV = [
  { href: '/', label: 'World' },
  { href: '/overlooked', label: 'Overlooked' },
  { href: '/sources', label: 'Sources' },
  { href: '/status', label: 'Status' },
];

/**
 * The document head, in two parts. `HeadStart` holds what differs from page to page (title,
 * description); `HeadRest` (styles, feeds, island scripts) is the same for every page with the
 * same feeds and scripts, so the server keeps it rendered.
 */
export function HeadStart({ meta }: { meta: PageMeta }) {
  const fullTitle = meta.title === 'Meridian' ? 'Meridian: the world’s news in English' : `${meta.title} · Meridian`;
  // Opened here and closed by HeadRest: the two are written one after the other.
  return new Html(
    `<head>${
      (
        <>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{fullTitle}</title>
          <meta
            name="description"
            content={meta.description ?? 'The world’s press, translated into English and grouped into stories.'}
          />
        </>
      ).html
    }`,
  );
}

/** The rest of the head, closed: see `HeadStart`. */
export function HeadRest({ meta, assets }: { meta: Pick<PageMeta, 'feeds' | 'scripts'>; assets: Assets }) {
  return new Html(
    `${
      (
        <>
          <meta name="theme-color" content="#10263f" />
          <link rel="stylesheet" href={assets.url('styles.css')} />
          <link rel="manifest" href="/manifest.webmanifest" />
          <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
          <link rel="apple-touch-icon" href="/icons/icon-192.png" />
          <link rel="search" type="application/opensearchdescription+xml" href="/opensearch.xml" title="Meridian" />
          {(meta.feeds ?? [{ title: 'Meridian: world', href: '/feeds/world.atom' }]).map((f) => (
            <link rel="alternate" type="application/atom+xml" title={f.title} href={f.href} />
          ))}
          {(meta.scripts ?? []).map((s) => (
            <script type="module" src={assets.url(`${s}.js`)} defer />
          ))}
          <script type="module" src={assets.url('images.js')} defer />
          <script type="module" src={assets.url('sw-register.js')} defer />
        </>
      ).html
    }</head>`,
  );
}

/** Skip link and site header; `path` marks the current section in the navigation. */
export function SiteHeader({ path }: { path: string }) {
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <div class="wrap header-row">
          <a class="brand" href="/" aria-label="Meridian, home">
            <img src="/icons/icon.svg" alt="" width="28" height="28" />
            <span>Meridian</span>
          </a>
          <nav aria-label="Main">
            <ul class="nav">
              {NAV.map((n) => (
                <li>
                  <a href={n.href} aria-current={path === n.href ? 'page' : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <form class="search-form" role="search" action="/search" method="get">
            <label for="q" class="visually-hidden">
              Search the world’s news
            </label>
            <input id="q" name="q" type="search" placeholder="Search the world’s news" maxLength={200} />
            <button type="submit">Search</button>
          </form>
        </div>
      </header>
    </>
  );
}

export function SiteFooter() {
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p>
          Meridian reads the world’s press and translates it into English. Every article links to its original.{' '}
          <a href="/feeds/world.atom">Atom feed</a> · <a href="/sources.opml">OPML of sources</a> ·{' '}
          <a href="/openapi.json">API</a>
        </p>
      </div>
    </footer>
  );
}

/** The navigation paths the header can mark as current (others render the header unmarked). */
export const NAV_PATHS: readonly string[] = NAV.map((n) => n.href);
