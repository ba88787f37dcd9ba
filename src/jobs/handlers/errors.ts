/**
 * Reads what the pipeline needs from any error a stage throws (the `net` errors carry `status`
 * and `retryAfterMs`), without importing every error class.
 */
export function describeError(err: unknown): { message: string; status: number | null } {
  const message = err instanceof Error ? `${err.name !== 'Error' ? `${err.name}: ` : ''}${err.message}` : String(err);
  const status = typeof (err as { status?: unknown })?.status === 'number' ? (err as { status: number }).status : null;
  return { message: message.slice(0, 500), status };
}

export function retryAfterSeconds(err: unknown): number | undefined {
  const ms = (err as { retryAfterMs?: unknown })?.retryAfterMs;
  return typeof ms === 'number' && ms > 0 ? Math.ceil(ms / 1000) : undefined;
}
