import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/** Column helpers for the few places where SQLite and PostgreSQL DDL differ. */
export function autoId(dialect: DialectName) {
  return dialect === 'postgres'
    ? ({ type: 'serial', build: (c: ColumnDefinitionBuilder) => c.primaryKey() } as const)
    : ({ type: 'integer', build: (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement() } as const);
}

export function dialectOf(db: Kysely<unknown>): DialectName {
  const name = db.getExecutor().adapter.constructor.name;
  return /postgres/i.test(name) ? 'postgres' : 'sqlite';
}
