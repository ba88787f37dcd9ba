/**
 * The middle of a list of figures: the mean of the two middle ones for an even count, NaN for none
 * (printed as such, not as a figure nobody measured).
 */
export function median(figures: readonly number[]): number {
  if (figures.length === 0) return Number.NaN;
  const sorted = [...figures].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
