import { createHash } from 'node:crypto';
import type { Config } from '../config/config.ts';
import type { Country, Outlet } from '../model/outlet.ts';
import type { CountryCount } from '../store/repositories/outlets.ts';
import type { Store } from '../store/store.ts';
import type { ApiStory } from './api.ts';
import { type Clock, ExpiringValue, VersionedCache } from './cache.ts';
import type { LoadedStory, StorySidebar } from './story.ts';

/** How long the outlet list and the per-country counts are reused before they are read again. */
const OUTLETS_TTL_MS = 30_000;
const COUNTS_TTL_MS = 30_000;
/** Stories kept loaded (their articles as docs and summaries): the few busy ones at a time. */
const LOADED_STORIES = 500;
/** Stories whose Alternative Takes analysis is kept: small (no article text), so many fit. */
const STORY_SIDEBARS = 2_000;
/** Stories whose JSON API answer is kept (a few hundred KB at most each: 300 summaries). */
const API_STORIES = 200;

/** Every stored outlet by id, and a short name for their names (a renamed outlet is a new one). */
export interface OutletIndex {
  byId: Map<string, Outlet>;
  stamp: string;
}

/**
 * The reader service's state: the store it reads and the caches that live as long as the server.
 * Made once per server with the app's context (`readSide` in src/server/context.ts) and passed in;
 * the page functions in this folder take it as their first argument.
 */
export class Reader {
  readonly store: Store;
  readonly config: Config;
  readonly countries: readonly Country[];
  /** The country list by ISO code, made once. */
  readonly countryByCode: ReadonlyMap<string, Country>;
  readonly clock: Clock;
  /** Stories as pages need them, by story id, current while `storyBasis` is. */
  readonly loadedStories = new VersionedCache<number, LoadedStory>(LOADED_STORIES);
  /** What a story's article pages share of its analysis, by story id and the analysis' basis. */
  readonly sidebars = new VersionedCache<number, StorySidebar>(STORY_SIDEBARS);
  /** `/api/stories/{id}` answers, by the id asked for, current while their story version is. */
  readonly apiStories = new VersionedCache<number, ApiStory>(API_STORIES);
  private readonly outletIndexValue: ExpiringValue<OutletIndex>;
  private readonly countsValue: ExpiringValue<CountryCount[]>;
  /** Values recomputed at most once per their lifetime, by name (e.g. the globe's counts). */
  private readonly expiring = new Map<string, ExpiringValue<unknown>>();

  constructor(options: { store: Store; config: Config; countries: readonly Country[]; clock?: Clock }) {
    this.store = options.store;
    this.config = options.config;
    this.countries = options.countries;
    this.countryByCode = new Map(options.countries.map((c) => [c.code, c]));
    this.clock = options.clock ?? Date.now;
    this.outletIndexValue = new ExpiringValue(
      OUTLETS_TTL_MS,
      async () => outletIndexOf(await this.store.outlets.list()),
      this.clock,
    );
    this.countsValue = new ExpiringValue(COUNTS_TTL_MS, () => this.store.outlets.countsByCountry(), this.clock);
  }

  /** Every stored outlet (catalog and imported ones) by id, read again at most every 30 s. */
  outletIndex(): Promise<OutletIndex> {
    return this.outletIndexValue.get();
  }

  async outlets(): Promise<Map<string, Outlet>> {
    return (await this.outletIndexValue.get()).byId;
  }

  /** Articles and outlets per country, recomputed at most every 30 s (the globe and its list). */
  countryCounts(): Promise<CountryCount[]> {
    return this.countsValue.get();
  }

  /** `compute`'s value under `name`, computed again at most every `ttlMs`. */
  every<T>(name: string, ttlMs: number, compute: () => Promise<T>): Promise<T> {
    let value = this.expiring.get(name) as ExpiringValue<T> | undefined;
    if (!value) {
      value = new ExpiringValue(ttlMs, compute, this.clock);
      this.expiring.set(name, value as ExpiringValue<unknown>);
    }
    return value.get();
  }
}

function outletIndexOf(list: readonly Outlet[]): OutletIndex {
  const hash = createHash('sha1');
  for (const o of list) hash.update(`${o.id}\u0000${o.name}\u0000`);
  return { byId: new Map(list.map((o) => [o.id, o])), stamp: hash.digest('base64url').slice(0, 12) };
}
