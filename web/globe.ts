/**
 * The home page's globe: an orthographic projection on a canvas, shaded by how much each country
 * published in the last 24 hours. Drag (or touch) to spin, wheel or pinch to zoom, hover or tap
 * for a country's name and count, click to open its page. The server-rendered list of countries
 * beside it is the keyboard and screen-reader path to the same pages.
 */
import { geoCentroid, geoContains, geoGraticule10, geoOrthographic, geoPath } from 'd3-geo';
import { type CountryFeature, centroids, drawArcs, loadWorld } from './world.ts';

interface CountryInfo {
  code: string;
  /** ISO 3166-1 numeric: the map's features are named by it. */
  numeric?: string;
  name: string;
  outlets: number;
  articlesLastDay: number;
  /** Stories only this country's press covers. */
  foundNowhereElse?: number;
}

const COLORS = { ocean: '#0e2740', noOutlet: '#3b4a5c', border: '#0b1b2d', graticule: 'rgba(255,255,255,0.07)' };
const RAMP = ['#2e5a7d', '#3fa7a7', '#f2c14e'];

function mix(a: string, b: string, t: number): string {
  const pa = [1, 3, 5].map((i) => Number.parseInt(a.slice(i, i + 2), 16));
  const pb = [1, 3, 5].map((i) => Number.parseInt(b.slice(i, i + 2), 16));
  return `rgb(${pa.map((v, i) => Math.round(v + ((pb[i] as number) - v) * t)).join(',')})`;
}

function shade(count: number, max: number): string {
  const t = max > 0 ? Math.log1p(count) / Math.log1p(max) : 0;
  return t < 0.5
    ? mix(RAMP[0] as string, RAMP[1] as string, t * 2)
    : mix(RAMP[1] as string, RAMP[2] as string, (t - 0.5) * 2);
}

