import { isEnglish } from '../../reader/views.ts';
import type { Html } from '../jsx/jsx-runtime.ts';
import { aroundSlot, EncodedHtml, type PagePart, SLOT } from '../page-parts.ts';
import { dirOf, Flag } from './bits.tsx';
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

/** The section "Alternative Takes", around its content. */
function TakesSection({ children }: { children: Html | Html[] }) {
  return (
    <section aria-labelledby="alt-title" id="alternative-takes" class="card">
      <h2 id="alt-title">Alternative Takes</h2>
      {children}
    </section>
  );
}

/** One country's heading and its entries. */
function CountryTakes({ kit, country, children }: { kit: PageKit; country: string; children: Html | Html[] }) {
  return (
    <>
      <h3>
        <Flag code={country} /> {kit.countryName(country)}
      </h3>
      <ul class="takes-list">{children}</ul>
    </>
  );
}

function WholeStoryLink({ storyId }: { storyId: number }) {
  return (
    <p>
      <a href={`/stories/${storyId}`}>The whole story across countries</a>
    </p>
  );
}

/** Alternative Takes with no other country's coverage to show. */
function EmptyTakes() {
  return (
    <TakesSection>
      <p class="muted">No other country’s coverage of this story yet.</p>
    </TakesSection>
  );
}

const takesSection = aroundSlot(<TakesSection>{SLOT}</TakesSection>);
const emptyTakes = new EncodedHtml(<EmptyTakes />);
/** Per country code its name and heading, as encoded parts around its entries. */
const countryParts = new Map<string, { name: string; before: EncodedHtml; after: EncodedHtml }>();

function countryTakesParts(kit: PageKit, country: string): { before: EncodedHtml; after: EncodedHtml } {
  const name = kit.countryName(country);
  let parts = countryParts.get(country);
  // A code and its name from the catalog: a few hundred at most, so this needs no bound.
  if (parts?.name !== name) {
    parts = {
      name,
      ...aroundSlot(
        <CountryTakes kit={kit} country={country}>
          {SLOT}
        </CountryTakes>,
      ),
    };
    countryParts.set(country, parts);
  }
  return parts;
}

/**
 * "Alternative Takes": the other outlets' articles on the story, by country, as an article page
 * sends it. Every page of a story shows the same entries (`TakeItem`), less its own outlet's:
 * they come encoded, and so do the section and the country headings around them, so only the
 * link to the story is rendered per request.
 */
export function alternativeTakesParts(
  kit: PageKit,
  storyId: number,
  groups: ReadonlyArray<{ country: string; takes: ReadonlyArray<EncodedHtml> }>,
): PagePart[] {
  if (groups.length === 0) return [emptyTakes];
  const parts: PagePart[] = [takesSection.before];
  for (const group of groups) {
    const around = countryTakesParts(kit, group.country);
    parts.push(around.before, ...group.takes, around.after);
  }
  parts.push(<WholeStoryLink storyId={storyId} />, takesSection.after);
  return parts;
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
export function NoStoryAside() {
  return (
    <>
      <EmptyTakes />
      <NoWorldTake />
    </>
  );
}
