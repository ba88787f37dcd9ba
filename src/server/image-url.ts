import { createHmac, timingSafeEqual } from 'node:crypto';
import { webUrl } from '../net/web-url.ts';
import { BoundedMap } from '../util/bounded-map.ts';
import { RecentKeys } from '../util/recent-keys.ts';

/**
 * Image proxy URLs are signed, so /img fetches only the images Meridian itself put on a page and
 * cannot be used as an open proxy.
 */
export class ImageSigner {
  /**
   * Outlet logos and the images of read articles repeat on many pages: their signatures are
   * remembered once signed twice. An image signed once (an article read once) is not kept, so the
   * long tail of articles does not churn the cache's memory (see RecentKeys).
   */
  private readonly signed = new BoundedMap<string, string>(20_000);
  private readonly seen = new RecentKeys(65_536, Number.POSITIVE_INFINITY);

  constructor(private readonly secret: string) {}

  private sign(url: string): string {
    let signature = this.signed.get(url);
    if (signature === undefined) {
      signature = createHmac('sha256', this.secret).update(url).digest('base64url').slice(0, 22);
      if (this.seen.see(url, 0) >= 2) this.signed.set(url, signature);
    }
    return signature;
  }

  /** `/img?u=…&s=…` for a foreign image URL, or '' when there is none. */
  url(foreign: string | null | undefined): string {
    if (!foreign || !webUrl(foreign)) return '';
    return `/img?u=${encodeURIComponent(foreign)}&s=${this.sign(foreign)}`;
  }

  verify(url: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(url));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
