/**
 * The story page's small map: the countries covering a story, with arcs from the country that
 * reported it first to every other one. Data comes from the canvas's data attributes (no inline
 * script, per the CSP).
 */
import { geoCentroid, geoInterpolate, geoOrthographic, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

interface CountryInfo {
  code: string;
  numeric?: string;
}

async function draw(canvas: HTMLCanvasElement): Promise<void> {
  const covered = new Set((canvas.dataset.countries ?? '').split(',').filter(Boolean));
  const origin = canvas.dataset.origin ?? '';
  const [topology, api] = await Promise.all([
    fetch('/geo/countries-110m.json').then((r) => r.json() as Promise<Topology>),
    fetch('/api/countries').then((r) => r.json() as Promise<{ countries: CountryInfo[] }>),
  ]);
  const numericToCode = new Map(api.countries.filter((c) => c.numeric).map((c) => [String(Number(c.numeric)), c.code]));
  const land = (
    feature(topology, topology.objects.countries as GeometryCollection) as unknown as FeatureCollection<Geometry>
  ).features as Array<Feature<Geometry> & { id?: string | number }>;
  const codeOf = (f: { id?: string | number }) => numericToCode.get(String(Number(f.id)));
  const centroids = new Map<string, [number, number]>();
  for (const f of land) {
    const code = codeOf(f);
    if (code && covered.has(code)) centroids.set(code, geoCentroid(f) as [number, number]);
  }
  const from = centroids.get(origin) ?? centroids.values().next().value;
  const ctx = canvas.getContext('2d');
  if (!ctx || !from) return;
  const dpr = Math.min(2, window.devicePixelRatio || 1);
  const size = canvas.clientWidth || 320;
  canvas.width = size * dpr;
  canvas.height = size * dpr;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const projection = geoOrthographic()
    .translate([size / 2, size / 2])
    .scale(size / 2 - 2)
    .rotate([-from[0], -from[1] * 0.6]);
  const path = geoPath(projection, ctx);
  ctx.beginPath();
  path({ type: 'Sphere' });
  ctx.fillStyle = '#0e2740';
  ctx.fill();
  for (const f of land) {
    ctx.beginPath();
    path(f);
    const code = codeOf(f);
    ctx.fillStyle = code === origin ? '#f2c14e' : code && covered.has(code) ? '#3fa7a7' : '#3b4a5c';
    ctx.fill();
  }
  ctx.strokeStyle = 'rgba(242, 193, 78, 0.9)';
  ctx.lineWidth = 1.5;
  for (const [code, to] of centroids) {
    if (code === origin) continue;
    const between = geoInterpolate(from, to);
    ctx.beginPath();
    path({ type: 'LineString', coordinates: Array.from({ length: 33 }, (_, i) => between(i / 32)) });
    ctx.stroke();
  }
  canvas.dataset.ready = 'true';
}

const canvas = document.getElementById('story-map') as HTMLCanvasElement | null;
if (canvas) draw(canvas).catch((err) => console.warn('story map unavailable', err));
