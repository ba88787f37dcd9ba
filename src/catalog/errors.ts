/**
 * A catalog that cannot be used: a bad operator file, an invalid merged catalog, an unreadable
 * OPML file. The message names the file and every problem found, so one run shows them all.
 */
export class CatalogError extends Error {
  constructor(
    message: string,
    /** Each problem on its own, for callers that list them. */
    readonly problems: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CatalogError';
  }
}

/** Joins a heading and its problems into one readable message (at most `shown` problems). */
export function describeProblems(heading: string, problems: readonly string[], shown = 10): string {
  const listed = problems.slice(0, shown).map((p) => `  - ${p}`);
  if (problems.length > shown) listed.push(`  - …and ${problems.length - shown} more`);
  return `${heading}\n${listed.join('\n')}`;
}
