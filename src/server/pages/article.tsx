import { sanitizeFragment } from '../../extract/sanitize.ts';
import type { Block } from '../../model/article.ts';
import { linkableUrl } from '../../net/web-url.ts';
import type { ArticleView } from '../../reader/views.ts';
import { Html } from '../jsx/jsx-runtime.ts';
import { articleImageUrl } from '../media-url.ts';
import type { PagePart } from '../page-parts.ts';
import { dirOf, Flag, OutletLogo } from './bits.tsx';
import type { PageKit } from './kit.ts';

function BlockView({ block, lang }: { block: Block; lang: string | undefined }) {
  // Attributes passed one by one (undefined ones are left out), not spread: a spread per block
  // was a measurable part of rendering a long article.
  const dir = lang ? dirOf(lang) : undefined;
  switch (block.kind) {
    case 'h2':
      return (
        <h2 lang={lang} dir={dir}>
          {block.text}
        </h2>
      );
    case 'h3':
      return (
        <h3 lang={lang} dir={dir}>
          {block.text}
        </h3>
      );
    case 'quote':
      return (
        <blockquote lang={lang} dir={dir}>
          {block.text}
        </blockquote>
      );
    case 'li':
      return (
        <p lang={lang} dir={dir}>
          • {block.text}
        </p>
      );
    case 'pre':
      return (
        <pre lang={lang} dir={dir}>
          {block.text}
        </pre>
      );
    case 'table':
      // Table HTML is the only foreign markup shown; sanitized at extraction and again here, so
      // a row written by an older version or another tool cannot carry script.
      return block.html ? (
        <div
          class="table-wrap"
          lang={lang}
          dir={dir}
          dangerouslySetInnerHTML={{ __html: sanitizeFragment(block.html) }}
        />
      ) : (
        <p lang={lang} dir={dir}>
          {block.text}
        </p>
      );
    default:
      return (
        <p lang={lang} dir={dir}>
          {block.text}
        </p>
      );
  }
}

/**
 * The article page's content: the article, then the story around it (`aside`, the parts
 * `storyAside` gives: pages of one story share most of it, some of it encoded already).
 */
export function articlePage(props: {
  kit: PageKit;
  a: ArticleView;
  aside: readonly PagePart[];
  showOriginal: boolean;
}) {
  return [
    new Html(
      `<div class="article-layout">${(<ArticleMain kit={props.kit} a={props.a} showOriginal={props.showOriginal} />).html}<aside class="side" aria-label="The story around this article">`,
    ),
    ...props.aside,
    ASIDE_END,
  ];
}

const ASIDE_END = new Html('</aside></div>');

function ArticleMain({ kit, a, showOriginal }: { kit: PageKit; a: ArticleView; showOriginal: boolean }) {
  const translated = a.translationStatus === 'translated';
  // The headline (and standfirst) are in English as soon as they are translated, before the body.
  const headlineEnglish = translated || a.translationStatus === 'body-pending';
  const lang = a.language;
  const published = a.published ? new Date(a.published) : null;
  return (
    <article class={showOriginal ? 'show-original' : undefined} id="article" aria-labelledby="headline">
      <header class="article-head">
        <div class="outlet">
          <OutletLogo outlet={a.outlet} size={32} />
          <span>{a.outlet.name}</span>
        </div>
        <h1 id="headline" lang={headlineEnglish ? 'en' : lang} dir={headlineEnglish ? 'ltr' : dirOf(lang)}>
          {a.title}
        </h1>
        {headlineEnglish ? (
          <p class="original-title" lang={lang} dir={dirOf(lang)}>
            {a.originalTitle}
          </p>
        ) : null}
        <p class="byline">
          <a href={`/countries/${a.country.toLowerCase()}`}>
            <Flag code={a.country} /> {kit.countryName(a.country)}
          </a>
          {published ? (
            <>
              <span aria-hidden="true">·</span>
              <time dateTime={a.published ?? ''}>{published.toUTCString().replace(/:\d\d GMT$/, ' UTC')}</time>
            </>
          ) : null}
          {a.author ? (
            <>
              <span aria-hidden="true">·</span>
              <span>{a.author}</span>
            </>
          ) : null}
        </p>
      </header>
      <LeadFigure a={a} />
      <TranslationBar a={a} showOriginal={showOriginal} />
      {a.standfirst ? (
        <p class="lede" lang={headlineEnglish && a.standfirst !== a.originalStandfirst ? 'en' : lang}>
          {a.standfirst}
        </p>
      ) : null}
      <div class="article-body">
        {a.blocks.map((b, i) => (
          <>
            <BlockView block={b} lang={translated ? 'en' : lang} />
            {translated && a.originalBlocks[i] ? (
              <div class="block-original" lang={lang} dir={dirOf(lang)}>
                {a.originalBlocks[i].text}
              </div>
            ) : null}
          </>
        ))}
        {a.paywalled ? (
          <p class="muted">This article is behind the outlet’s paywall; only its opening is shown.</p>
        ) : null}
      </div>
      {/* Checked again here: an address stored before http(s) was required is never a link. */}
      {linkableUrl(a.url) ? (
        <p class="source-link">
          <a class="button" href={a.url} rel="noopener noreferrer nofollow" target="_blank">
            Read the original on {a.outlet.name}
          </a>
        </p>
      ) : null}
    </article>
  );
}

