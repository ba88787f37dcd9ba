import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Country flags as SVG files from the flag-icons package (MIT, 4:3 set), served by Meridian under
 * content-hashed names so browsers cache them for a year. Emoji flags needed a colour-emoji font
 * that most Linux desktops lack (two empty boxes) and Windows draws as two letters.
 */
export interface FlagFile {
  code: string;
  hashedName: string;
  body: Buffer;
  /** Compressed on first request: a few flags with coats of arms are 80-180 KB of SVG. */
  gzipped(): Buffer;
}

let byCode: Map<string, FlagFile> | undefined;
let byHashedName: Map<string, FlagFile> | undefined;

function flagDir(): string {
  const require = createRequire(import.meta.url);
  return `${dirname(require.resolve('flag-icons/package.json'))}/flags/4x3/`;
}

/** Reads and hashes every flag once (270 small files, a few milliseconds). */
function load(): Map<string, FlagFile> {
  if (byCode) return byCode;
  const dir = flagDir();
  const files = new Map<string, FlagFile>();
  for (const file of readdirSync(dir)) {
    const m = /^([a-z]{2})\.svg$/.exec(file);
    if (!m) continue;
    const code = m[1] as string;
    const body = readFileSync(dir + file);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    let gz: Buffer | undefined;
    files.set(code, {
      code,
      hashedName: `${code}.${hash}.svg`,
      body,
      gzipped: () => {
        gz ??= gzipSync(body, { level: 9 });
        return gz;
      },
    });
  }
  byCode = files;
  byHashedName = new Map([...files.values()].map((f) => [f.hashedName, f]));
  return files;
}

/** `/flags/gb.<hash>.svg` for an ISO 3166 alpha-2 code, or '' when the set has no such flag. */
export function flagUrl(code: string): string {
  const file = /^[A-Z]{2}$/.test(code) ? load().get(code.toLowerCase()) : undefined;
  return file ? `/flags/${file.hashedName}` : '';
}

export function flagByHashedName(name: string): FlagFile | undefined {
  load();
  return byHashedName?.get(name);
}
