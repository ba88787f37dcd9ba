import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { assemblePipeline } from '../../jobs/assemble.ts';
import { describeProblems, importWarc } from '../../jobs/import-archive.ts';
import { defaultStages } from '../../jobs/stages-default.ts';
import { openWarc } from '../../net/warc.ts';
import { diskFullMessage, isDiskFull, StoreError } from '../../store/errors.ts';
import { type Command, UserError } from '../command.ts';
import { Progress } from '../progress.ts';
import { openRuntime } from '../runtime.ts';

export const importCommand: Command = {
  name: 'import',
  help: `Usage: meridian import [--country XX] [--no-pipeline] FILE.warc[.gz]...

Ingests the HTML responses of WARC files (web archives, Common Crawl's news crawl) through the
same extraction and pipeline as live feeds, with no network access. Each page is attributed to its
catalog outlet by host; a host the catalog does not know gets an outlet of its own, marked as
outside the catalog, named from the page's site name, with its country from --country, else from
its country-code domain, else unknown (XX). Pages already stored are not stored again; a page
an interrupted run left unfinished is finished. A page without a date of its own is dated by its
record's WARC-Date.

Damaged archives are read as far as they can be: a record that cannot be read (bad
Content-Length, corrupt gzip member, over 20 MB, a body that cannot be decompressed or is
binary) is skipped and listed with its reason, and reading resumes at the next record; the exit
code is then 1. On a full disk the import stops with one line saying so (exit 2).

  --country XX     country for hosts the catalog does not know
  --no-pipeline    only store the articles; leave translation and clustering to the pipeline`,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { country: { type: 'string' }, 'no-pipeline': { type: 'boolean' } },
    });
    if (positionals.length === 0) throw new UserError('give one or more WARC files');
    for (const file of positionals) if (!existsSync(file)) throw new UserError(`no such file: ${file}`);
    const country = values.country?.toUpperCase();
    if (country && !/^[A-Z]{2}$/.test(country)) throw new UserError('--country takes an ISO code such as DE');
    const config = ctx.config();
    const runtime = await openRuntime(config);
    const codes = new Set(runtime.countries.map((c) => c.code));
    // Takes are written as soon as a story forms: an import is one burst, not a stream.
    const assembled = await assemblePipeline(runtime.store, config, { takeDelayMs: 0 });
    const stages = defaultStages(
      config,
      assembled.fetcher,
      runtime.outlets.flatMap((o) => o.languages),
    );
    let failed = 0;
    try {
      for (const file of positionals) {
        const progress = new Progress(ctx.io, file, 0);
        try {
          const counts = await importWarc(runtime.store, stages, openWarc(file), runtime.outlets, {
            ...(country ? { country } : {}),
            countryCodes: codes,
            onRecord: (c) => progress.update(c.records, `${c.stored} articles`),
          });
          const problems = describeProblems(counts);
          progress.finish(
            `${file}: ${counts.records} records, ${counts.pages} HTML pages, ${counts.stored} articles stored, ${counts.duplicates} already known, ${counts.noArticle} without an article${problems ? `; ${problems}` : ''}`,
          );
          // Damaged files are imported as far as they can be, and the exit code says they were damaged.
          if (counts.unreadable > 0) failed++;
        } catch (err) {
          failed++;
          if (isDiskFull(err)) {
            progress.finish(`${file}: stopped: disk full (articles stored before this point are kept)`);
            // Nothing more can be stored: the other files and the pipeline would only fail too.
            throw new StoreError(diskFullMessage(runtime.store.location), { cause: err });
          }
          const reason = err instanceof Error ? err.message : String(err);
          progress.finish(`${file}: stopped: ${reason} (articles read before this point are kept)`);
        }
      }
      if (!values['no-pipeline']) {
        const progress = new Progress(ctx.io, 'translate and cluster', 0);
        let peak = 0;
        await assembled.pipeline.drain((pending) => {
          peak = Math.max(peak, pending);
          progress.setTotal(peak);
          progress.update(peak - pending);
        }, 0);
        progress.finish(`pipeline: ${JSON.stringify(await runtime.store.articles.countByState())}`);
      }
    } finally {
      await assembled.close();
      await runtime.close();
    }
    return failed > 0 ? 1 : 0;
  },
};
