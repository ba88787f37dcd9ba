import type { Kysely } from 'kysely';
import { nowIso } from '../json.ts';
import type { Database } from '../schema.ts';

// Keeps each statement well under SQLite's and PostgreSQL's bound-parameter limits.
const CHUNK = 500;

/** Articles' embedding vectors, one per article and model (see migration 012). */
export class ArticleVectorRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The stored vectors of `articleIds` made by `model`; articles without one are absent. */
  async getMany(articleIds: readonly number[], model: string): Promise<Map<number, Float32Array>> {
    const found = new Map<number, Float32Array>();
    const unique = [...new Set(articleIds)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('article_vectors')
        .select(['article_id', 'vector'])
        .where('model', '=', model)
        .where('article_id', 'in', unique.slice(i, i + CHUNK))
        .execute();
      for (const row of rows) found.set(Number(row.article_id), decode(row.vector));
    }
    return found;
  }

  /** Stores vectors made by `model` (a vector stored before for the same article and model is replaced). */
  async putMany(model: string, vectors: ReadonlyMap<number, ArrayLike<number>>): Promise<void> {
    const rows = [...vectors].map(([articleId, v]) => ({
      article_id: articleId,
      model,
      vector: encode(v),
      created_at: nowIso(),
    }));
    for (let i = 0; i < rows.length; i += CHUNK / 4) {
      await this.db
        .insertInto('article_vectors')
        .values(rows.slice(i, i + CHUNK / 4))
        .onConflict((oc) =>
          oc.columns(['article_id', 'model']).doUpdateSet((eb) => ({
            vector: eb.ref('excluded.vector'),
            created_at: eb.ref('excluded.created_at'),
          })),
        )
        .execute();
    }
  }
}

function encode(v: ArrayLike<number>): string {
  const floats = Float32Array.from(v);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength).toString('base64');
}

function decode(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  // A copy: the buffer may sit at an offset no Float32Array can start at.
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
