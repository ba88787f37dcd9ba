import type { OverlookedEntry } from '../../reader/pages.ts';
import { Flag, Time } from './bits.tsx';
import type { PageKit } from './kit.ts';

export function OverlookedPage({ kit, entries }: { kit: PageKit; entries: OverlookedEntry[] }) {
  return (
    <>
      <h1>Overlooked by American media</h1>
      <p class="lede">
        Stories that outlets in several countries cover and the American outlets Meridian reads do not (or far less),
        ranked by how widely the rest of the world covers them. Also as an{' '}
        <a href="/feeds/overlooked.atom">Atom feed</a>.
      </p>
      {entries.length === 0 ? (
        <p class="empty">
          No story is overlooked right now: every story covered in three or more countries is also covered in the United
          States, or there are not enough stories yet.
        </p>
      ) : (
        <ol class="article-list overlooked">
          {entries.map((e) => (
            <li class="article-item">
              <div>
                <h2 class="h3">
                  <a href={`/stories/${e.story.id}`}>{e.story.title}</a>
                </h2>
                <div class="byline">
                  {e.countries} countries, {e.articlesAbroad} articles abroad, {e.homeArticles} in the US
                  <span aria-hidden="true">·</span> <Time iso={e.story.lastSeen} />
                </div>
                <p class="muted">
                  {e.story.countries
                    .filter((c) => c !== 'US')
                    .slice(0, 12)
                    .map((c, i) => (
                      <>
                        {i > 0 ? ', ' : ''}
                        <Flag code={c} /> {kit.countryName(c)}
                      </>
                    ))}
                </p>
              </div>
              <span />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
