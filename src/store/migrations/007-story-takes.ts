import type { Kysely } from 'kysely';

/**
 * Each story's Alternative Takes analysis, worked out by the pipeline when the story changes, so
 * an article page reads one row instead of analysing the whole story. `basis` names the version
 * of the story it was made from; the take job replaces the row when the story has moved on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('story_takes')
    .addColumn('story_id', 'integer', (c) => c.primaryKey().references('stories.id').onDelete('cascade'))
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('analysis', 'text', (c) => c.notNull())
    .addColumn('made_at', 'text', (c) => c.notNull())
    .execute();
}
