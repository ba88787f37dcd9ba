/**
 * What the home globe and the story map share: the world's countries as map features joined to
 * Meridian's country list, their centroids, and the arcs drawn from a story's first country.
 */
import { type GeoPath, geoCentroid, geoInterpolate } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export type CountryFeature = Feature<Geometry, { name: string }> & { id?: string | number };

export interface World<C> {
  land: CountryFeature[];
  countries: C[];
  /** The country a map feature stands for (features are named by ISO 3166-1 numeric codes). */
  countryOf: (f: CountryFeature) => C | undefined;
}

/** Fetches the map and the country list and joins them. */
export async function loadWorld<C extends { code: string; numeric?: string }>(): Promise<World<C>> {
  const [topology, api] = await Promise.all([
    fetch('/geo/countries-110m.json').then((r) => r.json() as Promise<Topology>),
    fetch('/api/countries').then((r) => r.json() as Promise<{ countries: C[] }>),
  ]);
  const objects = topology.objects.countries as GeometryCollection<{ name: string }>;
  const land = (feature(topology, objects) as unknown as FeatureCollection<Geometry, { name: string }>)
    .features as CountryFeature[];
  const byNumeric = new Map(api.countries.filter((c) => c.numeric).map((c) => [String(Number(c.numeric)), c]));
  return { land, countries: api.countries, countryOf: (f) => byNumeric.get(String(Number(f.id))) };
}

/** The centroid of each of `codes` that is on the map, by country code. */
export function centroids<C extends { code: string }>(
  world: World<C>,
  codes: Set<string>,
): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const f of world.land) {
    const code = world.countryOf(f)?.code;
    if (code && codes.has(code)) out.set(code, geoCentroid(f) as [number, number]);
  }
  return out;
}

/** Great-circle arcs from `origin`'s centroid to every other one, drawn with `path` on `ctx`. */
export function drawArcs(
  ctx: CanvasRenderingContext2D,
  path: GeoPath,
  points: Map<string, [number, number]>,
  origin: string,
  style: { color: string; width: number; segments: number },
): void {
  const from = points.get(origin);
  if (!from) return;
  ctx.strokeStyle = style.color;
  ctx.lineWidth = style.width;
  for (const [code, to] of points) {
    if (code === origin) continue;
    const between = geoInterpolate(from, to);
    ctx.beginPath();
    path({
      type: 'LineString',
      coordinates: Array.from({ length: style.segments + 1 }, (_, i) => between(i / style.segments)),
    });
    ctx.stroke();
  }
}
