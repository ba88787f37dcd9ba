import type { Kysely } from 'kysely';
import type { Glossary, GlossaryEntry, GlossaryKind, GlossaryOrigin } from '../../translate/glossary.ts';
import { nowIso, parseJson } from '../json.ts';
import type { Database, GlossaryTable } from '../schema.ts';

/**
 * Names and their one English form. Operators edit entries; the stories stage adds names it
 * learns, but never overwrites what an operator wrote.
 */
export class GlossaryRepository implements Glossary {
  constructor(private readonly db: Kysely<Database>) {}

  async entriesFor(sourceLang: string): Promise<GlossaryEntry[]> {
    const rows = await this.db
      .selectFrom('glossary')
      .selectAll()
      .where('source_lang', '=', sourceLang)
      .orderBy('source_form')
      .execute();
    return rows.map(toEntry);
  }

  async list(): Promise<GlossaryEntry[]> {
    const rows = await this.db
      .selectFrom('glossary')
      .selectAll()
      .orderBy('source_lang')
      .orderBy('source_form')
      .execute();
    return rows.map(toEntry);
  }

  async get(sourceLang: string, sourceForm: string): Promise<GlossaryEntry | undefined> {
    const row = await this.db
      .selectFrom('glossary')
      .selectAll()
      .where('source_lang', '=', sourceLang)
      .where('source_form', '=', sourceForm)
      .executeTakeFirst();
    return row && toEntry(row);
  }

  /**
   * Adds or replaces an entry. A learned entry (origin `story`) does not replace an operator's;
   * returns whether the entry was written.
   */
  async upsert(entry: GlossaryEntry): Promise<boolean> {
    const origin: GlossaryOrigin = entry.origin ?? 'operator';
    if (origin === 'story') {
      const existing = await this.get(entry.sourceLang, entry.sourceForm);
      if (existing?.origin === 'operator') return false;
    }
    const row: GlossaryTable = {
      source_lang: entry.sourceLang,
      source_form: entry.sourceForm,
      english: entry.english,
      kind: entry.kind ?? 'other',
      origin,
      variants: JSON.stringify(entry.variants ?? []),
      updated_at: nowIso(),
    };
    await this.db
      .insertInto('glossary')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['source_lang', 'source_form']).doUpdateSet({
          english: row.english,
          kind: row.kind,
          origin: row.origin,
          variants: row.variants,
          updated_at: row.updated_at,
        }),
      )
      .execute();
    return true;
  }

  /** Records a wrong English rendering seen in a translation, so it is replaced next time. */
  async addVariant(sourceLang: string, sourceForm: string, variant: string): Promise<void> {
    const entry = await this.get(sourceLang, sourceForm);
    if (!entry || entry.english === variant || entry.variants?.includes(variant)) return;
    await this.db
      .updateTable('glossary')
      .set({ variants: JSON.stringify([...(entry.variants ?? []), variant]), updated_at: nowIso() })
      .where('source_lang', '=', sourceLang)
      .where('source_form', '=', sourceForm)
      .execute();
  }

  async remove(sourceLang: string, sourceForm: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('glossary')
      .where('source_lang', '=', sourceLang)
      .where('source_form', '=', sourceForm)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

function toEntry(row: GlossaryTable): GlossaryEntry {
  return {
    sourceForm: row.source_form,
    sourceLang: row.source_lang,
    english: row.english,
    kind: row.kind as GlossaryKind,
    origin: row.origin as GlossaryOrigin,
    variants: parseJson<string[]>(row.variants, []),
  };
}
