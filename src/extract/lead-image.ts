import type { ArticleImage } from '../model/article.ts';
import { cleanText } from './blocks.ts';
import { classWords } from './boilerplate.ts';
import { closestByTag, elementsByTag, firstByTag, firstWhere, hasTag } from './dom.ts';
import { resolveUrl } from './metadata.ts';
import { CREDIT_CLASS, CREDIT_IN_CAPTION, LAZY_IMAGE_ATTRIBUTES, NOT_A_PHOTO } from './tuning.ts';

const IMG = new Set(['img']);
const FIGCAPTION = new Set(['figcaption']);
const ARTICLE = new Set(['article']);
const MAIN = new Set(['main']);
const FIGURE = new Set(['figure']);
/** A figure inside these is not the article's. */
const FURNITURE = new Set(['aside', 'nav', 'footer']);

/** The picture of a figure: its absolute URL, caption and credit, or undefined when it has no usable image. */
export function imageFromFigure(figure: Element, baseUrl: string): ArticleImage | undefined {
  const img = figure.localName === 'img' ? figure : firstByTag(figure, IMG);
  if (!img) return undefined;
  const url = imageUrl(img, baseUrl);
  if (!url) return undefined;
  const image: ArticleImage = { url };
  const captionEl = firstByTag(figure, FIGCAPTION);
  if (captionEl) Object.assign(image, splitCaption(captionEl));
  else {
    const alt = cleanText(img.getAttribute('alt') ?? '');
    if (alt.length > 15) image.caption = alt;
  }
  const width = Number.parseInt(img.getAttribute('width') ?? '', 10);
  const height = Number.parseInt(img.getAttribute('height') ?? '', 10);
  if (width > 0 && height > 0) Object.assign(image, { width, height });
  return image;
}

const CREDIT_LABEL = /^(?:(?:[Cc]redit|CREDIT|[Pp]hoto|PHOTO|[Ff]oto|FOTO|[Bb]ild|[Ii]mage)(?::\s*|\s+|(?=\p{Lu})))+/u;

/** The real URL of an image, looking through lazy-loading attributes and srcset (largest candidate). */
export function imageUrl(img: Element, baseUrl: string): string | undefined {
  for (const attr of LAZY_IMAGE_ATTRIBUTES) {
    const value = img.getAttribute(attr)?.trim();
    if (!value) continue;
    const candidate = attr.endsWith('srcset') ? largestFromSrcset(value) : value;
    const url = candidate ? resolveUrl(candidate, baseUrl) : undefined;
    if (url && !NOT_A_PHOTO.test(url)) return url;
  }
  return undefined;
}

function largestFromSrcset(srcset: string): string | undefined {
  let best: string | undefined;
  let bestSize = -1;
  for (const part of srcset.split(/,\s+/)) {
    const [url, descriptor] = part.trim().split(/\s+/);
    const size = Number.parseFloat(descriptor ?? '1') || 1;
    if (url && size > bestSize) {
      best = url;
      bestSize = size;
    }
  }
  return best;
}

/**
 * Separates the credit from the caption: an element classed as a credit (`<span class="credit">`),
 * else a trailing "Photo: …", "(Foto: …)" or "© …".
 */
export function splitCaption(captionEl: Element): { caption?: string; credit?: string } {
  const creditEl = firstWhere(captionEl, (el) => classWords(el).some((w) => CREDIT_CLASS.test(w)));
  let creditText = creditEl ? cleanText(creditEl.textContent ?? '') : undefined;
  let caption = cleanText(captionEl.textContent ?? '').replace(/\n/g, ' ');
  if (creditText) {
    caption = caption.replace(creditText, '').trim();
  } else {
    const match = CREDIT_IN_CAPTION.exec(caption);
    if (match?.[1] && match.index > 0) {
      creditText = match[1].trim();
      caption = caption.slice(0, match.index).trim();
    }
  }
  // Labels before the name, sometimes doubled by a visually hidden copy: "CreditCreditJane Doe", "Foto: dpa".
  const credit = creditText?.replace(CREDIT_LABEL, '').trim();
  return { ...(caption ? { caption } : {}), ...(credit ? { credit } : {}) };
}

/**
 * Finds a lead figure in the page before extraction: the first figure with a picture inside the
 * article element (or main), outside furniture. Readability sometimes leaves the lead picture
 * behind when it sits in the article header above the text.
 */
export function findHeaderFigure(document: Document): Element | undefined {
  const scope =
    firstByTag(document, ARTICLE) ??
    firstWhere(document, (el) => hasTag(el, MAIN) || el.getAttribute('role') === 'main');
  if (!scope) return undefined;
  for (const figure of elementsByTag(scope, FIGURE)) {
    if (firstByTag(figure, IMG) && !closestByTag(figure, FURNITURE)) return figure;
  }
  return undefined;
}
