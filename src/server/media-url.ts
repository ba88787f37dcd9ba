import type { ArticleImageVariant } from '../store/repositories/images.ts';

/**
 * Addresses of Meridian's stored image copies. The version (a hash of the copy) is in the name,
 * so a copy is cached for good and a new copy gets a new address.
 */
export function articleImageUrl(articleId: number, variant: ArticleImageVariant, version: string): string {
  return `/media/a${articleId}-${variant}.${version}.webp`;
}

export function outletLogoUrl(outletId: string, version: string): string {
  return `/media/o-${encodeURIComponent(outletId)}.${version}.webp`;
}

export type MediaName =
  | { kind: 'article'; articleId: number; variant: ArticleImageVariant; version: string }
  | { kind: 'outlet'; outletId: string; version: string };

/** The copy a `/media/` file name asks for, or undefined for a name Meridian never made. */
export function parseMediaName(name: string): MediaName | undefined {
  const article = /^a(\d{1,12})-(lead|thumb)\.([0-9a-f]{12})\.webp$/.exec(name);
  if (article) {
    const [, id, variant, version] = article as unknown as [string, string, ArticleImageVariant, string];
    return { kind: 'article', articleId: Number(id), variant, version };
  }
  const outlet = /^o-([^/.]{1,100})\.([0-9a-f]{12})\.webp$/.exec(name);
  if (outlet) {
    const [, id, version] = outlet as unknown as [string, string, string];
    return { kind: 'outlet', outletId: decodeURIComponent(id), version };
  }
  return undefined;
}
