import type { StoryPageData } from '../../reader/pages.ts';
import { Flag, Time } from './bits.tsx';
import type { PageKit } from './kit.ts';
import { WorldTakeView } from './world-take.tsx';

export function StoryPage({ kit, data }: { kit: PageKit; data: StoryPageData }) {
  const { story } = data;
  return (
    <div class="story-page">
      <p class="kicker">
        Story · {story.countries.length} countries · {story.outlets.length} outlets
      </p>
      <h1>{story.title}</h1>
      <p class="byline">
        First reported <Time iso={story.firstSeen} />
        {data.origin ? (
          <>
            {' '}
            in <Flag code={data.origin} /> {kit.countryName(data.origin)}
          </>
        ) : null}
        <span aria-hidden="true">·</span> latest <Time iso={story.lastSeen} />
        <span aria-hidden="true">·</span> <a href={`/feeds/stories/${story.id}.atom`}>Atom feed of this story</a>
      </p>
      <div class="story-grid">
        <div>
          {data.take ? (
            <WorldTakeView take={data.take} kit={kit} sources={data.sources} />
          ) : (
            <section class="card" aria-labelledby="world-take-title">
              <h2 id="world-take-title">The World’s Current Take</h2>
              <p class="muted">The take is written once several outlets have reported the story.</p>
            </section>
          )}
          {data.versions.length > 1 ? (
            <p class="muted">
              Earlier versions:{' '}
              {data.versions.slice(1).map((v, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a href={`/stories/${story.id}?version=${v.version}`}>version {v.version}</a>
                </>
              ))}
            </p>
          ) : null}
          <section aria-labelledby="by-country-title">
            <h2 id="by-country-title">Every country’s take</h2>
            {data.byCountry.map((group) => (
              <section class="country-takes" aria-labelledby={`takes-${group.country}`}>
                <h3 id={`takes-${group.country}`}>
                  <Flag code={group.country} /> {kit.countryName(group.country)}
                </h3>
                <ul class="takes-list">
                  {group.articles.map((a) => (
                    <li>
                      <a href={`/articles/${a.id}`}>{a.title}</a>
                      <div class="byline">
                        {a.outlet.name} <span aria-hidden="true">·</span> <Time iso={a.published} />
                      </div>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </section>
        </div>
        <aside class="side" aria-label="Coverage of this story">
          <section aria-labelledby="map-title">
            <h2 id="map-title">Where it is covered</h2>
            <canvas
              class="story-map"
              id="story-map"
              width={320}
              height={320}
              data-countries={story.countries.join(',')}
              data-origin={data.origin ?? ''}
              role="img"
              aria-label={`Map of the countries covering this story: ${story.countries.map((c) => kit.countryName(c)).join(', ')}`}
            />
          </section>
          {data.framing.some((f) => f.words.length + f.names.length > 0 || f.untranslated > 0) ? (
            <section aria-labelledby="framing-title">
              <h2 id="framing-title">How each country frames it</h2>
              <p class="muted">Words and names each country’s coverage uses markedly more than the rest, in English.</p>
              <dl class="framing">
                {data.framing
                  .filter((f) => f.words.length + f.names.length > 0 || f.untranslated === f.articles)
                  .map((f) => (
                    <>
                      <dt>
                        <Flag code={f.country} /> {kit.countryName(f.country)}
                      </dt>
                      <dd>
                        {f.words.length + f.names.length > 0
                          ? [...f.names.slice(0, 4), ...f.words.slice(0, 6)].map((t) => t.term).join(', ')
                          : `Not translated yet (${f.untranslated === 1 ? '1 article' : `${f.untranslated} articles`})`}
                      </dd>
                    </>
                  ))}
              </dl>
            </section>
          ) : null}
          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">Timeline of coverage</h2>
            <ol class="timeline">
              {data.timeline.map((d) => (
                <li>
                  <strong>{d.day}</strong>:{' '}
                  {d.counts.map((c, i) => (
                    <>
                      {i > 0 ? ', ' : ''}
                      {kit.countryName(c.country)} {c.n}
                    </>
                  ))}
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </div>
  );
}
