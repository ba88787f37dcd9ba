import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadCatalog, overlayPath } from '../catalog/catalog.ts';
import type { Config } from '../config/config.ts';
import { logger } from '../config/log.ts';
import type { Country, Outlet } from '../model/outlet.ts';
import { diskFullMessage, isDiskFull, StoreError } from '../store/errors.ts';
import { Store } from '../store/store.ts';

const log = logger('runtime');

export interface Runtime {
  config: Config;
  store: Store;
  outlets: Outlet[];
  countries: Country[];
  /** The store's disk is full: it can be read, not written (only with `readOnlyWhenFull`). */
  diskFull: boolean;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  syncCatalog?: boolean;
  /**
   * On a full disk, open anyway for reading (the server shows what it has) instead of failing
   * with a StoreError saying the disk is full.
   */
  readOnlyWhenFull?: boolean;
}

/**
 * Opens what most commands need: the store (migrated) and the effective catalog, with the
 * catalog's outlets and feeds written to the store so the pipeline and pages see them.
 */
export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const catalog = loadCatalog({ overlayFile: overlayPath(config) });
  const store = await Store.fromConfig(config);
  let diskFull = false;
  if (options.syncCatalog !== false) {
    try {
      await store.outlets.syncCatalog(catalog.outlets);
      await store.feeds.syncCatalog(catalog.outlets.filter((o) => o.enabled !== false));
    } catch (err) {
      if (!isDiskFull(err)) {
        await store.close();
        throw err;
      }
      if (!options.readOnlyWhenFull) {
        await store.close();
        throw new StoreError(diskFullMessage(store.location), { cause: err });
      }
      // The catalog stored last time stands; pages are served from what is stored.
      diskFull = true;
      log.warn(
        `disk full: serving what is stored, read-only, without the pipeline (${diskFullMessage(store.location)})`,
      );
    }
  }
  return {
    config,
    store,
    outlets: catalog.outlets,
    countries: catalog.countries,
    diskFull,
    close: () => store.close(),
  };
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
  const saved = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (saved) return saved;
  const key = randomBytes(32).toString('base64url');
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, key, { mode: 0o600 });
  } catch (err) {
    // A full disk must not keep the server from starting: image URLs signed with this key last
    // until the next start.
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
    rmSync(file, { force: true });
    log.warn('the image-proxy key could not be saved (disk full): image URLs change at the next start');
  }
  return key;
}
