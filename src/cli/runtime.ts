import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCatalog, overlayPath } from '../catalog/catalog.ts';
import type { Config } from '../config/config.ts';
import type { Country, Outlet } from '../model/outlet.ts';
import { Store } from '../store/store.ts';

export interface Runtime {
  config: Config;
  store: Store;
  outlets: Outlet[];
  countries: Country[];
  close(): Promise<void>;
}

/**
 * Opens what most commands need: the store (migrated) and the effective catalog, with the
 * catalog's outlets and feeds written to the store so the pipeline and pages see them.
 */
export async function openRuntime(config: Config, options: { syncCatalog?: boolean } = {}): Promise<Runtime> {
  const catalog = loadCatalog({ overlayFile: overlayPath(config) });
  const store = await Store.fromConfig(config);
  if (options.syncCatalog !== false) {
    await store.outlets.syncCatalog(catalog.outlets);
    await store.feeds.syncCatalog(catalog.outlets.filter((o) => o.enabled !== false));
  }
  return { config, store, outlets: catalog.outlets, countries: catalog.countries, close: () => store.close() };
}

/**
 * The key that signs image-proxy URLs: MERIDIAN_SECRET, or a random key created once and kept in
 * the data folder so URLs stay valid across restarts.
 */
export function serverSecret(config: Config): string {
  const configured = config.string('MERIDIAN_SECRET');
  if (configured) return configured;
  const dir = resolve(config.string('MERIDIAN_DATA_DIR'));
  const file = join(dir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}
