import type { CountryEntry, PipelineSummary, TopStory } from '../../reader/pages.ts';
import type { ArticleSummaryView } from '../../reader/views.ts';
import { ArticleItem, Flag, Time } from './bits.tsx';
import type { PageKit } from './kit.ts';

export function HomePage({
  kit,
  countries,
  latest,
  pipeline,
  stories,
  selected,
}: {
  kit: PageKit;
  countries: CountryEntry[];
  latest: ArticleSummaryView[];
  pipeline: PipelineSummary;
  stories: TopStory[];
  selected?: TopStory | undefined;
}) {
  const covered = countries.filter((c) => c.outlets > 0);
  return (
    <div class="home-grid">
      <section class="globe-panel" aria-labelledby="globe-title">
        <h1 id="globe-title">The world’s news, in English</h1>
        <p>
          {covered.length} countries, {covered.reduce((n, c) => n + c.outlets, 0)} outlets. Spin the globe and pick a
          country to read its press.
        </p>
        <div class="globe-wrap">
          <canvas
            class="globe"
            id="globe"
            width={640}
            height={640}
            role="img"
            aria-label={
              selected
                ? `Globe with the countries covering “${selected.story.title}”: ${selected.story.countries.map((c) => kit.countryName(c)).join(', ')}.`
                : 'Globe of the world’s coverage in the last 24 hours. Use the list of countries below to choose one with a keyboard.'
            }
            {...(selected
              ? { 'data-arcs': selected.story.countries.join(','), 'data-arcs-origin': selected.origin }
              : {})}
          />
          <div class="globe-tip" id="globe-tip" role="status" aria-live="polite" />
        </div>
        <div class="globe-legend" aria-hidden="true">
          <span>Fewer</span>
          <span class="ramp" />
          <span>More articles in the last 24 h</span>
        </div>
        <div class="country-finder">
          <label for="country-filter">Find a country</label>
          <input id="country-filter" type="search" placeholder="Type a country name" autocomplete="off" />
          <ul class="country-list" id="country-list">
            {covered.map((c) => (
              <li data-name={c.name.toLowerCase()}>
                <a href={`/countries/${c.code.toLowerCase()}`}>
                  <Flag code={c.code} /> {c.name} <span class="count">({c.articlesLastDay} today)</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      </section>
      <section aria-labelledby="latest-title">
        {stories.length > 0 ? (
          <section class="top-stories card" aria-labelledby="stories-title">
            <h2 id="stories-title" class="flush">
              Stories across the world
            </h2>
            <ol>
              {stories.map((t) => (
                <li>
                  <a href={`/stories/${t.story.id}`}>{t.story.title}</a>
                  <div class="byline">
                    {t.story.countries.length} countries, {t.story.outlets.length} outlets
                    <span aria-hidden="true">·</span>
                    <a
                      href={`/?story=${t.story.id}#globe`}
                      aria-current={selected?.story.id === t.story.id ? 'true' : undefined}
                    >
                      Show on the globe
                    </a>
                  </div>
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        <h2 id="latest-title" class={stories.length > 0 ? undefined : 'flush'}>
          Latest from around the world
        </h2>
        {latest.length === 0 ? (
          <EmptyState pipeline={pipeline} />
        ) : (
          <ul class="article-list front">
            {latest.map((a) => (
              <ArticleItem a={a} kit={kit} showCountry />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function EmptyState({ pipeline }: { pipeline: PipelineSummary }) {
  return (
    <div class="empty" id="empty-state">
      <p>
        <strong>No articles yet.</strong>{' '}
        {pipeline.feeds === 0
          ? 'No feeds are configured.'
          : `Meridian is reading ${pipeline.feeds} feeds: ${pipeline.feedsOk} answered, ${pipeline.feedsFailing} failing${
              pipeline.feedsDisabled ? `, ${pipeline.feedsDisabled} disabled` : ''
            }.`}
      </p>
      {pipeline.nextPollAt ? (
        <p>
          Next poll: <Time iso={pipeline.nextPollAt} />.
        </p>
      ) : null}
      {pipeline.feedsFailing > 0 && pipeline.lastError ? (
        <p class="muted">
          Latest error: {pipeline.lastError}. If this machine has no network access, articles can be imported from web
          archives with <code>meridian import FILE.warc.gz</code>.
        </p>
      ) : null}
      <p>
        <a href="/status">See the pipeline’s status</a> · <a href="/sources">See every source</a>
      </p>
    </div>
  );
}
