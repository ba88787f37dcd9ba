import type { Config } from '../config/config.ts';
import type { TranslatorSupport } from '../language/support.ts';
import type { Country, Outlet } from '../model/outlet.ts';
import { Reader } from '../reader/reader.ts';
import type { Store } from '../store/store.ts';
import { BoundedMap } from '../util/bounded-map.ts';
import type { Assets } from './assets.ts';
import type { ImageSigner } from './image-url.ts';
import type { EncodedHtml } from './page-parts.ts';
import type { PageKit } from './pages/kit.ts';
import { StoryAsides } from './story-asides.tsx';

export interface FetchedImage {
  status: number;
  contentType: string;
  body: Uint8Array;
}

/** What every route handler may use. Handlers stay thin: they parse, call the reader service and render. */
export interface ServerContext {
  store: Store;
  config: Config;
  countries: readonly Country[];
  /** The effective catalog (built-in merged with the operator's file). */
  outlets: readonly Outlet[];
  startedAt: Date;
  /**
   * The trusted origin absolute links are built on (`trustedOrigin`): MERIDIAN_PUBLIC_URL, else
   * the address the server listens on. Set again once the server listens (PORT=0 picks a port).
   */
  origin: string;
  assets: Assets;
  images: ImageSigner;
  /** Name of the translation engine (`none` when off). */
  translator: string;
  /** What the configured translator can translate, for /sources; absent when translation is off. */
  translatorSupport?: TranslatorSupport;
  /** Fetches a foreign image for the proxy (through `net`, with its guards and caps). */
  fetchImage: (url: string, signal: AbortSignal) => Promise<FetchedImage>;
  /** The reader service: what pages and the API show, and its caches (`readSide`). */
  reader: Reader;
  /** The story part of article pages, kept rendered per story version (`readSide`). */
  storyAsides: StoryAsides;
  /** The rest of each kind of page's head, rendered with this server's assets (`readSide`). */
  pageHeads: BoundedMap<string, EncodedHtml>;
}

/** Kinds of page head kept: a few kinds of page, and a feed per country. */
const PAGE_HEADS = 1_000;

/**
 * The read side of one server: the reader service and the renderer's kept story asides, made
 * together with the context and living as long as it does.
 */
export function readSide(base: {
  store: Store;
  config: Config;
  countries: readonly Country[];
}): Pick<ServerContext, 'reader' | 'storyAsides' | 'pageHeads'> {
  const reader = new Reader(base);
  const storyAsides = new StoryAsides(reader, kitOf(reader), base.config.int('MERIDIAN_STORY_CACHE_MB') * 1024 * 1024);
  return { reader, storyAsides, pageHeads: new BoundedMap(PAGE_HEADS) };
}

function kitOf(reader: Reader): PageKit {
  const names = reader.countryByCode;
  return {
    countryName: (code) => names.get(code)?.name ?? (code === 'XX' ? 'Unknown country' : code),
  };
}

export function pageKit(ctx: ServerContext): PageKit {
  return kitOf(ctx.reader);
}
