/** feeds/: feed text in, FeedItems out (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1). */
export { parseFeedDate } from './dates.ts';
export { FeedParseError, type FeedParseErrorKind } from './errors.ts';
export {
  DEFAULT_MAX_INPUT_CHARS,
  DEFAULT_MAX_ITEMS,
  type FeedParseResult,
  type FeedRecovery,
  type ParseFeedOptions,
  parseFeed,
} from './parse.ts';
export { advertisedFeeds } from './sniff.ts';
