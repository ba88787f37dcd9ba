import type { Kysely } from 'kysely';
import type { Block } from '../../model/article.ts';
import { boundTranslation } from '../../model/article-limits.ts';
import type { ArticleTranslation } from '../../model/translation.ts';
import { compiledOnce } from '../compiled.ts';
import { parseJson } from '../json.ts';
import type { Database, TranslationTable } from '../schema.ts';

export class TranslationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Stores a translation, its text fields cut to the limits of `boundTranslation`. */
  async save(translation: ArticleTranslation): Promise<void> {
    const t = boundTranslation(translation);
    const row: TranslationTable = {
      article_id: t.articleId,
      target: t.target,
      source: t.source,
      title: t.title,
      standfirst: t.standfirst ?? null,
      blocks: JSON.stringify(t.blocks),
      image_caption: t.imageCaption ?? null,
      provider: t.provider,
      model: t.model,
      characters: t.characters,
      ms: t.ms,
      created_at: t.createdAt,
    };
    await this.db
      .insertInto('translations')
      .values(row)
      .onConflict((oc) => oc.columns(['article_id', 'target']).doUpdateSet({ ...row }))
      .execute();
  }

  private readonly byArticle = compiledOnce(
    () => this.db as Kysely<never>,
    { articleId: 'number', target: 'string' },
    ({ articleId, target }) =>
      this.db.selectFrom('translations').selectAll().where('article_id', '=', articleId).where('target', '=', target),
  );

  async get(articleId: number, target = 'en'): Promise<ArticleTranslation | undefined> {
    const row = await this.byArticle({ articleId, target });
    return row && toTranslation(row);
  }

  async getMany(articleIds: readonly number[], target = 'en'): Promise<Map<number, ArticleTranslation>> {
    if (articleIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('translations')
      .selectAll()
      .where('article_id', 'in', [...articleIds])
      .where('target', '=', target)
      .execute();
    return new Map(rows.map((r) => [r.article_id, toTranslation(r)]));
  }

  /** English titles for many articles at once (lists show English headlines). */
  async titles(articleIds: readonly number[], target = 'en'): Promise<Map<number, string>> {
    if (articleIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('translations')
      .select(['article_id', 'title'])
      .where('article_id', 'in', [...articleIds])
      .where('target', '=', target)
      .execute();
    return new Map(rows.map((r) => [r.article_id, r.title]));
  }

  /** Characters and time per provider and model so far. */
  async usage(): Promise<Array<{ provider: string; model: string; articles: number; characters: number; ms: number }>> {
    const rows = await this.db
      .selectFrom('translations')
      .select([
        'provider',
        'model',
        (eb) => eb.fn.countAll<number>().as('articles'),
        (eb) => eb.fn.sum<number>('characters').as('characters'),
        (eb) => eb.fn.sum<number>('ms').as('ms'),
      ])
      .groupBy(['provider', 'model'])
      .execute();
    return rows.map((r) => ({
      ...r,
      articles: Number(r.articles),
      characters: Number(r.characters),
      ms: Number(r.ms),
    }));
  }
}

export function toTranslation(row: TranslationTable): ArticleTranslation {
  return {
    articleId: row.article_id,
    target: row.target,
    source: row.source,
    title: row.title,
    ...(row.standfirst ? { standfirst: row.standfirst } : {}),
    blocks: parseJson<Block[]>(row.blocks, []),
    ...(row.image_caption ? { imageCaption: row.image_caption } : {}),
    provider: row.provider,
    model: row.model,
    characters: row.characters,
    ms: row.ms,
    createdAt: row.created_at,
  };
}
