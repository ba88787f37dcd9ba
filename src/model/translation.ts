import type { Block } from './article.ts';

/** An article's text in the target language, block for block. */
export interface ArticleTranslation {
  articleId: number;
  /** BCP 47 target, `en`. */
  target: string;
  source: string;
  title: string;
  standfirst?: string;
  /** Exactly as many blocks as the original, in order. */
  blocks: Block[];
  imageCaption?: string;
  provider: string;
  model: string;
  characters: number;
  ms: number;
  createdAt: string;
}
