import type { ArticleImage, Block, ExtractedArticle } from '../model/article.ts';
import { type BodyBlocks, blocksFromElement, cleanText, emptyBody, linkDensity } from './blocks.ts';
import { removeBoilerplate } from './boilerplate.ts';
import { cleanBody } from './cleanup.ts';
import { depthExceeds, firstByTag } from './dom.ts';
import { blocksFromEmbeddedJson } from './embedded-json.ts';
import { baselineBlocks, blocksFromArticleBody } from './fallback.ts';
import { findIntro } from './intro.ts';
import { findHeaderFigure, imageFromFigure } from './lead-image.ts';
import { normalizeDate, type PageMetadata, readMetadata } from './metadata.ts';
import { preparePage } from './parse.ts';
import { runReadability } from './readability.ts';
import {
  BYLINE_PREFIX,
  CJK_LENGTH_FACTOR,
  FALLBACK_BELOW_CHARS,
  FALLBACK_GAIN,
  LEAD_IMAGE_MAX_BLOCK_INDEX,
  LINK_BLOCK_DENSITY,
  MAX_DOM_DEPTH,
  MAX_HTML_CHARS,
  MAX_LINK_DENSITY,
  MIN_ARTICLE_CHARS,
  RESCUE_MIN_SENTENCE_SHARE,
  STANDFIRST_COPY_CHARS,
  STANDFIRST_MIN_OVERLAP,
} from './tuning.ts';

export interface ExtractOptions {
  /** Body length (characters, CJK weighted) from which a body is credible without a rescue. */
  minChars?: number;
}

/** Which step of the cascade produced the body (for evaluation and debugging). */
export type BodySource = 'readability' | 'json-ld' | 'baseline' | 'embedded-json';

/**
 * Extracts the article of one HTML page. Pure: no network, no storage. Returns null when the page
 * holds no article: nothing but links (a home page, an index) or no text at all.
 *
 * The cascade, in one place:
 *  0. Cut scripts, styles, inline SVG and comments out of the string and give linkedom a whole
 *     document (parse.ts): half the parse time, and pages with junk before `<html>` still parse.
 *  1. Read the page's own metadata first (JSON-LD, OpenGraph, meta tags, `<time>`, `<html lang>`),
 *     because Readability removes the scripts that hold JSON-LD; note the lead figure and the
 *     intro paragraph of the article header (intro.ts), which Readability may leave behind.
 *  2. Remove page furniture (navigation, share bars, comments, related links, cookie and newsletter
 *     boxes, ads, author boxes, hidden elements) by tag, ARIA role and class/id words: boilerplate.ts.
 *  3. Readability (mozilla/readability 0.6 on linkedom) picks the main container; its content is
 *     turned into ordered blocks (p, h2, h3, quote, li, pre, table) by blocks.ts.
 *  4. Block clean-up (cleanup.ts) of every candidate body: furniture labels, picture credits,
 *     "Related" headings with their links, trailing link lists, date and byline lines at either
 *     end. The intro paragraph leads the body when the body lacks it.
 *  5. A body is a credible article when it reaches MIN_ARTICLE_CHARS (CJK weighted) with at most
 *     MAX_LINK_DENSITY of its text in links. When Readability's body is shorter than
 *     FALLBACK_BELOW_CHARS or not credible, two rescues compete: the JSON-LD articleBody, then a
 *     baseline that re-parses the page and takes the element whose paragraphs hold the most text
 *     (fallback.ts). A credible rescue replaces Readability's body only if it is FALLBACK_GAIN
 *     times longer, so a short but real article keeps Readability's cleaner output.
 *  6. When no candidate is credible the page is "unsure", and an unsure page keeps its article:
 *     the first candidate with text that is not mostly links wins (a short post, a brief wire
 *     story: a length rule misjudges scripts without spaces and languages with long words), else
 *     the first whose blocks outside links still make a credible article (a press release above
 *     an index of others). Only a page with nothing but links or nothing at all is no article
 *     (null). Pages nested deeper than MAX_DOM_DEPTH (hostile or broken markup) are refused
 *     right after parsing.
 *  7. Before a page is called "no article", the JSON it embeds for its scripts (Next.js data,
 *     React props, state assignments) is searched for the object titled as the page; its prose
 *     strings are the body (embedded-json.ts): pages rendered in the browser have no text in
 *     their markup at all.
 * Every threshold and pattern lives in tuning.ts.
 */
