import type { Block, ExtractedArticle } from './article.ts';

/**
 * The most of each field an article may store. A page can say anything: one 5 MB `<title>` was
 * stored as a 3 M-character headline and made a 9 MB article page and a 15 MB story page for
 * every reader. Real articles stay far inside these (a long headline is ~200 characters, a long
 * feature ~300 blocks of under 5,000); past them the text is cut at a word and marked with "…".
 */
export const ARTICLE_LIMITS = {
  title: 500,
  standfirst: 2_000,
  author: 300,
  siteName: 200,
  caption: 1_000,
  credit: 300,
  /** Blocks kept, in order; the rest of an endless page is dropped. */
  blocks: 500,
  blockText: 20_000,
  /** Sanitized markup of a table block; a larger one keeps its text only. */
  blockHtml: 200_000,
  /** All block text together: further blocks are dropped. */
  bodyText: 500_000,
  /** Language tags, dates: short by nature. */
  short: 100,
  url: 8_192,
} as const;

/** An ellipsis marks every cut, so a reader knows the text went on. */
const ELLIPSIS = '…';

/**
 * `text` when it fits in `max` characters, else cut at the last space in the final third before
 * the limit (no space there, as in Chinese or Japanese: at the limit), never inside a surrogate
 * pair, and ended with "…".
 */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - ELLIPSIS.length;
  const space = text.slice(0, end + 1).search(/\s\S*$/);
  if (space >= Math.floor((end * 2) / 3)) end = space;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--; // keep a surrogate pair whole
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

function optional(text: string | undefined, max: number): string | undefined {
  return text === undefined ? undefined : cutAtWord(text, max);
}

function boundBlocks(blocks: readonly Block[]): Block[] {
  const kept: Block[] = [];
  let total = 0;
  for (const block of blocks) {
    if (kept.length >= ARTICLE_LIMITS.blocks || total >= ARTICLE_LIMITS.bodyText) break;
    const text = cutAtWord(block.text, Math.min(ARTICLE_LIMITS.blockText, ARTICLE_LIMITS.bodyText - total));
    total += text.length;
    const html = block.html !== undefined && block.html.length <= ARTICLE_LIMITS.blockHtml ? block.html : undefined;
    kept.push({ kind: block.kind, text, ...(html !== undefined ? { html } : {}) });
  }
  return kept;
}

/**
 * The article as it may be stored: every text field within ARTICLE_LIMITS. Applied where an
 * extracted article becomes a stored one (the articles repository), so every way in (live
 * fetches, archive imports, tests' seeds) is bounded alike.
 */
export function boundArticle(a: ExtractedArticle): ExtractedArticle {
  const L = ARTICLE_LIMITS;
  const bounded: ExtractedArticle = { ...a, title: cutAtWord(a.title, L.title), blocks: boundBlocks(a.blocks) };
  const set = <K extends keyof ExtractedArticle>(key: K, value: ExtractedArticle[K] | undefined) => {
    if (value === undefined) delete bounded[key];
    else bounded[key] = value;
  };
  set('standfirst', optional(a.standfirst, L.standfirst));
  set('author', optional(a.author, L.author));
  set('siteName', optional(a.siteName, L.siteName));
  for (const key of ['published', 'modified', 'declaredLanguage', 'language'] as const) {
    const value = a[key];
    if (value !== undefined && value.length > L.short) set(key, undefined);
  }
  if (a.canonicalUrl !== undefined && a.canonicalUrl.length > L.url) set('canonicalUrl', undefined);
  if (a.image) {
    if (a.image.url.length > L.url) set('image', undefined);
    else {
      const { caption, credit, ...rest } = a.image;
      const c = optional(caption, L.caption);
      const r = optional(credit, L.credit);
      set('image', { ...rest, ...(c !== undefined ? { caption: c } : {}), ...(r !== undefined ? { credit: r } : {}) });
    }
  }
  return bounded;
}

/**
 * A translation may run longer than its original (Chinese into English, about three times the
 * characters), so its fields get three times the room; its blocks are never dropped, as a
 * translation has exactly the blocks of its original. A provider that answers with megabytes
 * (an LLM repeating itself) is cut like a page.
 */
const TRANSLATION_FACTOR = 3;

export function boundTranslation<
  T extends { title: string; standfirst?: string; blocks: Block[]; imageCaption?: string },
>(t: T): T {
  const L = ARTICLE_LIMITS;
  const bounded: T = {
    ...t,
    title: cutAtWord(t.title, L.title * TRANSLATION_FACTOR),
    blocks: t.blocks.map((b) => {
      const text = cutAtWord(b.text, L.blockText * TRANSLATION_FACTOR);
      const html = b.html !== undefined && b.html.length <= L.blockHtml * TRANSLATION_FACTOR ? b.html : undefined;
      return { kind: b.kind, text, ...(html !== undefined ? { html } : {}) };
    }),
  };
  if (t.standfirst !== undefined) bounded.standfirst = cutAtWord(t.standfirst, L.standfirst * TRANSLATION_FACTOR);
  if (t.imageCaption !== undefined) bounded.imageCaption = cutAtWord(t.imageCaption, L.caption * TRANSLATION_FACTOR);
  return bounded;
}
