import type { Article, Block, ReadableArticle, StoredImage } from '../model/article.ts';
import type { Outlet } from '../model/outlet.ts';
import type { ArticleTranslation } from '../model/translation.ts';
import type { Store } from '../store/store.ts';

/** What the pages and the JSON API show of an article: English first, the original beside it. */
export interface ArticleSummaryView {
  id: number;
  /** English headline when translated, else the original. */
  title: string;
  originalTitle: string;
  /** Language of the original (BCP 47). */
  language: string;
  translated: boolean;
  url: string;
  published: string | null;
  country: string;
  outlet: OutletSummaryView;
  /** `stored`: Meridian's own copies, the only ones pages show. */
  image: { url: string; caption?: string; credit?: string; stored?: StoredImage } | null;
}

export interface ArticleView extends ArticleSummaryView {
  author: string | null;
  standfirst: string | null;
  originalStandfirst: string | null;
  blocks: Block[];
  originalBlocks: Block[];
  imageCaptionEnglish: string | null;
  paywalled: boolean;
  translation: { provider: string; model: string; createdAt: string } | null;
  /**
   * Why the article shows in its original language, when it does: `pending`, nothing translated
   * yet; `body-pending`, the headline is in English and the body is on its way.
   */
  translationStatus: 'translated' | 'body-pending' | 'pending' | 'not-needed' | 'off';
  duplicateOf: number | null;
}

export interface OutletSummaryView {
  id: string;
  name: string;
  /** The outlet's own favicon address. */
  logo: string;
  /** Version of Meridian's stored copy of the logo, when there is one. */
  logoStored?: string;
  kind: string;
}

const UNKNOWN_OUTLET = { name: 'Unknown outlet', logo: '', kind: 'private' };

export function isEnglish(lang: string | undefined): boolean {
  return !lang || /^en\b/i.test(lang);
}

export function outletView(outlets: Map<string, Outlet>, id: string): OutletSummaryView {
  const o = outlets.get(id);
  const view: OutletSummaryView = {
    id,
    name: o?.name ?? UNKNOWN_OUTLET.name,
    logo: o?.logo ?? '',
    kind: o?.kind ?? UNKNOWN_OUTLET.kind,
  };
  if (o?.logoStored) view.logoStored = o.logoStored;
  return view;
}

export function summaryView(
  a: ReadableArticle,
  outlets: Map<string, Outlet>,
  englishTitle?: string,
): ArticleSummaryView {
  return {
    id: a.id,
    title: englishTitle ?? a.title,
    originalTitle: a.title,
    language: a.language ?? 'und',
    translated: englishTitle !== undefined,
    url: a.url,
    published: a.published ?? null,
    country: a.country,
    outlet: outletView(outlets, a.outletId),
    image: a.image
      ? {
          url: a.image.url,
          ...(a.image.caption ? { caption: a.image.caption } : {}),
          ...(a.image.credit ? { credit: a.image.credit } : {}),
          ...(a.image.stored ? { stored: a.image.stored } : {}),
        }
      : null,
  };
}

export function articleView(
  a: ReadableArticle,
  outlets: Map<string, Outlet>,
  t: ArticleTranslation | undefined,
  translationOn: boolean,
): ArticleView {
  const bodyTranslated = t !== undefined && t.blocks.length === a.blocks.length;
  const translationStatus: ArticleView['translationStatus'] = t
    ? bodyTranslated
      ? 'translated'
      : 'body-pending'
    : isEnglish(a.language)
      ? 'not-needed'
      : translationOn
        ? 'pending'
        : 'off';
  // Object.assign onto the fresh summary, not a spread: V8 spent ~15 µs per spread copy here,
  // the largest single cost of an article page after rendering.
  return Object.assign(summaryView(a, outlets, t?.title), {
    author: a.author ?? null,
    standfirst: t?.standfirst ?? a.standfirst ?? null,
    originalStandfirst: a.standfirst ?? null,
    blocks: t && bodyTranslated ? t.blocks : a.blocks,
    originalBlocks: a.blocks,
    imageCaptionEnglish: t?.imageCaption ?? null,
    paywalled: a.paywalled ?? false,
    translation: t ? { provider: t.provider, model: t.model, createdAt: t.createdAt } : null,
    translationStatus,
    duplicateOf: a.duplicateOf ?? null,
  });
}

/** Summaries for a list of articles, with English headlines where translated. */
export async function summaries(
  store: Store,
  outlets: Map<string, Outlet>,
  articles: Article[],
): Promise<ArticleSummaryView[]> {
  const titles = await store.translations.titles(articles.map((a) => a.id));
  return articles.map((a) => summaryView(a, outlets, titles.get(a.id)));
}