export function extractArticle(html: string, url: string, options: ExtractOptions = {}): ExtractedArticle | null {
  return extractWithSource(html, url, options)?.article ?? null;
}

/** extractArticle, also telling which step of the cascade produced the body. */
export function extractWithSource(
  html: string,
  url: string,
  options: ExtractOptions = {},
): { article: ExtractedArticle; source: BodySource } | null {
  const { source, document } = preparePage(html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html);
  if (depthExceeds(document.documentElement, MAX_DOM_DEPTH)) return null;
  const meta = readMetadata(document, url);
  const headerFigure = findHeaderFigure(document);
  const headerImage = headerFigure ? imageFromFigure(headerFigure, meta.baseUrl) : undefined;
  const pageTitle = cleanText(firstByTag(document, TITLE)?.textContent ?? '');
  const h1 = cleanText(firstByTag(document, H1)?.textContent ?? '');
  const intro = findIntro(document, meta.title ?? pageTitle);
  removeBoilerplate(document);

  const parsed = runReadability(document);
  const minChars = options.minChars ?? MIN_ARTICLE_CHARS;
  const rescues: [BodySource, () => BodyBlocks][] = [
    ['json-ld', () => blocksFromArticleBody(meta.articleBody ?? '')],
    ['baseline', () => baselineBlocks(source)],
  ];
  const readability = finishBody(parsed?.content ? blocksFromElement(parsed.content) : emptyBody(), intro);
  const chosen =
    chooseBody(readability, rescues, intro, minChars) ??
    embeddedArticle(html, [meta.title ?? '', h1, ...titleParts(pageTitle)], intro);
  if (!chosen) return null;
  const { body, source: bodySource } = chosen;

  const title = meta.title ?? (parsed?.title || h1 || pageTitle);
  const blocks = dropTitleEcho(body.blocks, title);
  const article: ExtractedArticle = { title: cleanText(title).replace(/\n/g, ' '), blocks };
  const standfirst = chooseStandfirst(meta.description, blocks, title, siteNameOf(meta, pageTitle));
  if (standfirst) article.standfirst = standfirst;
  const author = meta.author ?? cleanByline(parsed?.byline);
  if (author) article.author = author;
  const published = meta.published ?? normalizeDate(parsed?.publishedTime);
  if (published) article.published = published;
  if (meta.modified) article.modified = meta.modified;
  if (meta.declaredLanguage) article.declaredLanguage = meta.declaredLanguage;
  if (meta.canonicalUrl) article.canonicalUrl = meta.canonicalUrl;
  const siteName = meta.siteName ?? parsed?.siteName ?? undefined;
  if (siteName) article.siteName = siteName;
  const image = chooseLeadImage(body, headerImage, meta);
  if (image) article.image = image;
  if (meta.paywalled !== undefined) article.paywalled = meta.paywalled;
  return { article, source: bodySource };
}

const TITLE = new Set(['title']);
const H1 = new Set(['h1']);

/**
 * Step 4 and 6 of the cascade. A rescue replaces Readability's body only when that body is short
 * and the rescue is a credible article FALLBACK_GAIN times longer; when Readability's body is no
 * credible article, the first rescue that is one wins. When none is credible, the decision is
 * "unsure", and an unsure page keeps its article: any candidate with text that is not mostly
 * links (a short blog post, a brief wire story) is returned rather than lost. Only a page whose
 * every candidate is empty or a list of links has no article.
 */
