import type { Command } from './command.ts';
import { configCommand } from './commands/config.ts';
import { dbMigrateCommand } from './commands/db.ts';

/** Every command of `meridian`, in the order `--help` lists them. Add one line per command. */
export const commands: Command[] = [configCommand, dbMigrateCommand];
