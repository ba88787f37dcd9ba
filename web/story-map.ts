/**
 * The story page's small map: the countries covering a story, with arcs from the country that
 * reported it first to every other one. Data comes from the canvas's data attributes (no inline
 * script, per the CSP).
 */
import { geoOrthographic, geoPath } from 'd3-geo';
import { centroids, drawArcs, loadWorld } from './world.ts';

async function draw(canvas: HTMLCanvasElement): Promise<void> {
  const covered = new Set((canvas.dataset.countries ?? '').split(',').filter(Boolean));
  const world = await loadWorld<{ code: string; numeric?: string }>();
  const points = centroids(world, covered);
  const origin = canvas.dataset.origin ?? '';
  // Arcs start at the first reporting country, or at any covering one when it is not on the map.
  const start = points.has(origin) ? origin : points.keys().next().value;
  const from = start === undefined ? undefined : points.get(start);
  const ctx = canvas.getContext('2d');
  if (!ctx || start === undefined || !from) return;
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
  for (const f of world.land) {
    ctx.beginPath();
    path(f);
    const code = world.countryOf(f)?.code;
    ctx.fillStyle = code === origin ? '#f2c14e' : code && covered.has(code) ? '#3fa7a7' : '#3b4a5c';
    ctx.fill();
  }
  drawArcs(ctx, path, points, start, { color: 'rgba(242, 193, 78, 0.9)', width: 1.5, segments: 32 });
  canvas.dataset.ready = 'true';
}

const canvas = document.getElementById('story-map') as HTMLCanvasElement | null;
if (canvas) draw(canvas).catch((err) => console.warn('story map unavailable', err));
