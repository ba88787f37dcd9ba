/** A store problem the operator can fix (missing folder, corrupt or read-only file, no server). */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  // PostgreSQL: admin shutdown, crash shutdown, cannot connect now, too many connections.
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

/**
 * True when `err` says the database could not be reached or was too busy to answer right now
 * (server restarting, connection cut, SQLite write lock held past busy_timeout), not that the
 * work itself is wrong. Such work is put back and tried again later without counting an attempt.
 */
export function isStoreUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (UNAVAILABLE_CODES.has(code) || code.startsWith('08')) return true;
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return true;
    const message = e instanceof Error ? e.message : '';
    if (
      /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect/.test(
        message,
      )
    )
      return true;
  }
  return false;
}

/** True when `err` is SQLite's "database or disk is full" or PostgreSQL's "disk full" (53100). */
export function isDiskFull(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = String((e as { code?: unknown }).code ?? '');
    if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === '53100') return true;
  }
  return false;
}

/** The one line an operator reads when the store's disk is full. */
export function diskFullMessage(location: string): string {
  return `the disk holding ${location} is full: nothing more can be stored. What is stored is kept; free some space and run again (an interrupted article is stored then).`;
}
