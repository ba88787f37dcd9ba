import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CatalogError, describeProblems } from './errors.ts';
import { isRecord } from './validate.ts';

/**
 * The operator's catalog file, merged over the built-in catalog:
 *
 *   { "outlets": [
 *       { ...a complete outlet },                  adds an outlet
 *       { "id": "nos", "feeds": [{ "url": … }] },  overrides fields of a built-in outlet
 *       { "id": "vg", "enabled": false }           disables one
 *   ] }
 *
 * Entries are applied in order; a field given replaces the built-in value whole (a `feeds`
 * array replaces the outlet's feeds, it does not extend them).
 */
export interface Overlay {
  outlets: OverlayEntry[];
}

export interface OverlayEntry {
  id: string;
  [field: string]: unknown;
}

/** The fields an entry must have when it adds an outlet rather than changing one. */
const REQUIRED_FOR_NEW = ['name', 'homepage', 'country', 'languages', 'feeds', 'logo', 'kind'] as const;

/** Reads and shape-checks an overlay file; throws CatalogError naming the file and the problem. */
export function readOverlay(file: string): Overlay {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'the file does not exist' : (err as Error).message;
    throw new CatalogError(`Catalog file ${file}: ${why}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CatalogError(`Catalog file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const problems = overlayShapeProblems(data);
  if (problems.length > 0) {
    throw new CatalogError(
      describeProblems(`Catalog file ${file} is not a valid catalog overlay:`, problems),
      problems,
    );
  }
  return data as Overlay;
}

function overlayShapeProblems(data: unknown): string[] {
  if (!isRecord(data)) return ['the top level must be an object: { "outlets": [ … ] }'];
  const problems = Object.keys(data)
    .filter((key) => key !== 'outlets')
    .map((key) => `unknown top-level field "${key}" (only "outlets" is read)`);
  if (!Array.isArray(data.outlets)) {
    problems.push('"outlets" must be an array');
    return problems;
  }
  data.outlets.forEach((entry, i) => {
    if (!isRecord(entry)) problems.push(`entry #${i + 1} is not an object`);
    else if (typeof entry.id !== 'string' || entry.id === '') problems.push(`entry #${i + 1} has no "id"`);
  });
  return problems;
}

export interface OverlayResult {
  outlets: unknown[];
  /** Entries that cannot be applied. */
  problems: string[];
  /** Harmless oddities worth a log line (disabling an outlet the catalog no longer has). */
  warnings: string[];
}

/** Merges the overlay's entries over `base` (outlets keyed by id); validation comes after. */
export function applyOverlay(base: readonly unknown[], overlay: Overlay): OverlayResult {
  const outlets = [...base];
  const position = new Map<string, number>();
  outlets.forEach((o, i) => {
    if (isRecord(o) && typeof o.id === 'string') position.set(o.id, i);
  });
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const entry of overlay.outlets) {
    const at = position.get(entry.id);
    if (at !== undefined) {
      outlets[at] = { ...(outlets[at] as Record<string, unknown>), ...entry };
      continue;
    }
    if (isOnlyDisable(entry)) {
      // Disabling an outlet a newer catalog dropped must not stop Meridian from starting.
      warnings.push(`outlet "${entry.id}" is disabled by the catalog file but is not in the catalog`);
      continue;
    }
    const missing = REQUIRED_FOR_NEW.filter((field) => entry[field] === undefined);
    if (missing.length > 0) {
      problems.push(
        `outlet "${entry.id}" is not in the built-in catalog, so it must be a complete outlet (missing: ${missing.join(', ')})`,
      );
      continue;
    }
    position.set(entry.id, outlets.length);
    outlets.push({ ...entry });
  }
  return { outlets, problems, warnings };
}

function isOnlyDisable(entry: OverlayEntry): boolean {
  return entry.enabled === false && Object.keys(entry).every((key) => key === 'id' || key === 'enabled');
}

/** Reads the overlay at `file`, or an empty one when the file does not exist yet. */
export function readOverlayOrEmpty(file: string): Overlay {
  return existsSync(file) ? readOverlay(file) : { outlets: [] };
}

/** Writes the overlay through a temporary file and a rename, so a crash never leaves half a file. */
export function writeOverlay(file: string, overlay: Overlay): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(overlay, null, 2)}\n`);
  renameSync(temporary, file);
}

/** Replaces the overlay entry with the same id (merging its fields), or appends one. */
export function setEntry(overlay: Overlay, entry: OverlayEntry): void {
  const at = overlay.outlets.findIndex((e) => e.id === entry.id);
  if (at >= 0) overlay.outlets[at] = { ...overlay.outlets[at], ...entry };
  else overlay.outlets.push(entry);
}
