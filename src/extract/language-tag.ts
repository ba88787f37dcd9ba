/**
 * Normalises a declared language (`zh_TW`, `EN-us`, `zh-hant`, `de-DE,en`) to a BCP 47 tag
 * (`zh-TW`, `en-US`, `zh-Hant`, `de-DE`). Returns undefined for values that are not a language.
 */
export function normalizeLanguageTag(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  // Content-Language may list several languages; the first is the page's own.
  const first = value
    .split(/[,;\s]/)[0]
    ?.trim()
    .replace(/_/g, '-');
  if (!first || !/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(first)) return undefined;
  try {
    return Intl.getCanonicalLocales(first)[0];
  } catch {
    return undefined;
  }
}
