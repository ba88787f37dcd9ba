import type { Config } from '../config/config.ts';
import type { TranslatorSupport } from '../language/support.ts';
import type { Country, Outlet } from '../model/outlet.ts';
import type { CountryCount } from '../store/repositories/outlets.ts';
import type { Store } from '../store/store.ts';
import type { Assets } from './assets.ts';
import type { ImageSigner } from './image-url.ts';
import type { PageKit } from './pages/kit.ts';

export interface FetchedImage {
  status: number;
  contentType: string;
  body: Uint8Array;
}

/** What every route handler may use. Handlers stay thin: they call repositories and render. */
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
}

const OUTLET_TTL_MS = 30_000;
const outletCache = new WeakMap<ServerContext, { at: number; map: Promise<Map<string, Outlet>> }>();

/** Every stored outlet by id (catalog and imported ones), cached briefly. */
export function outletIndex(ctx: ServerContext): Promise<Map<string, Outlet>> {
  const hit = outletCache.get(ctx);
  if (hit && Date.now() - hit.at < OUTLET_TTL_MS) return hit.map;
  const map = ctx.store.outlets.list().then((list) => new Map(list.map((o) => [o.id, o])));
  outletCache.set(ctx, { at: Date.now(), map });
  return map;
}

const countryCache = new WeakMap<ServerContext, Map<string, Country>>();

export function countryIndex(ctx: ServerContext): Map<string, Country> {
  let map = countryCache.get(ctx);
  if (!map) {
    map = new Map(ctx.countries.map((c) => [c.code, c]));
    countryCache.set(ctx, map);
  }
  return map;
}

export function pageKit(ctx: ServerContext): PageKit {
  const names = countryIndex(ctx);
  return {
    countryName: (code) => names.get(code)?.name ?? (code === 'XX' ? 'Unknown country' : code),
  };
}

const COUNTS_TTL_MS = 30_000;
const countsCache = new WeakMap<ServerContext, { at: number; counts: Promise<CountryCount[]> }>();

/** Articles and outlets per country, recomputed at most every 30 s (the globe and its list). */
export function countryCounts(ctx: ServerContext): Promise<CountryCount[]> {
  const hit = countsCache.get(ctx);
  if (hit && Date.now() - hit.at < COUNTS_TTL_MS) return hit.counts;
  const counts = ctx.store.outlets.countsByCountry();
  countsCache.set(ctx, { at: Date.now(), counts });
  counts.catch(() => countsCache.delete(ctx));
  return counts;
}
