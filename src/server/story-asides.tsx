import type { StoryVersionParts } from '../model/story.ts';
import { VersionedCache } from '../reader/cache.ts';
import type { OutletIndex, Reader } from '../reader/reader.ts';
import { type StoryPart, storyPart, storyPartVersion } from '../reader/story.ts';
import { outletView } from '../reader/views.ts';
import { takesForReader } from '../stories/alternative-takes.ts';
import { Html } from './jsx/jsx-runtime.ts';
import { aroundSlot, EncodedHtml, EncodedList, type PagePart, SLOT } from './page-parts.ts';
import { Time } from './pages/bits.tsx';
import type { PageKit } from './pages/kit.ts';
import { alternativeTakesParts, NoStoryAside, NoWorldTake, TakeItem } from './pages/story-aside.tsx';
import { WorldTakeView } from './pages/world-take.tsx';

/** The story part of article pages as the renderer keeps it, encoded, for one story version. */
interface StoryFragment {
  /** The story's id (a merged story's survivor). */
  storyId: number;
  /**
   * Per outlet the article Alternative Takes shows; a page leaves out its own outlet. Kept as
   * columns, with the entries rendered into one encoded list: a few objects per story, not
   * several per entry, for the thousands of stories the cache holds.
   */
  picks: { articleIds: Array<number | string>; outlets: string[]; countries: string[]; items: EncodedList };
  /**
   * The World's Current Take, or its placeholder, split where its time ("written 5 min ago")
   * goes: that part changes by the minute, so it is rendered per request. The rest is kept
   * encoded, as the page is sent.
   */
  take: { before: EncodedHtml; createdAt: string | null; after: EncodedHtml };
}

/** Bytes a fragment costs besides its encoded parts: the objects and columns around them. */
const FRAGMENT_OVERHEAD = 600;
const PICK_OVERHEAD = 24;

/** Stories taken between two yields to the event loop while warming up. */
const PREWARM_CHUNK = 20;
/** Share of MERIDIAN_STORY_CACHE_MB the warm-up may fill, leaving room for what readers bring in. */
const PREWARM_SHARE = 0.8;
/** What a story of eight outlets takes in the cache, to size the warm-up's one list read. */
const TYPICAL_FRAGMENT_BYTES = 6_000;

/**
 * The aside of article pages in a story, rendered once per story version and kept encoded
 * (MERIDIAN_STORY_CACHE_MB), for the life of the server: every article page of a story shows the
 * same, less the reader's own outlet. What it shows comes from the reader service (`storyPart`);
 * only the bytes are kept here.
 */
export class StoryAsides {
  private readonly fragments: VersionedCache<number, StoryFragment>;

  constructor(
    private readonly reader: Reader,
    private readonly kit: PageKit,
    maxBytes: number,
  ) {
    this.fragments = new VersionedCache(
      maxBytes,
      (f) =>
        f.picks.items.byteLength +
        PICK_OVERHEAD * f.picks.items.length +
        f.take.before.bytes.length +
        f.take.after.bytes.length +
        FRAGMENT_OVERHEAD,
    );
  }

  /**
   * The aside of one article page: the other outlets' articles (one per outlet), grouped by
   * country, each with a line on what it stresses that the others do not, and the story's latest
   * take. `version` (from the article's own statement) tells whether the kept fragment is current
   * without reading the story; without it (a merged story) the story is read each time.
   */
  async aside(
    story: { id: number; version: StoryVersionParts | undefined },
    article: { id: number; outletId: string },
    outlets: OutletIndex,
  ): Promise<readonly PagePart[]> {
    let fragment =
      story.version === undefined
        ? undefined
        : this.fragments.get(story.id, storyPartVersion(story.version, outlets.stamp));
    if (!fragment) {
      const part = await storyPart(this.reader, story.id, outlets);
      if (!part) return [<NoStoryAside />];
      fragment = this.render(part, outlets);
      if (story.version !== undefined) this.fragments.set(story.id, part.version, fragment);
    }
    // By the article's own outlet, not its place in the analysis: an article older than the
    // story's newest STORY_ARTICLE_CAP is not in it, and its readers still get the others' takes.
    const { articleIds, outlets: pickOutlets, countries, items } = fragment.picks;
    const picks = articleIds.map((articleId, i) => ({
      articleId,
      outlet: pickOutlets[i] as string,
      country: countries[i] as string,
      item: i,
    }));
    const groups = takesForReader(picks, { id: article.id, outlet: article.outletId }).map((g) => ({
      country: g.country,
      takes: g.takes.map((t) => items.at(t.item)),
    }));
    const { before, createdAt, after } = fragment.take;
    return [
      ...alternativeTakesParts(this.kit, fragment.storyId, groups),
      before,
      createdAt === null ? EMPTY : <Time iso={createdAt} />,
      after,
    ];
  }

  private render(part: StoryPart, outlets: OutletIndex): StoryFragment {
    const countries = this.reader.countryByCode;
    const picks = {
      articleIds: part.picks.map((t) => t.articleId),
      // The outlet index's and the country list's own strings, shared by every story that shows them.
      outlets: part.picks.map((t) => outlets.byId.get(t.outlet)?.id ?? t.outlet),
      countries: part.picks.map((t) => countries.get(t.country)?.code ?? t.country),
      items: new EncodedList(
        part.picks.map((t) => (
          <TakeItem
            take={{
              articleId: Number(t.articleId),
              title: t.title,
              language: t.language,
              outletName: outletView(outlets.byId, t.outlet).name,
              differs: t.differs,
            }}
          />
        )),
      ),
    };
    // Its time ("written 5 min ago") changes by the minute: rendered per request, in the slot.
    const around = part.take
      ? aroundSlot(<WorldTakeView take={part.take} kit={this.kit} sources={part.sources} time={SLOT} />)
      : { before: new EncodedHtml(<NoWorldTake />), after: NOTHING };
    return { storyId: part.storyId, picks, take: { ...around, createdAt: part.take?.createdAt ?? null } };
  }

  /**
   * Renders the asides of the most recently active stories into the cache, the way a server that
   * has been up a while has them: after a restart the first reader of each story would otherwise
   * wait for its story to be read and rendered. Newest first, in chunks that yield to requests,
   * until the cache holds PREWARM_SHARE of its room; `signal` stops it (shutdown).
   */
  async prewarm(options: { signal?: AbortSignal; maxStories?: number } = {}): Promise<{ stories: number; ms: number }> {
    const started = performance.now();
    const outlets = await this.reader.outletIndex();
    const room = this.fragments.max * PREWARM_SHARE;
    // As many stories as could fit: the list is read in one statement before the first is rendered.
    const fits = Math.ceil(room / TYPICAL_FRAGMENT_BYTES);
    const stories = await this.reader.store.stories.list({ limit: Math.min(fits, options.maxStories ?? fits) });
    let rendered = 0;
    for (const [i, story] of stories.entries()) {
      if (options.signal?.aborted || this.fragments.weight >= room) break;
      if (!this.fragments.has(story.id)) {
        const part = await storyPart(this.reader, story.id, outlets);
        // Kept under its own id only: a merged story's pages read the survivor anyway.
        if (part && part.storyId === story.id) this.fragments.set(story.id, part.version, this.render(part, outlets));
        rendered++;
      }
      if (i % PREWARM_CHUNK === PREWARM_CHUNK - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    return { stories: rendered, ms: performance.now() - started };
  }
}

const EMPTY = new Html('');
const NOTHING = new EncodedHtml(EMPTY);
