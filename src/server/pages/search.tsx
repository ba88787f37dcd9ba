import type { Country } from '../../model/outlet.ts';
import type { ArticleSummaryView } from '../../reader/views.ts';
import { ArticleItem } from './bits.tsx';
import type { PageKit } from './kit.ts';

export interface SearchParams {
  q: string;
  country?: string;
  from?: string;
  to?: string;
  page: number;
}

export function SearchPage({
  kit,
  params,
  results,
  total,
  countries,
  pageSize,
}: {
  kit: PageKit;
  params: SearchParams;
  results: ArticleSummaryView[];
  total: number;
  countries: Country[];
  pageSize: number;
}) {
  const qs = (page: number) => {
    const p = new URLSearchParams({ q: params.q });
    if (params.country) p.set('country', params.country);
    if (params.from) p.set('from', params.from);
    if (params.to) p.set('to', params.to);
    p.set('page', String(page));
    return `/search?${p.toString()}`;
  };
  return (
    <>
      <h1>Search</h1>
      <form class="card search-panel" action="/search" method="get" role="search" aria-label="Search articles">
        <p class="field-words">
          <label for="sq">Words</label>
          <input id="sq" name="q" type="search" value={params.q} maxLength={200} required />
        </p>
        <p>
          <label for="sc">Country</label>
          <select id="sc" name="country">
            <option value="">All countries</option>
            {countries.map((c) => (
              <option value={c.code} selected={params.country === c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for="sf">From</label>
          <input id="sf" name="from" type="date" value={params.from ?? ''} />
        </p>
        <p>
          <label for="st">To</label>
          <input id="st" name="to" type="date" value={params.to ?? ''} />
        </p>
        <button class="button" type="submit">
          Search
        </button>
      </form>
      {params.q ? (
        <section aria-labelledby="results-title" class="search-results">
          <h2 id="results-title">
            {total} {total === 1 ? 'result' : 'results'} for “{params.q}”
          </h2>
          <ul class="article-list">
            {results.map((a) => (
              <ArticleItem a={a} kit={kit} showCountry />
            ))}
          </ul>
          <nav class="pager" aria-label="Pages">
            {params.page > 1 ? (
              <a class="button secondary" href={qs(params.page - 1)} rel="prev">
                Previous
              </a>
            ) : null}
            {params.page * pageSize < total ? (
              <a class="button secondary" href={qs(params.page + 1)} rel="next">
                Next
              </a>
            ) : null}
          </nav>
        </section>
      ) : null}
    </>
  );
}
