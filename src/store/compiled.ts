import type { CompiledQuery, Kysely } from 'kysely';

/** The kinds of value a compiled statement's named parameter may take. */
type ParamKind = 'number' | 'string';
type ParamType<K extends ParamKind> = K extends 'number' ? number : string;

/** A statement's parameters by name, typed from their declared kinds. */
export type ParamsOf<S extends Record<string, ParamKind>> = { [K in keyof S]: ParamType<S[K]> };

/** Where each compiled parameter comes from: a named parameter, or a constant of the statement. */
type Slot = { name: string } | { value: unknown };

/**
 * A query compiled once and run with new parameters: per-article lookups (the article page's, and
 * the pipeline's reads of an article, its translation and its story) skip Kysely's per-call build
 * and compile, which cost more than running the indexed query itself.
 *
 * Parameters are named and typed: `spec` declares each one's kind, `build` gets a value for each
 * (a marker of that kind) and places it in the query, and the returned function takes an object
 * of the same names. So a parameter passed under the wrong name, or of the wrong kind, fails the
 * type check, and the order of the compiled SQL's placeholders is worked out here, once, by
 * finding each marker among them, instead of being the caller's to remember. `db` is a getter,
 * so the function can be made in a field initializer before the constructor stored the database.
 */
export function compiledOnce<Row, S extends Record<string, ParamKind>>(
  db: () => Kysely<never>,
  spec: S,
  build: (params: ParamsOf<S>) => { compile(): CompiledQuery<Row> },
): (params: ParamsOf<S>) => Promise<Row | undefined> {
  let compiled: { query: CompiledQuery<Row>; slots: Slot[] } | undefined;
  return async (params) => {
    compiled ??= compileNamed(spec, build);
    const { query, slots } = compiled;
    const parameters = new Array<unknown>(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as Slot;
      parameters[i] = 'name' in slot ? params[slot.name] : slot.value;
    }
    const result = await db().executeQuery<Row>({ ...query, parameters });
    return result.rows[0];
  };
}

/** Compiles `build` with one marker per parameter and maps the placeholders back to the names. */
function compileNamed<Row, S extends Record<string, ParamKind>>(
  spec: S,
  build: (params: ParamsOf<S>) => { compile(): CompiledQuery<Row> },
): { query: CompiledQuery<Row>; slots: Slot[] } {
  const markers = new Map<unknown, string>();
  const params: Record<string, unknown> = {};
  for (const [i, [name, kind]] of Object.entries(spec).entries()) {
    // Values no real statement passes: a negative id far out of range, a string with a NUL.
    const marker = kind === 'number' ? -1_000_000_007 - i : `\u0000param:${name}`;
    markers.set(marker, name);
    params[name] = marker;
  }
  const query = build(params as ParamsOf<S>).compile();
  const slots: Slot[] = query.parameters.map((value) => {
    const name = markers.get(value);
    return name === undefined ? { value } : { name };
  });
  for (const name of Object.keys(spec))
    if (!slots.some((s) => 'name' in s && s.name === name))
      throw new Error(`compiled statement does not use its parameter ${name}`);
  return { query, slots };
}