async function start(canvas: HTMLCanvasElement, tip: HTMLElement): Promise<void> {
  const world = await loadWorld<CountryInfo>();
  const { land, countryOf: info } = world;
  const max = Math.max(1, ...world.countries.map((c) => c.articlesLastDay));

  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const dpr = Math.min(2, window.devicePixelRatio || 1);
  const projection = geoOrthographic().clipAngle(90).precision(0.5);
  const path = geoPath(projection, ctx);
  const graticule = geoGraticule10();
  let rotation: [number, number] = [-20, -25];
  let zoom = 1;
  let hovered: CountryFeature | undefined;

  const resize = () => {
    const width = canvas.clientWidth || 600;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(width * dpr);
    draw();
  };

  function draw() {
    if (!ctx) return;
    const size = canvas.width / dpr;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    projection
      .translate([size / 2, size / 2])
      .scale((size / 2 - 4) * zoom)
      .rotate(rotation);
    // The view state, readable by tests and tools (the canvas itself is opaque to them).
    canvas.dataset.rotation = `${rotation[0].toFixed(1)},${rotation[1].toFixed(1)}`;
    canvas.dataset.zoom = zoom.toFixed(2);
    ctx.clearRect(0, 0, size, size);
    ctx.beginPath();
    path({ type: 'Sphere' });
    ctx.fillStyle = COLORS.ocean;
    ctx.fill();
    ctx.beginPath();
    path(graticule);
    ctx.strokeStyle = COLORS.graticule;
    ctx.lineWidth = 0.6;
    ctx.stroke();
    for (const f of land) {
      const c = info(f);
      ctx.beginPath();
      path(f);
      ctx.fillStyle = !c || c.outlets === 0 ? COLORS.noOutlet : shade(c.articlesLastDay, max);
      ctx.fill();
      ctx.strokeStyle = f === hovered ? '#ffffff' : COLORS.border;
      ctx.lineWidth = f === hovered ? 1.6 : 0.5;
      ctx.stroke();
    }
    drawArcs(ctx, path, arcPoints, arcOrigin, { color: 'rgba(242, 193, 78, 0.95)', width: 2, segments: 40 });
  }

  // A selected story: arcs from the country that reported it first to every other one.
  const arcCountries = (canvas.dataset.arcs ?? '').split(',').filter(Boolean);
  const arcOrigin = canvas.dataset.arcsOrigin ?? arcCountries[0] ?? '';
  const arcPoints = centroids(world, new Set(arcCountries));

  const pick = (x: number, y: number): CountryFeature | undefined => {
    const p = projection.invert?.([x, y]);
    if (!p) return undefined;
    return land.find((f) => geoContains(f, p));
  };

  const showTip = (f: CountryFeature | undefined, x: number, y: number) => {
    if (!f) {
      tip.style.display = 'none';
      return;
    }
    const c = info(f);
    const alone = c?.foundNowhereElse ?? 0;
    tip.textContent = c
      ? `${c.name}: ${c.outlets > 0 ? `${c.articlesLastDay} articles in the last 24 h` : 'no outlets yet'}${alone > 0 ? `, ${alone} ${alone === 1 ? 'story' : 'stories'} found nowhere else` : ''}`
      : f.properties.name;
    tip.style.display = 'block';
    tip.style.left = `${x + 14}px`;
    tip.style.top = `${y + 14}px`;
  };

  // Pointer events cover mouse, pen and touch; two touch pointers pinch-zoom.
  const pointers = new Map<number, { x: number; y: number }>();
  let dragged = false;
  let pinchStart = 0;
  canvas.addEventListener('pointerdown', (e) => {
    canvas.setPointerCapture(e.pointerId);
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    dragged = false;
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()] as [{ x: number; y: number }, { x: number; y: number }];
      pinchStart = Math.hypot(a.x - b.x, a.y - b.y) / zoom;
    }
  });
  canvas.addEventListener('pointermove', (e) => {
    const rect = canvas.getBoundingClientRect();
    const prev = pointers.get(e.pointerId);
    if (!prev) {
      const f = pick(e.clientX - rect.left, e.clientY - rect.top);
      if (f !== hovered) {
        hovered = f;
        draw();
      }
      showTip(f, e.clientX - rect.left, e.clientY - rect.top);
      canvas.style.cursor = f && info(f)?.outlets ? 'pointer' : 'grab';
      return;
    }
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()] as [{ x: number; y: number }, { x: number; y: number }];
      zoom = Math.min(6, Math.max(0.8, Math.hypot(a.x - b.x, a.y - b.y) / pinchStart));
      draw();
      return;
    }
    const dx = e.clientX - prev.x;
    const dy = e.clientY - prev.y;
    if (Math.abs(dx) + Math.abs(dy) > 2) dragged = true;
    const k = 0.35 / zoom;
    rotation = [rotation[0] + dx * k, Math.max(-80, Math.min(80, rotation[1] - dy * k))];
    draw();
  });
  const release = (e: PointerEvent) => {
    pointers.delete(e.pointerId);
  };
  canvas.addEventListener('pointerup', (e) => {
    release(e);
    if (dragged) return;
    const rect = canvas.getBoundingClientRect();
    const f = pick(e.clientX - rect.left, e.clientY - rect.top);
    const c = f && info(f);
    if (c && c.outlets > 0) window.location.href = `/countries/${c.code.toLowerCase()}`;
    else showTip(f, e.clientX - rect.left, e.clientY - rect.top);
  });
  canvas.addEventListener('pointercancel', release);
  canvas.addEventListener('pointerleave', () => showTip(undefined, 0, 0));
  canvas.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      zoom = Math.min(6, Math.max(0.8, zoom * Math.exp(-e.deltaY * 0.0015)));
      draw();
    },
    { passive: false },
  );

  // Start facing the busiest country.
  const busiest = land.reduce<CountryFeature | undefined>((best, f) => {
    const n = info(f)?.articlesLastDay ?? -1;
    return n > (best ? (info(best)?.articlesLastDay ?? -1) : -1) ? f : best;
  }, undefined);
  const origin = arcPoints.get(arcOrigin);
  if (origin) rotation = [-origin[0], -origin[1]];
  else if (busiest && (info(busiest)?.articlesLastDay ?? 0) > 0) {
    const [lon, lat] = geoCentroid(busiest);
    rotation = [-lon, -lat];
  }
  canvas.dataset.ready = 'true';
  new ResizeObserver(resize).observe(canvas);
  resize();
}

function filterList(input: HTMLInputElement, list: HTMLElement): void {
  input.addEventListener('input', () => {
    const q = input.value.trim().toLowerCase();
    for (const li of Array.from(list.querySelectorAll<HTMLElement>('li'))) {
      li.hidden = q !== '' && !(li.dataset.name ?? '').includes(q);
    }
  });
}

const canvas = document.getElementById('globe') as HTMLCanvasElement | null;
const tip = document.getElementById('globe-tip');
if (canvas && tip) start(canvas, tip).catch((err) => console.warn('globe unavailable', err));
const input = document.getElementById('country-filter') as HTMLInputElement | null;
const list = document.getElementById('country-list');
if (input && list) filterList(input, list);