function chooseBody(
  readability: BodyBlocks,
  rescues: [BodySource, () => BodyBlocks][],
  intro: string | undefined,
  minChars: number,
): { body: BodyBlocks; source: BodySource } | null {
  const candidates: { body: BodyBlocks; source: BodySource }[] = [{ body: readability, source: 'readability' }];
  const rescue = (i: number) => {
    const [source, run] = rescues[i]!;
    candidates[i + 1] ??= { body: finishBody(run(), intro), source };
    return candidates[i + 1]!;
  };
  const readabilityLength = weightedLength(readability.blocks);
  const credible = isArticle(readability, minChars);
  if (credible && readabilityLength >= FALLBACK_BELOW_CHARS) return candidates[0]!;
  let best = credible ? candidates[0] : undefined;
  for (let i = 0; i < rescues.length; i++) {
    const candidate = rescue(i);
    if (!isArticle(candidate.body, minChars)) continue;
    // A credible article is replaced only by prose, not by a longer list of labels or paths.
    if (credible && sentenceShare(candidate.body.blocks) < RESCUE_MIN_SENTENCE_SHARE) continue;
    const floor = best ? weightedLength(best.body.blocks) * FALLBACK_GAIN : 0;
    if (weightedLength(candidate.body.blocks) > Math.max(floor, 1)) best = candidate;
  }
  if (best) return best;
  for (const candidate of candidates) {
    if (hasOwnText(candidate.body)) return candidate;
    // A page of link lists around real prose (a press release above an index of others): the
    // prose without the link blocks, when there is enough of it to be an article on its own.
    const prose = withoutLinkBlocks(candidate.body);
    if (isArticle(prose, minChars)) return { body: prose, source: candidate.source };
  }
  return null;
}

/**
 * Step 7: a page whose DOM holds no article may still carry it in the JSON its script renders from
 * (embedded-json.ts). Tried last, on the raw page (the scripts are cut before parsing), so it costs
 * nothing on the pages that have an article in their markup.
 */
function embeddedArticle(
  html: string,
  titles: string[],
  intro: string | undefined,
): { body: BodyBlocks; source: BodySource } | null {
  const body = finishBody(blocksFromEmbeddedJson(html.slice(0, MAX_HTML_CHARS), titles), intro);
  return hasOwnText(body) ? { body, source: 'embedded-json' } : null;
}

/** A page title and its parts around the usual separators ("Headline | Site", "Headline - Site"). */
function titleParts(pageTitle: string): string[] {
  return [pageTitle, ...pageTitle.split(/\s[|–—-]\s|_/).map((part) => part.trim())];
}

/**
 * A sentence end in the scripts of the catalog: a full stop, question or exclamation mark (Latin,
 * Arabic, Devanagari, Greek, Armenian, Ethiopic) before a space or the end of the block, so that
 * `file.php` or `3.5` is none; the full-width marks of CJK, which no space follows.
 */
const SENTENCE_END = /[.!?…;؟।։።](?=\s|$)|[。！？]/;

/**
 * Share of the text in blocks that hold a sentence end: prose is written in sentences in every
 * script, while a list of widget labels, numbers or file paths is not.
 */
function sentenceShare(blocks: Block[]): number {
  let total = 0;
  let inSentences = 0;
  for (const b of blocks) {
    total += b.text.length;
    if (SENTENCE_END.test(b.text)) inSentences += b.text.length;
  }
  return total === 0 ? 0 : inSentences / total;
}

/** Some text outside links: what an unsure page must have to be kept. */
function hasOwnText(body: BodyBlocks): boolean {
  return body.blocks.length > 0 && linkDensity(body) <= MAX_LINK_DENSITY;
}

