import type { Hono } from 'hono';
import { Config } from '../../src/config/config.ts';
import type { TranslatorSupport } from '../../src/language/support.ts';
import { createApp } from '../../src/server/app.tsx';
import { buildAssets } from '../../src/server/assets.ts';
import { type FetchedImage, readSide, type ServerContext } from '../../src/server/context.ts';
import { ImageSigner } from '../../src/server/image-url.ts';
import { trustedOrigin } from '../../src/server/origin.ts';
import type { Store } from '../../src/store/store.ts';
import { COUNTRIES, OUTLETS } from './seed.ts';

let assets: ReturnType<typeof buildAssets> | undefined;

/** An app over a store, as `meridian serve` builds it, for in-process requests with app.request. */
export async function testApp(
  store: Store,
  options: {
    env?: Record<string, string>;
    fetchImage?: (url: string, signal: AbortSignal) => Promise<FetchedImage>;
    translator?: string;
    translatorSupport?: TranslatorSupport;
  } = {},
): Promise<{ app: Hono; ctx: ServerContext }> {
  assets ??= buildAssets();
  // Tests change the store between requests: no page cache unless a test asks for one.
  const config = Config.fromEnv({ MERIDIAN_PAGE_CACHE_MS: '0', ...options.env });
  const ctx: ServerContext = {
    store,
    config,
    countries: COUNTRIES,
    ...readSide({ store, config, countries: COUNTRIES }),
    outlets: OUTLETS,
    startedAt: new Date(),
    // app.request() asks for http://localhost/…; a test that listens sets the address it got.
    origin: trustedOrigin(config, 'http://localhost'),
    assets: await assets,
    images: new ImageSigner('test-secret'),
    translator: options.translator ?? 'deepl',
    ...(options.translatorSupport ? { translatorSupport: options.translatorSupport } : {}),
    fetchImage:
      options.fetchImage ?? (async () => ({ status: 404, contentType: 'text/plain', body: new Uint8Array() })),
  };
  return { app: createApp(ctx), ctx };
}
