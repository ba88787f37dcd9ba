/** Helpers every page component gets: image proxy URLs and country names. */
export interface PageKit {
  img(url: string | null | undefined): string;
  countryName(code: string): string;
}
