import { type Kysely, type MigrationProvider, Migrator } from 'kysely';
import { StoreError } from './errors.ts';
import { migrations } from './migrations/index.ts';

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; returns the names of the migrations it applied. */
export async function migrateToLatest(db: Kysely<unknown>, location: string, schema?: string): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'meridian_migrations',
    migrationLockTableName: 'meridian_migrations_lock',
    // Without it, Kysely looks for its tables in every schema and may find another store's.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = /readonly|read-only|permission/i.test(message)
      ? ' Check that the database file and its folder are writable.'
      : '';
    throw new StoreError(`Migrating the database at ${location} failed: ${message}.${hint}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
