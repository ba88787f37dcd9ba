import type { Article } from '../model/article.ts';
import type { ArticleTranslation } from '../model/translation.ts';
import type { Store } from '../store/store.ts';
import type { StoryDoc } from '../stories/doc.ts';

/** An article as the stories stage sees it: original text, and the English where translated. */
export function storyDoc(a: Article, english?: ArticleTranslation): StoryDoc {
  const text = [a.standfirst, ...a.blocks.map((b) => b.text)].filter(Boolean).join('\n\n');
  return {
    id: a.id,
    language: a.language ?? 'und',
    title: a.title,
    text,
    ...(a.published ? { published: a.published } : {}),
    country: a.country,
    outlet: a.outletId,
    ...(english
      ? {
          english: {
            title: english.title,
            text: [english.standfirst, ...english.blocks.map((b) => b.text)].filter(Boolean).join('\n\n'),
          },
        }
      : a.language?.startsWith('en')
        ? { english: { title: a.title, text } }
        : {}),
  };
}

/** Story docs for many articles, in the order of `ids` (missing ones are skipped). */
export async function storyDocs(store: Store, ids: readonly number[]): Promise<StoryDoc[]> {
  const out: StoryDoc[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const articles = new Map((await store.articles.getMany(chunk)).map((a) => [a.id, a]));
    const english = await store.translations.getMany(chunk);
    for (const id of chunk) {
      const a = articles.get(id);
      if (a) out.push(storyDoc(a, english.get(id)));
    }
  }
  return out;
}
