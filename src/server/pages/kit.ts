/** Helpers every page component gets. */
export interface PageKit {
  countryName(code: string): string;
}
