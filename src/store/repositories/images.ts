import { type Kysely, sql } from 'kysely';
import type { StoredImage } from '../../model/article.ts';
import { nowIso } from '../json.ts';
import type { Database } from '../schema.ts';

export interface ImageBytes {
  bytes: Buffer;
  width: number;
  height: number;
  type: string;
}

/** One served copy: its bytes and the version pages link to. */
export interface ServedImage {
  version: string;
  type: string;
  bytes: Buffer;
}

export type ArticleImageVariant = 'lead' | 'thumb';

export const articleImageKey = (articleId: number, variant: ArticleImageVariant) => `article:${articleId}:${variant}`;
export const outletLogoKey = (outletId: string) => `outlet:${outletId}`;

/** `version:width:height` of the lead copy, as `articles.image_stored` holds it. */
export function encodeStored(s: StoredImage): string {
  return `${s.version}:${s.width}:${s.height}`;
}

export function decodeStored(value: string | null): StoredImage | undefined {
  if (!value) return undefined;
  const [version, width, height] = value.split(':');
  if (!version || !width || !height) return undefined;
  return { version, width: Number(width), height: Number(height) };
}

/** Stored copies of lead images and logos; the rows go with their article or outlet. */
export class ImageRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Stores an article's copies and then names their version on the article, in one transaction:
   * a page links only to copies that are there.
   */
  async saveArticleImages(
    articleId: number,
    version: string,
    sourceUrl: string,
    copies: Record<ArticleImageVariant, ImageBytes>,
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      for (const variant of ['lead', 'thumb'] as const) {
        const c = copies[variant];
        const row = {
          key: articleImageKey(articleId, variant),
          article_id: articleId,
          outlet_id: null,
          version,
          type: c.type,
          width: c.width,
          height: c.height,
          bytes: c.bytes,
          byte_length: c.bytes.length,
          source_url: sourceUrl,
          stored_at: nowIso(),
        };
        await tx
          .insertInto('images')
          .values(row)
          .onConflict((oc) => oc.column('key').doUpdateSet({ ...row, key: undefined }))
          .execute();
      }
      const lead = copies.lead;
      await tx
        .updateTable('articles')
        .set({ image_stored: encodeStored({ version, width: lead.width, height: lead.height }) })
        .where('id', '=', articleId)
        .execute();
    });
  }

  /** The article's lead image could not be had (gone, not an image): pages show none. */
  async markArticleImageMissing(articleId: number): Promise<void> {
    await this.db.updateTable('articles').set({ image_stored: '' }).where('id', '=', articleId).execute();
  }

  async saveLogo(outletId: string, version: string, sourceUrl: string, copy: ImageBytes): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const row = {
        key: outletLogoKey(outletId),
        article_id: null,
        outlet_id: outletId,
        version,
        type: copy.type,
        width: copy.width,
        height: copy.height,
        bytes: copy.bytes,
        byte_length: copy.bytes.length,
        source_url: sourceUrl,
        stored_at: nowIso(),
      };
      await tx
        .insertInto('images')
        .values(row)
        .onConflict((oc) => oc.column('key').doUpdateSet({ ...row, key: undefined }))
        .execute();
      await tx.updateTable('outlets').set({ logo_stored: version }).where('id', '=', outletId).execute();
    });
  }

  async markLogoMissing(outletId: string): Promise<void> {
    await this.db.updateTable('outlets').set({ logo_stored: '' }).where('id', '=', outletId).execute();
  }

  /** Whether an outlet's logo was tried already (stored or known missing). */
  async logoTried(outletId: string): Promise<boolean> {
    const row = await this.db.selectFrom('outlets').select('logo_stored').where('id', '=', outletId).executeTakeFirst();
    return row?.logo_stored != null;
  }

  async get(key: string): Promise<ServedImage | undefined> {
    return this.db.selectFrom('images').select(['version', 'type', 'bytes']).where('key', '=', key).executeTakeFirst();
  }

  /** How many copies are stored and their bytes (`meridian status`). */
  async totals(): Promise<{ images: number; bytes: number; articles: number }> {
    const row = await this.db
      .selectFrom('images')
      .select([
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.coalesce(eb.fn.sum<number>('byte_length'), sql<number>`0`).as('bytes'),
        (eb) => eb.fn.count<number>('article_id').distinct().as('articles'),
      ])
      .executeTakeFirst();
    return { images: Number(row?.n ?? 0), bytes: Number(row?.bytes ?? 0), articles: Number(row?.articles ?? 0) };
  }
}