/** The body without its blocks that are mostly link text (headlines of other pages, link lists). */
function withoutLinkBlocks(body: BodyBlocks): BodyBlocks {
  const keep = body.blocks.map((b, i) => (body.links[i] ?? 0) < b.text.length * LINK_BLOCK_DENSITY);
  return {
    blocks: body.blocks.filter((_, i) => keep[i]),
    links: body.links.filter((_, i) => keep[i]),
    figures: [],
  };
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/g;

/** Body length in characters, with CJK characters counted CJK_LENGTH_FACTOR times. */
function weightedLength(blocks: Block[]): number {
  let total = 0;
  for (const b of blocks) total += b.text.length + (b.text.match(CJK)?.length ?? 0) * (CJK_LENGTH_FACTOR - 1);
  return total;
}

function finishBody(body: BodyBlocks, intro: string | undefined): BodyBlocks {
  const cleaned = cleanBody(body);
  return intro ? withIntro(cleaned, intro) : cleaned;
}

/** Long enough, and not mostly links. */
function isArticle(body: BodyBlocks, minChars: number): boolean {
  return linkDensity(body) <= MAX_LINK_DENSITY && weightedLength(body.blocks) >= minChars;
}

/** Letters and digits only, lower-cased, in any script: for comparing texts that differ in punctuation. */
function norm(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The intro paragraph leads the body unless the body already has it. */
function withIntro(body: BodyBlocks, intro: string): BodyBlocks {
  const probe = norm(intro).slice(0, 120);
  if (!probe || body.blocks.some((b) => norm(b.text).includes(probe))) return body;
  return {
    blocks: [{ kind: 'p', text: intro }, ...body.blocks],
    links: [0, ...body.links],
    figures: body.figures.map((f) => ({ ...f, blockIndex: f.blockIndex + 1 })),
  };
}

/** Readability keeps a leading heading that repeats the title; the title is already a field. */
function dropTitleEcho(blocks: Block[], title: string): Block[] {
  const first = blocks[0];
  if (first && (first.kind === 'h2' || first.kind === 'h3') && sameText(first.text, title)) return blocks.slice(1);
  return blocks;
}

function sameText(a: string, b: string): boolean {
  const letters = norm(a);
  return letters !== '' && letters === norm(b);
}

/**
 * The description is a standfirst only when it says something the first paragraphs do not, and
 * is about this article: not the lead copied with the site's slogan glued on, not the site's own
 * description repeated on every page (it names the site and shares almost no words with the body).
 */
function chooseStandfirst(
  description: string | undefined,
  blocks: Block[],
  title: string,
  siteName: string | undefined,
): string | undefined {
  const text = cleanText(description ?? '').replace(/\n/g, ' ');
  const letters = norm(text);
  const titleLetters = norm(title);
  if (text.length < 20 || !letters) return undefined;
  // A description that is only the title ("Title" against "Title_Section_Site") says nothing new.
  if (titleLetters && (titleLetters.startsWith(letters) || letters.startsWith(titleLetters))) return undefined;
  const probe = norm(text.replace(/(?:\.\.\.|…)$/, '')).slice(0, 80);
  for (const block of blocks.slice(0, 3)) {
    const first = norm(block.text);
    if (first.startsWith(probe) || (first.length > 40 && probe.startsWith(first.slice(0, 80)))) return undefined;
    if (sharedPrefix(first, probe) >= STANDFIRST_COPY_CHARS) return undefined;
  }
  const site = norm(siteName ?? '');
  const body = blocks.map((b) => b.text).join(' ');
  if (site.length >= 2 && letters.includes(site) && wordOverlap(text, body) < STANDFIRST_MIN_OVERLAP) return undefined;
  return text;
}

/**
 * The site's name: og:site_name, else the last part of a title such as "Headline_Site" or
 * "Headline | Site" (in Chinese and Japanese titles, a space also separates the parts).
 */
function siteNameOf(meta: PageMetadata, pageTitle: string): string | undefined {
  if (meta.siteName) return meta.siteName;
  const parts = pageTitle.split(HAN_OR_KANA.test(pageTitle) ? /\s[|–—-]\s|[_\s]/ : /\s[|–—-]\s|_/);
  return parts.length >= 2 ? parts[parts.length - 1]!.trim() : undefined;
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

const HAN_OR_KANA = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Words of any script: runs of letters, or pairs of characters in scripts written without spaces. */
function contentWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (!HAN_OR_KANA.test(run)) {
      if (run.length > 2) out.add(run);
      continue;
    }
    for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  }
  return out;
}

/** Share of the words of `text` that occur in `body`. */
function wordOverlap(text: string, body: string): number {
  const words = contentWords(text);
  if (words.size === 0) return 1;
  const inBody = contentWords(body);
  let shared = 0;
  for (const w of words) if (inBody.has(w)) shared++;
  return shared / words.size;
}

/**
 * The first figure of the article element (seen before Readability, which may drop a figure in
 * the article header), else a figure before the first paragraphs of the body, else og:image.
 */
function chooseLeadImage(
  body: BodyBlocks,
  headerImage: ArticleImage | undefined,
  meta: PageMetadata,
): ArticleImage | undefined {
  if (headerImage) return headerImage;
  for (const { element, blockIndex } of body.figures) {
    if (blockIndex > LEAD_IMAGE_MAX_BLOCK_INDEX) break;
    const image = imageFromFigure(element, meta.baseUrl);
    if (image) return image;
  }
  return meta.image;
}

function cleanByline(byline: string | null | undefined): string | undefined {
  const text = cleanText(byline ?? '')
    .replace(/\n/g, ' ')
    .replace(BYLINE_PREFIX, '');
  return text && text.length <= 100 ? text : undefined;
}
