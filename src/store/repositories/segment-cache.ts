import type { Kysely } from 'kysely';
import type { CachedSegment, SegmentCache } from '../../translate/cache.ts';
import { nowIso } from '../json.ts';
import type { Database } from '../schema.ts';

// Keeps each statement well under SQLite's and PostgreSQL's bound-parameter limits.
const CHUNK = 500;

/** The translation memory: the store-backed SegmentCache that the pipeline translates through. */
export class SegmentCacheRepository implements SegmentCache {
  constructor(private readonly db: Kysely<Database>) {}

  async getMany(keys: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const unique = [...new Set(keys)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('translation_cache')
        .select(['key', 'text'])
        .where('key', 'in', unique.slice(i, i + CHUNK))
        .execute();
      for (const row of rows) found.set(row.key, row.text);
    }
    return found;
  }

  async putMany(entries: readonly CachedSegment[]): Promise<void> {
    // The last value for a key wins, as in a map; one statement cannot update a row twice.
    const byKey = new Map(entries.map((e) => [e.key, e]));
    const rows = [...byKey.values()].map((e) => ({
      key: e.key,
      text: e.text,
      provider: e.provider,
      model: e.model,
      created_at: nowIso(),
    }));
    for (let i = 0; i < rows.length; i += CHUNK / 5) {
      await this.db
        .insertInto('translation_cache')
        .values(rows.slice(i, i + CHUNK / 5))
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            text: eb.ref('excluded.text'),
            provider: eb.ref('excluded.provider'),
            model: eb.ref('excluded.model'),
            created_at: eb.ref('excluded.created_at'),
          })),
        )
        .execute();
    }
  }

  /** Segments held per provider and model, for `meridian status`. */
  async counts(): Promise<Array<{ provider: string; model: string; segments: number }>> {
    const rows = await this.db
      .selectFrom('translation_cache')
      .select(['provider', 'model', (eb) => eb.fn.countAll<number>().as('segments')])
      .groupBy(['provider', 'model'])
      .execute();
    return rows.map((r) => ({ ...r, segments: Number(r.segments) }));
  }

  /** Forgets one engine's work (after switching model, or to redo bad output). Returns rows removed. */
  async purge(provider: string, model?: string): Promise<number> {
    let query = this.db.deleteFrom('translation_cache').where('provider', '=', provider);
    if (model !== undefined) query = query.where('model', '=', model);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
