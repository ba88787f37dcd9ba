/**
 * `parseFeed`: feed text in, ParsedFeed out. No network, no store.
 *
 * The cascade, in one place:
 * 1. sniff: strip BOM, control characters and garbage before `<?xml`; refuse empty bodies, HTML
 *    pages and non-feed documents with a FeedParseError saying which.
 * 2. a document that never closes its root (cut off by the network or the size cap) is cut after
 *    its last complete item and closed, so only whole items are read.
 * 3. feedsmith parses the (possibly cut) text: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom 0.3/1.0, JSON Feed.
 * 4. if feedsmith rejects it, the same after repairs (stray `<` escaped, cut to the last complete item).
 * 5. if that fails too, a regex scanner reads `<item>`/`<entry>` blocks out of the tag soup.
 * Then one finishing step (finish.ts) resolves URLs, cleans text, parses dates, dedups and caps.
 */
import { parseFeed as feedsmithParse, parseJsonFeed } from 'feedsmith';
import type { ParsedFeed } from '../model/article.ts';
import { adaptFeed } from './adapt.ts';
import { FeedParseError } from './errors.ts';
import { type FinishStats, finishFeed } from './finish.ts';
import type { RawFeed } from './raw.ts';
import { cutToLastCompleteItem, escapeStrayLessThan, isTruncated } from './repair.ts';
import { scanFeed } from './scan.ts';
import { sniff } from './sniff.ts';

export interface ParseFeedOptions {
  /**
   * Items kept after dedup; the rest are counted in `overCap`. Default 500. The parser itself
   * reads at most 2 × maxItems + 50 items, so `overCap` stops counting there.
   */
  maxItems?: number;
  /** Longest input read, in characters; a longer body is cut and read like a truncated feed. Default 10,000,000. */
  maxInputChars?: number;
  /** "Now" for the future-date rule (dates more than a day ahead are dropped). Default: the clock. */
  now?: Date;
}

/** How the items were obtained: straight from the parser, after repairs, or by the fallback scanner. */
export type FeedRecovery = 'none' | 'truncated' | 'repaired' | 'scanned';

export interface FeedParseResult extends ParsedFeed, FinishStats {
  recovery: FeedRecovery;
}

export const DEFAULT_MAX_ITEMS = 500;
export const DEFAULT_MAX_INPUT_CHARS = 10_000_000;

export function parseFeed(input: string, baseUrl: string, options: ParseFeedOptions = {}): FeedParseResult {
  const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
  const maxInput = options.maxInputChars ?? DEFAULT_MAX_INPUT_CHARS;
  const bounded = input.length > maxInput ? input.slice(0, maxInput) : input;
  const finish = { maxItems, now: options.now ?? new Date() };
  // feedsmith reads a few more than we keep: dedup and link-less items shrink the list.
  const parserOptions = { maxItems: maxItems * 2 + 50 };

  const doc = sniff(bounded, baseUrl);
  if (doc.kind === 'json') {
    const raw = readJson(doc.text, parserOptions);
    return { ...finishFeed(raw, baseUrl, finish), recovery: 'none' };
  }
  const { raw, recovery } = readXml(doc.text, doc.root, parserOptions);
  const feed = { ...finishFeed(raw, baseUrl, finish), recovery };
  if (feed.skipped === 0 || recovery === 'scanned') return feed;
  // Items without a link after a clean parse: often links written where the parser does not
  // look (`<link>` text in Atom). The scanner reads those; keep whichever found more.
  const scanned = finishFeed(scanFeed(doc.text, doc.root, parserOptions.maxItems), baseUrl, finish);
  return scanned.items.length > feed.items.length ? { ...scanned, recovery: 'scanned' } : feed;
}

function readJson(text: string, parserOptions: { maxItems: number }): RawFeed {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new FeedParseError('malformed', `malformed JSON feed: ${(err as Error).message}`, { cause: err });
  }
  try {
    return adaptFeed({ format: 'json', feed: parseJsonFeed(json, parserOptions) });
  } catch (err) {
    throw new FeedParseError('not-feed', 'not a feed: JSON without a JSON Feed "version" and "items"', {
      cause: err,
    });
  }
}

function readXml(
  text: string,
  root: string,
  parserOptions: { maxItems: number },
): { raw: RawFeed; recovery: FeedRecovery } {
  let source = text;
  let recovery: FeedRecovery = 'none';
  if (isTruncated(text, root)) {
    const cut = cutToLastCompleteItem(text, root);
    if (cut) {
      source = cut;
      recovery = 'truncated';
    }
  }
  const first = tryFeedsmith(source, parserOptions);
  if (first.raw && first.raw.items.length > 0) return { raw: first.raw, recovery };
  if (first.raw) {
    // Parsed but empty: either truly empty, or items feedsmith could not place (odd prefixes).
    const scanned = scanFeed(source, root, parserOptions.maxItems);
    return scanned.items.length > 0 ? { raw: scanned, recovery: 'scanned' } : { raw: first.raw, recovery };
  }

  const repaired = cutToLastCompleteItem(escapeStrayLessThan(source), root) ?? escapeStrayLessThan(source);
  const second = tryFeedsmith(repaired, parserOptions);
  if (second.raw) return { raw: second.raw, recovery: 'repaired' };

  const scanned = scanFeed(source, root, parserOptions.maxItems);
  if (scanned.items.length > 0) return { raw: scanned, recovery: 'scanned' };
  throw new FeedParseError('malformed', `malformed feed: ${first.error}`, { cause: first.cause });
}

function tryFeedsmith(
  text: string,
  parserOptions: { maxItems: number },
): { raw?: RawFeed; error?: string; cause?: unknown } {
  try {
    return { raw: adaptFeed(feedsmithParse(text, parserOptions)) };
  } catch (err) {
    const cause = (err as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `${(err as Error).message} (${cause.message})` : (err as Error).message;
    return { error: detail, cause: err };
  }
}
