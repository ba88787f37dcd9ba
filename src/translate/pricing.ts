/**
 * List prices per million characters (USD) of the paid machine-translation APIs, to estimate what
 * translation has cost so far. Self-hosted engines (Apertium, LibreTranslate, local models) cost
 * nothing per character; LLM endpoints bill tokens at prices Meridian cannot know, so they show
 * as unknown. Prices as published by the vendors in 2025: DeepL API Pro $25, Google Cloud
 * Translation (NMT) $20.
 */
const PER_MILLION_CHARS: Record<string, number | null> = {
  deepl: 25,
  google: 20,
  apertium: 0,
  libretranslate: 0,
  local: 0,
  none: 0,
  openai: null,
};

/** Estimated cost in USD, or null when the provider's price is unknown. */
export function estimatedCost(provider: string, characters: number): number | null {
  const price = PER_MILLION_CHARS[provider];
  if (price === undefined || price === null) return null;
  return (characters / 1_000_000) * price;
}
