import { declareSettings } from './registry.ts';

/** Settings of Meridian itself. Stage and provider settings live beside their code. */
export const coreSettings = declareSettings([
  {
    name: 'MERIDIAN_DATA_DIR',
    type: 'path',
    default: './data',
    group: 'core',
    description: 'Folder for the embedded SQLite database and other state.',
  },
  {
    name: 'DATABASE_URL',
    type: 'url',
    default: '',
    secret: true,
    group: 'core',
    description: 'postgres://… to use PostgreSQL instead of the embedded SQLite.',
  },
  {
    name: 'MERIDIAN_SQLITE_CACHE_MB',
    type: 'int',
    default: 256,
    min: 2,
    max: 65_536,
    group: 'core',
    description:
      'Most memory each process gives SQLite for database pages it has read (taken as pages are used, not up front).',
  },
  {
    name: 'HOST',
    type: 'string',
    default: '127.0.0.1',
    group: 'server',
    description: 'Address the HTTP server binds.',
  },
  { name: 'PORT', type: 'int', default: 3000, min: 0, max: 65535, group: 'server', description: 'HTTP port.' },
  {
    name: 'MERIDIAN_PUBLIC_URL',
    type: 'url',
    default: '',
    group: 'server',
    description:
      'Public base URL of every absolute link (Atom feeds, OpenSearch); default: the address the server listens on. A request’s Host and X-Forwarded-* headers are never used.',
  },
  {
    name: 'LOG_LEVEL',
    type: 'enum',
    values: ['debug', 'info', 'warn', 'error', 'silent'],
    default: 'info',
    group: 'core',
    description: 'Least severe log level written (JSON lines on stderr).',
  },
  {
    name: 'MERIDIAN_PIPELINE',
    type: 'bool',
    default: true,
    group: 'core',
    description:
      'Whether `meridian serve` also runs the ingestion pipeline (in its first process, beside the web processes).',
  },
  {
    name: 'MERIDIAN_CATALOG_FILE',
    type: 'path',
    default: '',
    group: 'catalog',
    description: 'JSON file merged over the built-in catalog: add, override or disable outlets.',
  },
] as const);
