import type { ExtractedArticle, ParsedFeed } from '../model/article.ts';

/**
 * The stage functions the pipeline calls, as narrow interfaces: handlers depend on these shapes,
 * `stages-default.ts` binds them to the real `net`, `feeds`, `extract` and `language` code, and
 * tests may bind them to local servers and fixtures.
 */
export interface FetchedResource {
  /** Final URL after redirects. */
  url: string;
  status: number;
  notModified: boolean;
  headers: Record<string, string>;
  text(): string;
}

export interface ResourceFetcher {
  fetch(
    url: string,
    options: { purpose: 'feed' | 'page'; etag?: string | null; lastModified?: string | null; signal?: AbortSignal },
  ): Promise<FetchedResource>;
}

export interface Stages {
  fetcher: ResourceFetcher;
  /** An image's bytes, through `net` (address guard, size and time caps, robots). */
  fetchImage(url: string, signal?: AbortSignal): Promise<Uint8Array>;
  parseFeed(text: string, baseUrl: string): ParsedFeed;
  extract(html: string, url: string): ExtractedArticle | null;
  /** `hint`: the page's or feed's declared language; `expected`: the outlet's declared languages (a strong prior). */
  detectLanguage(text: string, hint?: string, expected?: readonly string[]): string | undefined;
}
