import type { Html } from '../jsx/jsx-runtime.ts';
import { isEnglish } from '../views.ts';
import { dirOf, flag } from './bits.tsx';
import type { PageKit } from './kit.ts';

/** Another outlet's article on the story, as the Alternative Takes list shows it. */
export interface TakeItemView {
  articleId: number;
  /** The English headline when translated, else the original. */
  title: string;
  /** The language `title` is in. */
  language: string;
  outletName: string;
  /** One line on what this article stresses that the others do not. */
  differs: string;
}

/** One entry of Alternative Takes. */
export function TakeItem({ take: t }: { take: TakeItemView }) {
  return (
    <li>
      {/* Marked only when it is not in the page's English: an untranslated headline. */}
      {isEnglish(t.language) ? (
        <a href={`/articles/${t.articleId}`}>{t.title}</a>
      ) : (
        <a href={`/articles/${t.articleId}`} lang={t.language} dir={dirOf(t.language)}>
          {t.title}
        </a>
      )}
      <div class="byline">{t.outletName}</div>
      {t.differs ? <div class="differs">{t.differs}</div> : null}
    </li>
  );
}

/**
 * "Alternative Takes": the other outlets' articles on the story, by country. The entries come
 * rendered (`TakeItem`): every page of a story shows the same ones, less its own outlet's.
 */
export function AlternativeTakes({
  kit,
  storyId,
  groups,
}: {
  kit: PageKit;
  storyId: number | undefined;
  groups: ReadonlyArray<{ country: string; takes: ReadonlyArray<{ html: Html }> }>;
}) {
  return (
    <section aria-labelledby="alt-title" id="alternative-takes" class="card">
      <h2 id="alt-title">Alternative Takes</h2>
      {storyId !== undefined && groups.length > 0 ? (
        <>
          {groups.map((group) => (
            <>
              <h3>
                <span aria-hidden="true">{flag(group.country)}</span> {kit.countryName(group.country)}
              </h3>
              <ul class="takes-list">{group.takes.map((t) => t.html)}</ul>
            </>
          ))}
          <p>
            <a href={`/stories/${storyId}`}>The whole story across countries</a>
          </p>
        </>
      ) : (
        <p class="muted">No other country’s coverage of this story yet.</p>
      )}
    </section>
  );
}

/** Where the World's Current Take goes before a story has one. */
export function NoWorldTake() {
  return (
    <section aria-labelledby="world-take-title" class="card">
      <h2 id="world-take-title">The World’s Current Take</h2>
      <p class="muted">A summary of how the world covers this story appears once several outlets have reported it.</p>
    </section>
  );
}

/** The aside of an article that belongs to no story (yet). */
export function NoStoryAside({ kit }: { kit: PageKit }) {
  return (
    <>
      <AlternativeTakes kit={kit} storyId={undefined} groups={[]} />
      <NoWorldTake />
    </>
  );
}
