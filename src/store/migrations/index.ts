import type { Migration } from 'kysely';
import * as m001 from './001-initial.ts';

/** Every migration, in order. Names sort in the order they must run; never rename one. */
export const migrations: Record<string, Migration> = {
  '001-initial': m001,
};
