import type { CommandEntry } from './command.ts';

/**
 * Every command of `meridian`, in the order `--help` lists them: its name, its one-line summary
 * and how to load it. Add one entry per command.
 */
export const commands: CommandEntry[] = [
  {
    name: 'serve',
    summary: 'Start the web server and the pipeline (what `npm start` runs)',
    load: async () => (await import('./commands/serve.ts')).serveCommand,
  },
  {
    name: 'config',
    summary: 'Print the effective settings (secrets masked)',
    load: async () => (await import('./commands/config.ts')).configCommand,
  },
  {
    name: 'db migrate',
    summary: 'Create or update the database schema',
    load: async () => (await import('./commands/db.ts')).dbMigrateCommand,
  },
  {
    name: 'sources list',
    summary: 'List the outlets of the catalog (built-in merged with the catalog file)',
    load: async () => (await import('./commands/sources-list.ts')).sourcesListCommand,
  },
  {
    name: 'sources import-opml',
    summary: 'Add the feeds of an OPML file to the catalog file',
    load: async () => (await import('./commands/sources-import-opml.ts')).sourcesImportOpmlCommand,
  },
  {
    name: 'sources check',
    summary: 'Fetch every feed once and report status, HTTP code and item count',
    load: async () => (await import('./commands/sources-check.ts')).sourcesCheckCommand,
  },
  {
    name: 'ingest',
    summary: 'Poll feeds and run the pipeline (--once: one pass, then exit)',
    load: async () => (await import('./commands/ingest.ts')).ingestCommand,
  },
  {
    name: 'import',
    summary: 'Ingest the HTML pages of WARC files (web archives) with no network',
    load: async () => (await import('./commands/import.ts')).importCommand,
  },
  {
    name: 'worker',
    summary: 'Run the pipeline without the web server (scale out on PostgreSQL)',
    load: async () => (await import('./commands/worker.ts')).workerCommand,
  },
  {
    name: 'status',
    summary: 'Show the pipeline: feeds, outlets, jobs, translation usage and cost',
    load: async () => (await import('./commands/status.ts')).statusCommand,
  },
  {
    name: 'retry',
    summary: 'Queue parked jobs again, or re-enable feeds disabled after repeated failures',
    load: async () => (await import('./commands/retry.ts')).retryCommand,
  },
  {
    name: 'extract',
    summary: 'Extract the article of saved HTML pages (no network), one JSON line per page',
    load: async () => (await import('./commands/extract.ts')).extractCommand,
  },
  {
    name: 'detect',
    summary: 'Print the language (BCP 47) of a text, or of each line',
    load: async () => (await import('./commands/detect.ts')).detectCommand,
  },
  {
    name: 'translate',
    summary: 'Translate text (blank-line separated blocks) or a stored article into English',
    load: async () => (await import('./commands/translate.ts')).translateCommand,
  },
  {
    name: 'cluster',
    summary: 'Group articles (JSON lines) into stories, without a database',
    load: async () => (await import('./commands/cluster.ts')).clusterCommand,
  },
  {
    name: 'compare',
    summary: 'Score article pairs (SemEval-2022 Task 8 CSV) for being the same event',
    load: async () => (await import('./commands/compare.ts')).compareCommand,
  },
  {
    name: 'take',
    summary: "Write The World's Current Take for a story",
    load: async () => (await import('./commands/take.ts')).takeCommand,
  },
];
