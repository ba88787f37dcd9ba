import { Store } from '../../store/store.ts';
import type { Command } from '../command.ts';

export const dbMigrateCommand: Command = {
  name: 'db migrate',
  help: `Usage: meridian db migrate

Applies every pending migration to the database (SQLite under MERIDIAN_DATA_DIR, or DATABASE_URL).
Migrations also run at start-up; this command lets an operator run them alone.`,
  async run(_args, ctx) {
    const store = await Store.fromConfig(ctx.config(), { migrate: false });
    try {
      const { migrateToLatest } = await import('../../store/migrate.ts');
      const applied = await migrateToLatest(store.db as never, store);
      ctx.io.out(
        applied.length > 0
          ? `Applied ${applied.join(', ')} to ${store.location}\n`
          : `Database at ${store.location} is up to date\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
