import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/**
 * The client-side islands (web/*.ts) and styles, bundled once at start-up with esbuild and held
 * in memory under content-hashed names, so they are cached forever by browsers and need no build
 * step before `npm start`.
 */
export interface Asset {
  name: string;
  hashedName: string;
  body: Buffer;
  gzipped: Buffer;
  type: string;
}

export interface Assets {
  url(name: string): string;
  byHashedName(hashed: string): Asset | undefined;
  all(): Asset[];
}

const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));
/** Island entry points: each becomes one self-contained ES module. */
const ENTRY = /^[a-z0-9-]+\.ts$/;

export async function buildAssets(): Promise<Assets> {
  const entries = readdirSync(WEB_DIR).filter((f) => ENTRY.test(f));
  const result = await build({
    entryPoints: entries.map((f) => `${WEB_DIR}${f}`),
    bundle: true,
    write: false,
    format: 'esm',
    minify: true,
    target: ['es2020'],
    outdir: 'out',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const assets = new Map<string, Asset>();
  const add = (name: string, body: Buffer, type: string) => {
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const dot = name.lastIndexOf('.');
    const hashedName = `${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
    assets.set(name, { name, hashedName, body, gzipped: gzipSync(body, { level: 9 }), type });
  };
  for (const file of result.outputFiles) {
    const name = file.path.split('/').pop() as string;
    add(name, Buffer.from(file.contents), 'text/javascript; charset=utf-8');
  }
  add('styles.css', readFileSync(`${WEB_DIR}styles.css`), 'text/css; charset=utf-8');
  const byHashed = new Map([...assets.values()].map((a) => [a.hashedName, a]));
  return {
    url: (name) => {
      const a = assets.get(name);
      if (!a) throw new Error(`unknown asset ${name}`);
      return `/assets/${a.hashedName}`;
    },
    byHashedName: (hashed) => byHashed.get(hashed),
    all: () => [...assets.values()],
  };
}