/**
 * The lead image, only when Meridian stored a copy of it. Without one (gone, refused, not fetched
 * yet) the figure keeps its caption, which often says what the photo would have shown; with
 * neither there is no figure at all.
 */
function LeadFigure({ a }: { a: ArticleView }) {
  const image = a.image;
  const stored = image?.stored;
  const hasCaption = Boolean(image?.caption || image?.credit);
  if (!image || (!stored && !hasCaption)) return null;
  const lang = a.language;
  return (
    <figure class={stored ? 'lead-figure' : 'lead-figure no-image'}>
      {stored ? (
        <img
          src={articleImageUrl(a.id, 'lead', stored.version)}
          alt={a.imageCaptionEnglish ?? image.caption ?? ''}
          decoding="async"
          fetchpriority="high"
          width={stored.width}
          height={stored.height}
        />
      ) : null}
      {hasCaption ? (
        <figcaption>
          {image.caption ? (
            <span lang={lang} dir={dirOf(lang)}>
              {image.caption}
            </span>
          ) : null}
          {a.imageCaptionEnglish ? <span class="caption-en">{a.imageCaptionEnglish}</span> : null}
          {image.credit ? <span class="muted"> ({image.credit})</span> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}

function TranslationBar({ a, showOriginal }: { a: ArticleView; showOriginal: boolean }) {
  if (a.translationStatus === 'not-needed') return null;
  if (a.translationStatus === 'translated' && a.translation) {
    return (
      <div class="translation-bar" id="translation-bar">
        <span>
          Translated from <strong>{languageName(a.language)}</strong> by {a.translation.provider}
          {a.translation.model && a.translation.model !== a.translation.provider ? ` (${a.translation.model})` : ''}.
        </span>
        <a
          class="button secondary"
          id="toggle-original"
          href={showOriginal ? `/articles/${a.id}` : `/articles/${a.id}?original=1`}
        >
          {showOriginal ? 'Hide the original' : 'Show the original'}
        </a>
      </div>
    );
  }
  return (
    <div class="translation-bar pending" id="translation-bar">
      {a.translationStatus === 'body-pending'
        ? `The headline is translated; the translation of the article is on its way. Shown in the original ${languageName(a.language)} meanwhile.`
        : a.translationStatus === 'pending'
          ? `Translation on its way: shown in the original ${languageName(a.language)} meanwhile.`
          : `Shown in the original ${languageName(a.language)}: translation is turned off on this server.`}
    </div>
  );
}

const names = new Intl.DisplayNames(['en'], { type: 'language' });
const nameCache = new Map<string, string>();

/** English name of a language tag ("zh-Hant" → "Traditional Chinese"), memoized: pages ask often. */
export function languageName(tag: string): string {
  let name = nameCache.get(tag);
  if (name === undefined) {
    try {
      name = names.of(tag) ?? tag;
    } catch {
      name = tag;
    }
    if (nameCache.size < 1000) nameCache.set(tag, name);
  }
  return name;
}
