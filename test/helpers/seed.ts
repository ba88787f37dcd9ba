import { indexForSearch } from '../../src/jobs/search-index.ts';
import type { Country, Outlet } from '../../src/model/outlet.ts';
import type { Store } from '../../src/store/store.ts';

export const COUNTRIES: Country[] = [
  { code: 'TW', code3: 'TWN', name: 'Taiwan', region: 'Asia', subregion: 'Eastern Asia', lat: 23.5, lon: 121 },
  {
    code: 'US',
    code3: 'USA',
    name: 'United States',
    region: 'Americas',
    subregion: 'North America',
    lat: 38,
    lon: -97,
  },
  { code: 'DE', code3: 'DEU', name: 'Germany', region: 'Europe', subregion: 'Western Europe', lat: 51, lon: 9 },
  { code: 'FR', code3: 'FRA', name: 'France', region: 'Europe', subregion: 'Western Europe', lat: 46, lon: 2 },
];

export const OUTLETS: Outlet[] = [
  {
    id: 'upmedia',
    name: 'UpMedia',
    homepage: 'https://www.upmedia.mg/',
    country: 'TW',
    languages: ['zh-Hant'],
    feeds: [{ url: 'https://www.upmedia.mg/rss' }],
    logo: 'https://www.upmedia.mg/favicon.ico',
    kind: 'private',
  },
  {
    id: 'npr',
    name: 'NPR',
    homepage: 'https://www.npr.org/',
    country: 'US',
    languages: ['en'],
    feeds: [{ url: 'https://feeds.npr.org/1004/rss.xml' }],
    logo: 'https://www.npr.org/favicon.ico',
    kind: 'public',
  },
  {
    id: 'dw',
    name: 'Deutsche Welle',
    homepage: 'https://www.dw.com/de/',
    country: 'DE',
    languages: ['de'],
    feeds: [{ url: 'https://rss.dw.com/xml/rss-de-all', unverified: 'chosen by rule for the /sources test' }],
    logo: 'https://www.dw.com/favicon.ico',
    kind: 'public',
  },
];

/** An ISO time `h` hours ago, for articles' publication dates. */
export const hoursAgo = (h: number): string => new Date(Date.now() - h * 3600_000).toISOString();

export interface SeededArticle {
  outletId: string;
  country: string;
  title: string;
  language: string;
  blocks: Array<{ kind: 'p' | 'quote' | 'table' | 'h2'; text: string; html?: string }>;
  published: string;
  /** Default: https://example.org/<outlet>/<index>. */
  url?: string;
  image?: { url: string; caption?: string; credit?: string };
  english?: { title: string; blocks: string[]; caption?: string };
}

/** Writes outlets and extracted (optionally translated) articles; returns their ids in order. */
export async function seed(store: Store, articles: SeededArticle[], outlets: Outlet[] = OUTLETS): Promise<number[]> {
  await store.outlets.syncCatalog(outlets);
  await store.feeds.syncCatalog(outlets);
  const ids: number[] = [];
  for (const [i, a] of articles.entries()) {
    const url = a.url ?? `https://example.org/${a.outletId}/${i}`;
    const id = (await store.articles.insertDiscovered({ outletId: a.outletId, country: a.country, url, urlKey: url }))!;
    await store.articles.saveExtracted(
      id,
      {
        title: a.title,
        blocks: a.blocks,
        published: a.published,
        language: a.language,
        ...(a.image ? { image: a.image } : {}),
      },
      { contentHash: `hash-${i}` },
    );
    if (a.english) {
      await store.translations.save({
        articleId: id,
        target: 'en',
        source: a.language,
        title: a.english.title,
        blocks: a.blocks.map((b, j) => ({ kind: b.kind, text: a.english?.blocks[j] ?? b.text })),
        ...(a.english.caption ? { imageCaption: a.english.caption } : {}),
        provider: 'deepl',
        model: 'default',
        characters: 100,
        ms: 10,
        createdAt: new Date().toISOString(),
      });
    }
    await indexForSearch(store, id);
    ids.push(id);
  }
  return ids;
}
