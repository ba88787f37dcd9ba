import type { CompiledQuery, Kysely } from 'kysely';

/**
 * A query compiled once and run with new parameters: per-article lookups (the article page's, and
 * the pipeline's reads of an article, its translation and its story) skip Kysely's per-call build
 * and compile, which cost more than running the indexed query itself. `build` is called once with
 * placeholder values; the parameters passed to the returned function must be in the same order as
 * in the compiled SQL. `db` is a getter, so the function can be made in a field initializer before
 * the constructor has stored the database.
 */
export function compiledOnce<Row>(db: () => Kysely<never>, build: () => { compile(): CompiledQuery<Row> }) {
  let compiled: CompiledQuery<Row> | undefined;
  return async (...parameters: unknown[]): Promise<Row | undefined> => {
    compiled ??= build().compile();
    const result = await db().executeQuery<Row>({ ...compiled, parameters });
    return result.rows[0];
  };
}
