import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import { logger } from '../config/log.ts';
import type { Country, Outlet } from '../model/outlet.ts';
import { loadBuiltinOutlets, loadCountries } from './data.ts';
import { CatalogError, describeProblems } from './errors.ts';
import { applyOverlay, type Overlay, readOverlay } from './overlay.ts';
import { validateCatalog } from './validate.ts';

export { CatalogError } from './errors.ts';
export { validateCatalog } from './validate.ts';

/** The effective catalog: the built-in outlets merged with the operator's file, validated. */
export interface Catalog {
  /** Every outlet, disabled ones included (with `enabled: false`) so the store can disable them. */
  outlets: Outlet[];
  countries: Country[];
  country(code: string): Country | undefined;
  outlet(id: string): Outlet | undefined;
}

export interface LoadCatalogOptions {
  /** The operator's overlay file; empty or absent for the built-in catalog alone. */
  overlayFile?: string;
}

const log = logger('catalog');

/**
 * Loads the built-in catalog, merges the overlay file over it and validates the result.
 * Throws CatalogError, naming the file, when the overlay is unreadable or the result invalid.
 */
export function loadCatalog(options: LoadCatalogOptions = {}): Catalog {
  const file = options.overlayFile;
  return file ? buildCatalog(readOverlay(file), file) : buildCatalog();
}

/**
 * The built-in catalog merged with an overlay already in memory; `file` names it in errors.
 * Lets a command check an overlay it is about to write before writing it.
 */
export function buildCatalog(overlay?: Overlay, file = 'the catalog overlay'): Catalog {
  const countries = loadCountries();
  let outlets: unknown[] = loadBuiltinOutlets();
  if (overlay) {
    const merged = applyOverlay(outlets, overlay);
    for (const warning of merged.warnings) log.warn(warning, { file });
    if (merged.problems.length > 0) {
      throw new CatalogError(
        describeProblems(`Catalog file ${file} cannot be applied:`, merged.problems),
        merged.problems,
      );
    }
    outlets = merged.outlets;
  }
  const problems = validateCatalog(outlets, countries);
  if (problems.length > 0) {
    const heading = overlay
      ? `The catalog merged with ${file} is invalid:`
      : 'The built-in catalog is invalid (a bug in src/catalog/data):';
    throw new CatalogError(describeProblems(heading, problems), problems);
  }
  return makeCatalog(outlets as Outlet[], countries);
}

/** Wraps validated outlets and countries with lookups by id and by code. */
export function makeCatalog(outlets: Outlet[], countries: Country[]): Catalog {
  const byId = new Map(outlets.map((o) => [o.id, o]));
  const byCode = new Map(countries.map((c) => [c.code, c]));
  return {
    outlets,
    countries,
    country: (code) => byCode.get(code.toUpperCase()),
    outlet: (id) => byId.get(id),
  };
}

/**
 * The overlay file to load: MERIDIAN_CATALOG_FILE when set (it must then exist), otherwise
 * `<MERIDIAN_DATA_DIR>/catalog.json` when that file exists, otherwise '' (no overlay).
 */
export function overlayPath(config: Config): string {
  const configured = config.string('MERIDIAN_CATALOG_FILE');
  if (configured) return configured;
  const fallback = defaultOverlayPath(config);
  return existsSync(fallback) ? fallback : '';
}

/** Where commands that change the overlay write it: the configured file or the default path. */
export function overlayTarget(config: Config): string {
  return config.string('MERIDIAN_CATALOG_FILE') || defaultOverlayPath(config);
}

function defaultOverlayPath(config: Config): string {
  return join(config.string('MERIDIAN_DATA_DIR'), 'catalog.json');
}
