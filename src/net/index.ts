/** The network layer's public face: the fetcher, its errors, charset decoding and retry timing. */
export { type BackoffOptions, backoffMs } from './backoff.ts';
export {
  charsetFromContentType,
  charsetFromMarkup,
  type DecodedBody,
  type DecodeOptions,
  decodeBody,
  normaliseCharset,
} from './charset.ts';
export * from './errors.ts';
export {
  createFetcher,
  type FetchClient,
  Fetcher,
  type FetcherOptions,
  type FetchOptions,
  type FetchPurpose,
  type FetchResult,
} from './fetcher.ts';
export {
  parseRetryAfter,
  type RetryPolicy,
  type RetryVerdict,
  retryAfterWait,
  transientStatus,
  withRetry,
} from './retry.ts';
export { userAgent } from './user-agent.ts';
export { isWebUrl, linkableUrl, MAX_URL_LENGTH, webUrl } from './web-url.ts';
