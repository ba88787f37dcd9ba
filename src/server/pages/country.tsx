import type { Country, Outlet } from '../../model/outlet.ts';
import type { Story } from '../../model/story.ts';
import type { ArticleSummaryView } from '../../reader/views.ts';
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
  nowhereElse = [],
}: {
  kit: PageKit;
  country: Country;
  outlets: Outlet[];
  articles: ArticleSummaryView[];
  /** Stories only this country's press covers: the page leads with them. */
  nowhereElse?: Story[];
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
      {nowhereElse.length > 0 ? (
        <section aria-labelledby="nowhere-else-title" class="nowhere-else card">
          <h2 id="nowhere-else-title">Found nowhere else</h2>
          <p class="muted">
            Stories only {country.name}’s press covers.{' '}
            <a href={`/feeds/nowhere-else/${country.code.toLowerCase()}.atom`}>Atom feed</a>
          </p>
          <ul class="story-list">
            {nowhereElse.map((s) => (
              <li>
                <a href={`/stories/${s.id}`}>{s.title}</a>{' '}
                <span class="muted">
                  {s.outlets.length === 1 ? '1 outlet' : `${s.outlets.length} outlets`},{' '}
                  {s.articleCount === 1 ? '1 article' : `${s.articleCount} articles`}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div class="country-layout">
        <section aria-labelledby="outlets-title" class="country-outlets">
          <h2 id="outlets-title">Outlets</h2>
          {outlets.length === 0 ? (
            <p class="muted">Meridian reads no outlet from {country.name} yet.</p>
          ) : (
            <ul class="outlets">
              {outlets.map((o) => (
                <li>
                  <OutletLogo outlet={o} size={24} />
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
