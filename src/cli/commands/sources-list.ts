import { parseArgs } from 'node:util';
import { type Catalog, CatalogError, loadCatalog, overlayPath } from '../../catalog/catalog.ts';
import type { Config } from '../../config/config.ts';
import { type LanguageWarning, languageWarnings } from '../../language/support.ts';
import type { Outlet } from '../../model/outlet.ts';
import { type Command, UserError } from '../command.ts';
import { translatorSupport } from '../translator-support.ts';

export const sourcesListCommand: Command = {
  name: 'sources list',
  help: `Usage: meridian sources list [--country XX] [--json]

Lists every outlet of the effective catalog: the built-in one merged with MERIDIAN_CATALOG_FILE
(or <MERIDIAN_DATA_DIR>/catalog.json). Needs no database. A summary line goes to stderr.
Languages that language detection or the configured translator (MERIDIAN_TRANSLATOR) cannot
handle are marked "!" and explained after the table.

  --country XX   only outlets of this country (ISO 3166-1 alpha-2)
  --json         one JSON object per outlet: id, name, country, languages, feeds, logo, kind, enabled,
                 and languageProblems (language → problems) where there are any`,
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { country: { type: 'string' }, json: { type: 'boolean' } } });
    const config = ctx.config();
    const catalog = catalogOrUserError(config);
    let outlets = catalog.outlets;
    if (values.country !== undefined) {
      const country = catalog.country(values.country);
      if (!country) throw new UserError(`--country ${values.country} is not an ISO 3166-1 alpha-2 code`);
      outlets = outlets.filter((o) => o.country === country.code);
    }
    const warnings = languageWarnings(outlets, await translatorSupport(config, (m) => ctx.io.err(`${m}\n`)));
    const flagged = new Map(warnings.map((w) => [w.tag, w.problems]));
    if (values.json) {
      for (const o of outlets) ctx.io.out(`${JSON.stringify(listedOutlet(o, flagged))}\n`);
    } else {
      ctx.io.out(table(outlets, flagged));
      ctx.io.out(describeWarnings(warnings));
    }
    ctx.io.err(`${summary(outlets)}\n`);
    return 0;
  },
};

/** Loads the effective catalog; a broken catalog file is the operator's to fix, so a UserError. */
export function catalogOrUserError(config: Config): Catalog {
  try {
    return loadCatalog({ overlayFile: overlayPath(config) });
  } catch (err) {
    if (err instanceof CatalogError) throw new UserError(err.message);
    throw err;
  }
}

function describeWarnings(warnings: readonly LanguageWarning[]): string {
  if (warnings.length === 0) return '';
  const lines = warnings.map(
    (w) =>
      `  ${w.tag} (${w.outlets.length === 1 ? w.outlets[0] : `${w.outlets.length} outlets`}): ${w.problems.join('; ')}\n`,
  );
  return `\nLanguages marked ! need attention:\n${lines.join('')}`;
}

function listedOutlet(o: Outlet, flagged: ReadonlyMap<string, string[]>) {
  const problems = Object.fromEntries(o.languages.filter((t) => flagged.has(t)).map((t) => [t, flagged.get(t)]));
  return {
    id: o.id,
    name: o.name,
    country: o.country,
    languages: o.languages,
    feeds: o.feeds.map((f) => f.url),
    logo: o.logo,
    kind: o.kind,
    enabled: o.enabled !== false,
    ...(Object.keys(problems).length > 0 ? { languageProblems: problems } : {}),
  };
}

const COLUMNS = ['ID', 'COUNTRY', 'KIND', 'LANGUAGES', 'FEEDS', 'NAME'] as const;

function table(outlets: readonly Outlet[], flagged: ReadonlyMap<string, string[]>): string {
  const rows = outlets.map((o) => [
    o.enabled === false ? `${o.id} (off)` : o.id,
    o.country,
    o.kind,
    o.languages.map((t) => (flagged.has(t) ? `${t}!` : t)).join(','),
    String(o.feeds.length),
    printable(o.name),
  ]);
  const widths = COLUMNS.slice(0, -1).map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i < widths.length ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ');
  return [line(COLUMNS), ...rows.map(line)].map((l) => `${l}\n`).join('');
}

/** Text from data files and OPML imports, with control characters kept off the terminal. */
export function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, ' ');
}

function summary(outlets: readonly Outlet[]): string {
  const enabled = outlets.filter((o) => o.enabled !== false);
  const countries = new Set(enabled.map((o) => o.country));
  const languages = new Set(enabled.flatMap((o) => o.languages));
  const disabled = outlets.length - enabled.length;
  return (
    `${count(enabled.length, 'outlet')}${disabled > 0 ? ` (+${disabled} disabled)` : ''}, ` +
    `${count(countries.size, 'country', 'countries')}, ${count(languages.size, 'language')}`
  );
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
