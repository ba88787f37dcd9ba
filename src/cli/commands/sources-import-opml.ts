import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CatalogError, overlayTarget } from '../../catalog/catalog.ts';
import { importOpml } from '../../catalog/opml.ts';
import { type Command, UserError } from '../command.ts';
import { printable } from './sources-list.ts';

export const sourcesImportOpmlCommand: Command = {
  name: 'sources import-opml',
  help: `Usage: meridian sources import-opml FILE --country XX --language xx

Reads an OPML subscription list and writes its feeds into the catalog file
(MERIDIAN_CATALOG_FILE, or <MERIDIAN_DATA_DIR>/catalog.json, created when missing).
Feeds are grouped by site: a site the catalog knows gains the new feeds; any other site becomes a
new outlet of kind "private" with the given country and language. Feeds already in the catalog
are skipped. Needs no database.

  --country XX     ISO 3166-1 alpha-2 code of the new outlets
  --language xx    BCP 47 language tag of the new outlets (en, zh-Hant, pt-BR…)`,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { country: { type: 'string' }, language: { type: 'string' } },
    });
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new UserError('expected exactly one OPML file');
    if (!values.country) throw new UserError('--country XX is required');
    if (!values.language) throw new UserError('--language xx is required');
    let xml: string;
    try {
      xml = readFileSync(file, 'utf8');
    } catch (err) {
      throw new UserError(`cannot read ${file}: ${(err as Error).message}`);
    }
    const overlayFile = overlayTarget(ctx.config());
    let result: ReturnType<typeof importOpml>;
    try {
      result = importOpml({ xml, country: values.country, language: values.language, overlayFile });
    } catch (err) {
      if (err instanceof CatalogError) throw new UserError(`${file}: ${err.message}`);
      throw err;
    }
    for (const o of result.added) {
      ctx.io.out(
        `added     ${o.id}  ${printable(o.name)}  (${o.country}, ${o.languages.join(',')}, ${o.feeds.length} feeds)\n`,
      );
    }
    for (const e of result.extended) ctx.io.out(`extended  ${e.id}  +${e.feeds.length} feeds\n`);
    for (const s of result.skipped) ctx.io.out(`skipped   ${printable(s.xmlUrl)}  (${s.reason})\n`);
    const changed = result.added.length + result.extended.length > 0;
    ctx.io.err(
      `${result.added.length} outlets added, ${result.extended.length} extended, ${result.skipped.length} feeds skipped` +
        `${changed ? `; written to ${overlayFile}` : '; nothing written'}\n`,
    );
    return 0;
  },
};
