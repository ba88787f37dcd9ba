import type { Country, Outlet } from '../../model/outlet.ts';
import type { ArticleSummaryView } from '../views.ts';
import { ArticleItem, Flag, OutletLogo } from './bits.tsx';
import type { PageKit } from './kit.ts';

const KIND_LABEL: Record<string, string> = {
  public: 'Public broadcaster',
  private: 'Private',
  state: 'State-controlled',
  agency: 'News agency',
};

export function CountryPage({
  kit,
  country,
  outlets,
  articles,
  outletFilter,
  nextHref,
}: {
  kit: PageKit;
  country: Country;
  outlets: Outlet[];
  articles: ArticleSummaryView[];
  outletFilter?: string;
  nextHref?: string;
}) {
  const base = `/countries/${country.code.toLowerCase()}`;
  return (
    <>
      <p class="kicker">{country.region}</p>
      <h1>
        <Flag code={country.code} /> {country.name}
      </h1>
      <div class="country-layout">
        <section aria-labelledby="outlets-title" class="country-outlets">
          <h2 id="outlets-title">Outlets</h2>
          {outlets.length === 0 ? (
            <p class="muted">Meridian reads no outlet from {country.name} yet.</p>
          ) : (
            <ul class="outlets">
              {outlets.map((o) => (
                <li>
                  <OutletLogo kit={kit} logo={o.logo} size={24} />
                  <span>
                    <a href={`${base}?outlet=${encodeURIComponent(o.id)}`}>{o.name}</a>
                    <span class="kind">
                      {KIND_LABEL[o.kind] ?? o.kind}
                      {o.enabled === false ? ' · disabled' : ''}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="news-title" class="country-news">
          <h2 id="news-title">Latest news</h2>
          {outlets.length > 1 ? (
            <nav class="filters" aria-label="Filter by outlet">
              <a class="chip" href={base} aria-current={outletFilter ? undefined : 'true'}>
                All outlets
              </a>
              {outlets.map((o) => (
                <a
                  class="chip"
                  href={`${base}?outlet=${encodeURIComponent(o.id)}`}
                  aria-current={outletFilter === o.id ? 'true' : undefined}
                >
                  {o.name}
                </a>
              ))}
            </nav>
          ) : null}
          {articles.length === 0 ? (
            <p class="empty">No articles from {country.name} yet. They appear here as soon as its feeds are read.</p>
          ) : (
            <ul class="article-list front">
              {articles.map((a) => (
                <ArticleItem a={a} kit={kit} />
              ))}
            </ul>
          )}
          {nextHref ? (
            <nav class="pager" aria-label="Pages">
              <a class="button secondary" href={nextHref} rel="next">
                Older articles
              </a>
            </nav>
          ) : null}
        </section>
      </div>
    </>
  );
}
