/**
 * Why a body could not be read as a feed. `kind` is for code (the poller parks an `html` feed
 * differently from a `malformed` one); the message is for the operator.
 */
export type FeedParseErrorKind = 'empty' | 'html' | 'not-feed' | 'malformed';

export class FeedParseError extends Error {
  readonly kind: FeedParseErrorKind;
  /**
   * For `html`: the feeds the page advertises with `<link rel="alternate" type="application/rss+xml">`
   * (absolute URLs), so the operator or a discovery job can point the outlet at the real feed.
   */
  readonly feedLinks: string[];

  constructor(kind: FeedParseErrorKind, message: string = kind, options?: { cause?: unknown; feedLinks?: string[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FeedParseError';
    this.kind = kind;
    this.feedLinks = options?.feedLinks ?? [];
  }
}
