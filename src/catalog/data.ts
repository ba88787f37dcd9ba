import { readdirSync, readFileSync } from 'node:fs';
import type { Country } from '../model/outlet.ts';
import { CatalogError } from './errors.ts';

/**
 * The built-in catalog as shipped in `data/`: countries.json (made by scripts/make-countries.ts)
 * and one outlets file per region. Read with fs rather than JSON imports so the files stay plain
 * data that tools and operators can read, and so a broken file is reported by name.
 */
const DATA_DIR = new URL('./data/', import.meta.url);
const OUTLETS_DIR = new URL('./outlets/', DATA_DIR);

function readJsonFile(url: URL): unknown {
  try {
    return JSON.parse(readFileSync(url, 'utf8'));
  } catch (err) {
    throw new CatalogError(`Cannot read built-in catalog file ${url.pathname}: ${(err as Error).message}`);
  }
}

export function loadCountries(): Country[] {
  const data = readJsonFile(new URL('countries.json', DATA_DIR));
  if (!Array.isArray(data)) throw new CatalogError('Built-in countries.json is not a JSON array');
  return data as Country[];
}

/**
 * Every outlet of `data/outlets/*.json`, in file-name order. The entries are not checked here:
 * `validateCatalog` checks the merged catalog, so built-in and operator outlets meet one standard.
 */
export function loadBuiltinOutlets(): unknown[] {
  const files = readdirSync(OUTLETS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const outlets: unknown[] = [];
  for (const name of files) {
    const data = readJsonFile(new URL(name, OUTLETS_DIR));
    if (!Array.isArray(data)) throw new CatalogError(`Built-in outlets file ${name} is not a JSON array`);
    outlets.push(...data);
  }
  return outlets;
}
