import { webUrl } from '../net/web-url.ts';

/** URL handling for feed items: every link and image leaves this stage absolute and http(s). */

/**
 * Resolves `href` against `base` and returns it only if the result is http(s): a `javascript:`,
 * `data:` or `mailto:` link is never a usable article or image URL.
 */
export function resolveHttpUrl(href: string | undefined, base: string | undefined): string | undefined {
  return webUrl(href, base || undefined)?.href;
}

/** Applies a chain of `xml:base` values, outermost first, onto `start`. */
export function applyBases(start: string, bases: Array<string | undefined>): string {
  let current = start;
  for (const base of bases) {
    const next = resolveHttpUrl(base, current);
    if (next) current = next;
  }
  return current;
}

/** True when `value` is already an absolute http(s) URL (an RSS guid or Atom id that is a link). */
export function isAbsoluteHttpUrl(value: string | undefined): boolean {
  return value !== undefined && /^\s*https?:\/\/[^\s/]/i.test(value);
}
