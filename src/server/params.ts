import { BadRequestError, NotFoundHttpError } from './errors.ts';

/**
 * What routes read from a request, parsed once: each parser gives a value the reader service can
 * trust or throws the HTTP error the client gets. The page cache reads cursors through these too,
 * so a page is kept under the form the route understands, not under what a client typed.
 */

/** An article's id in a path: up to ten digits, or 404. */
export function parseId(raw: string): number {
  if (!/^\d{1,10}$/.test(raw)) throw new NotFoundHttpError('No such article');
  return Number(raw);
}

/** `<published ISO>_<id>`: a keyset cursor's text, as the timestamp is stored. */
const CURSOR = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)_(\d{1,10})$/;

/** `before` cursor of keyset pagination: `<published ISO>_<id>`. */
export function parseCursor(raw: string | undefined): { published: string; id: number } | undefined {
  if (!raw) return undefined;
  const m = CURSOR.exec(raw);
  if (!m || Number.isNaN(Date.parse(m[1] as string))) throw new BadRequestError('Invalid page cursor');
  return { published: m[1] as string, id: Number(m[2]) };
}

/** A cursor in its one written form (no leading zeros in the id), or undefined when it is not one. */
export function cursorText(raw: string): string | undefined {
  const m = CURSOR.exec(raw);
  if (!m || Number.isNaN(Date.parse(m[1] as string))) return undefined;
  return `${m[1]}_${Number(m[2])}`;
}

/** The cursor of a page of stories: the last story's `lastSeen` and id. */
export function storyCursor(raw: string | undefined): { lastSeen: string; id: number } | undefined {
  const cursor = parseCursor(raw);
  return cursor && { lastSeen: cursor.published, id: cursor.id };
}

export function dateParam(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^\d{4}-\d\d-\d\d$/.test(raw) || Number.isNaN(Date.parse(raw)))
    throw new BadRequestError('Dates must be YYYY-MM-DD');
  return raw;
}

export function limitParam(raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new BadRequestError(`limit must be an integer from 1 to ${max}`);
  return n;
}

const COUNTRY = /^[A-Za-z]{2}$/;

/** An ISO 3166-1 alpha-2 code in any case, as stored (upper case); empty is none. */
export function countryParam(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!COUNTRY.test(value)) throw new BadRequestError('country must be an ISO 3166-1 alpha-2 code, e.g. TW');
  return value.toUpperCase();
}
