/**
 * Writes src/catalog/data/countries.json from the `world-countries` package (ODbL-1.0, by Mohammed
 * Le Doze; attribution in src/catalog/data/README.md). Run after upgrading that package:
 *
 *   npx tsx scripts/make-countries.ts
 *
 * Only the fields Meridian uses are kept, one country per line so a diff shows what changed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Country, Region } from '../src/model/outlet.ts';

interface SourceCountry {
  cca2: string;
  cca3: string;
  ccn3: string;
  name: { common: string };
  region: string;
  subregion: string;
  latlng: [number, number];
}

const REGIONS: readonly Region[] = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania', 'Antarctic'];

function toCountry(source: SourceCountry): Country {
  const region = source.region as Region;
  if (!REGIONS.includes(region)) throw new Error(`${source.cca2}: unexpected region "${source.region}"`);
  const [lat, lon] = source.latlng;
  return {
    code: source.cca2.toUpperCase(),
    code3: source.cca3.toUpperCase(),
    // ISO 3166-1 numeric: how the globe's map data (Natural Earth) names countries.
    ...(source.ccn3 ? { numeric: source.ccn3 } : {}),
    name: source.name.common,
    region,
    // The package leaves the subregion empty for a few Antarctic territories; the region stands in.
    subregion: source.subregion || region,
    lat: round(lat),
    lon: round(lon),
  };
}

/** Four decimals (about 10 m) is far finer than a centroid needs and keeps the file small. */
function round(n: number): number {
  return Math.round(n * 1e4) / 1e4;
}

const require = createRequire(import.meta.url);
const sourcePath = require.resolve('world-countries/countries.json');
const source = JSON.parse(readFileSync(sourcePath, 'utf8')) as SourceCountry[];
const countries = source.map(toCountry).sort((a, b) => a.code.localeCompare(b.code));
const target = new URL('../src/catalog/data/countries.json', import.meta.url);
writeFileSync(target, `[\n${countries.map((c) => `  ${JSON.stringify(c)}`).join(',\n')}\n]\n`);
console.log(`wrote ${countries.length} countries to ${target.pathname}`);
