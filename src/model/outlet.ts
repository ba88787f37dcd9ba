/** An outlet of the catalog: one news organisation and its feeds. */
export type OutletKind = 'public' | 'private' | 'state' | 'agency';

export interface Outlet {
  /** Stable id, lower-case slug (`upmedia`, `nhk-world`). Never changes once published. */
  id: string;
  name: string;
  homepage: string;
  /** ISO 3166-1 alpha-2, upper case. `XX` for unknown. */
  country: string;
  /** BCP 47 tags, primary first (`zh-Hant`, `en`). */
  languages: string[];
  feeds: OutletFeed[];
  /** Logo or favicon URL. */
  logo: string;
  /** Version of Meridian's stored copy of the logo, when there is one. */
  logoStored?: string;
  kind: OutletKind;
  /** False when the operator's catalog file disabled it. */
  enabled?: boolean;
  /** True for outlets created on the fly (an imported page from a host the catalog does not know). */
  outsideCatalog?: boolean;
}

export interface OutletFeed {
  url: string;
  /** Language of this feed when it differs from the outlet's primary language. */
  language?: string;
  /** Section or topic label (world, politics…), informative only. */
  topic?: string;
  /**
   * Why the URL is a site search or carries a query, when it does (a query that picks a section
   * or a format, not a keyword): the catalog test refuses such a URL without a reason.
   */
  queryReason?: string;
  /**
   * Set when the URL was chosen by rule rather than taken from the source list, saying how; it
   * was not checked against the live site. `meridian sources check` shows it.
   */
  unverified?: string;
  /** A feed of the same outlet that `meridian sources check` switches to when this one fails. */
  fallback?: string;
}

export interface Country {
  /** ISO 3166-1 alpha-2, upper case. */
  code: string;
  /** ISO 3166-1 alpha-3. */
  code3: string;
  /** ISO 3166-1 numeric (three digits), as the globe's map data names countries. */
  numeric?: string;
  name: string;
  region: Region;
  subregion: string;
  lat: number;
  lon: number;
}

export type Region = 'Africa' | 'Americas' | 'Asia' | 'Europe' | 'Oceania' | 'Antarctic';
