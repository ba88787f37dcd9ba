/**
 * Every tuning constant and pattern of the extractor, kept together as data so that a change of
 * heuristic is a change of one line here. Each entry says why it exists.
 */

/** Pages larger than this are cut before parsing: no news article needs more, and DOM cost is linear. */
export const MAX_HTML_CHARS = 3_000_000;

/**
 * Pages nested deeper than this are refused: real pages stay under about 60 levels, while the cost
 * of Readability and of recursive walks grows with depth (1,000 levels take seconds, 20,000
 * overflow the stack).
 */
export const MAX_DOM_DEPTH = 400;

/**
 * A description that starts with this many of the same letters as one of the first paragraphs
 * is that paragraph copied (often with the site's slogan after it), not a standfirst.
 */
export const STANDFIRST_COPY_CHARS = 30;

/**
 * A description that names the site and shares less than this share of its words (character
 * pairs in CJK) with the body is about the site, not the article ("X News is the leading…").
 */
export const STANDFIRST_MIN_OVERLAP = 0.25;

/** Below this many characters of body text the page is treated as having no article (home, index, error pages). */
export const MIN_ARTICLE_CHARS = 140;

/**
 * CJK scripts pack a word into one or two characters, so a Chinese or Japanese article reaches the
 * same amount of content in about a third of the characters.
 */
export const CJK_LENGTH_FACTOR = 3;

/**
 * When Readability's text is shorter than this, the fallbacks (JSON-LD articleBody, the baseline)
 * are tried as well and the longest credible result wins.
 */
export const FALLBACK_BELOW_CHARS = 1000;

/**
 * The embedded-JSON rescue (embedded-json.ts): a string is prose from this many characters, a
 * script or attribute larger than EMBEDDED_JSON_MAX_CHARS is not parsed (megabytes of product data),
 * and at most EMBEDDED_JSON_MAX_SOURCES of them are parsed per page.
 */
export const EMBEDDED_PROSE_MIN_CHARS = 40;
export const EMBEDDED_JSON_MAX_CHARS = 2_000_000;
export const EMBEDDED_JSON_MAX_SOURCES = 50;

/** Keys under which page-state JSON names an article: the object whose title is the page's title is the article. */
export const EMBEDDED_TITLE_KEYS = ['headline', 'title', 'name'];

/**
 * A rescue replaces a credible Readability body only when at least this share of its text sits in
 * blocks with a sentence end (a sidebar list of PHP warnings is longer than a short post, but it
 * is not prose).
 */
export const RESCUE_MIN_SENTENCE_SHARE = 0.5;

/** A candidate from a fallback must be this much longer than Readability's text to replace it. */
export const FALLBACK_GAIN = 1.5;

/** Share of the body text sitting inside links above which the result is a list of links, not an article. */
export const MAX_LINK_DENSITY = 0.55;

/** Readability's first-attempt threshold before it relaxes its rules (250 lowered F1 on both sets). */
export const READABILITY_CHAR_THRESHOLD = 500;

/** Readability's default number of top candidates; 10 changed nothing on either evaluation set. */
export const READABILITY_TOP_CANDIDATES = 5;

/** An element whose class/id says "boilerplate" is still kept when it holds this share of the page's text. */
export const BOILERPLATE_MAX_SHARE = 0.5;

/**
 * Class and id words (split on `-`, `_`, spaces and camelCase) that mark an element as page furniture
 * wherever it appears: navigation, comments, related links, ads, newsletter and cookie boxes.
 * A class name whose last word is a content word (`comment-content`, `sidebar-and-content-body`)
 * names the content inside the furniture and does not count.
 */
export const BOILERPLATE_WORDS = new Set([
  'nav',
  'navbar',
  'navigation',
  'menu',
  'breadcrumb',
  'breadcrumbs',
  'sidebar',
  'comment',
  'comments',
  'kommentare',
  'disqus',
  'respond',
  'related',
  'recommended',
  'recommendations',
  'newsletter',
  'subscribe',
  'subscription',
  'signup',
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'cmp',
  'outbrain',
  'taboola',
  'popup',
  'footer',
  'masthead',
  'pagination',
  // MediaWiki's "[edit]" links after every heading.
  'editsection',
  'pager',
  'skiplink',
  'tagcloud',
  'trending',
  'popular',
  'donate',
  'login',
]);

/**
 * Weaker furniture words: also used as modifiers on article wrappers (`entry share`, `no-share`,
 * `elementor-widget-wrap`, `post tag-politics`, `content-behind-paywall`), so they remove an
 * element only when it holds no prose (see PROSE_PARAGRAPHS).
 */
export const WEAK_BOILERPLATE_WORDS = new Set([
  // Ad slots never hold prose; a section classed `--ads` that does is an article section with a slot in it.
  'advert',
  'advertisement',
  'ad',
  'ads',
  'adslot',
  'adunit',
  'dfp',
  'sponsor',
  'sponsored',
  'promo',
  'share',
  'sharing',
  'sharebar',
  'shariff',
  'social',
  'socials',
  'sociallinks',
  'widget',
  'widgets',
  'tag',
  'tags',
  'print',
  'rating',
  'ratings',
  'toolbar',
  'modal',
  'overlay',
  'banner',
  'teaser',
  'teasers',
  'more',
  'readmore',
  'follow',
  'search',
  'paywall',
  'skip',
]);

/**
 * Compound class names of boxes that hold prose but are never the article: author boxes and
 * bios, post-meta footers, community notices. Matched on the raw class and id string.
 */
export const FURNITURE_CLASS =
  /author[-_]?(?:box|bio|info|card|description|profile|details)|about[-_]?(?:the[-_]?)?author|saboxplugin|post[-_]?meta(?:data)?\b|entry[-_]?(?:meta|footer)\b|community[-_]?notice/i;

/**
 * Words of a class name that mark live coverage (`live-match-comment`, `liveblog-comment`,
 * `ticker-comment`): there a "comment" is the newsroom's running commentary, the article itself,
 * not a reader's comment. They lift only the comment words, in the same class name.
 */
export const LIVE_COVERAGE_WORDS = new Set(['live', 'liveblog', 'liveticker', 'ticker', 'direct']);
/** The furniture words that live coverage lifts (see LIVE_COVERAGE_WORDS). */
export const COMMENT_WORDS = new Set(['comment', 'comments', 'kommentare']);

/** Last words of a class name that say "this is the content" (`comment-content`, `article-body`). */
export const CONTENT_HEAD_WORDS = new Set(['content', 'body', 'text', 'article', 'story', 'entry', 'main']);

/** Words of a class name that names the article (`article-body`, `entry-content`, `story`). */
export const CONTENT_NAME_WORDS = new Set(['article', 'content', 'body', 'story', 'entry', 'post', 'text']);

/**
 * An element holds prose when it has this many paragraphs of at least PROSE_PARAGRAPH_CHARS, or
 * (pages that write paragraphs as `<br>`-separated text) PROSE_TEXT_CHARS of text outside links.
 */
export const PROSE_PARAGRAPHS = 2;
export const PROSE_PARAGRAPH_CHARS = 100;
export const PROSE_TEXT_CHARS = 500;

/**
 * A hidden element holding this much text is more likely an article that a script reveals ("read
 * more", consent walls) than furniture: it is shown rather than removed.
 */
export const HIDDEN_PROSE_CHARS = 1000;

/**
 * Words that mark small furniture inside the article (bylines, date lines, author boxes, captions):
 * removed only when the element is short, because the same words appear on whole-article wrappers
 * (`post-meta-content`).
 */
export const SMALL_BOILERPLATE_WORDS = new Set([
  'byline',
  'author',
  'authors',
  'bio',
  'dateline',
  'date',
  'time',
  'timestamp',
  'published',
  'updated',
  'meta',
  'postmeta',
  'entrymeta',
  'info',
  'credit',
  'credits',
  'copyright',
  'caption',
  'source',
  // Kickers: the one-word section label above a headline.
  'kicker',
  'overline',
  'eyebrow',
  'dachzeile',
  'topline',
  'rubric',
  'rubrik',
]);

/**
 * A link or span whose parent holds this many characters of its own text beside it is part of a
 * sentence, and class words (`popup`, `tooltip`, `share`) do not remove it.
 */
export const PHRASE_CONTEXT_CHARS = 40;

/** "Small" for SMALL_BOILERPLATE_WORDS, in characters of text. */
export const SMALL_ELEMENT_CHARS = 250;

/** Tags removed before extraction: never article text. */
export const REMOVED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'iframe',
  'object',
  'embed',
  'nav',
  'aside',
  'footer',
  'button',
  'select',
  'input',
  'textarea',
  'dialog',
  'menu',
  'link',
  'meta',
]);

/** ARIA roles of page furniture. */
export const BOILERPLATE_ROLES = new Set([
  'navigation',
  'banner',
  'contentinfo',
  'complementary',
  'search',
  'dialog',
  'alertdialog',
  'menu',
  'menubar',
  'toolbar',
]);

/** Inline style that hides an element. */
export const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/**
 * Short blocks that are labels of furniture rather than text ("Advertisement", "Read more", "Share
 * this article"), in the languages the catalog covers most. Anchored: they must be the whole block.
 */
export const FURNITURE_LINE =
  /^[\s*|•·–—-]*(?:(?:\d+\s+)?(?:kommentare?|comments?|commentaires?|comentarios?)(?:\s*(?:schreiben|geschlossen|are closed|closed|\(\d+\)))?|zurück|back|load more|show more|mehr laden|lade weitere inhalte|bild anzeigen|show image|advertisement|advertising|anzeige|werbung|publicidad|publicité|pubblicità|reklama|реклама|广告|廣告|إعلان|sponsored|read more|read also|see also|more on this|related(?: articles| stories| coverage)?|lesen sie auch|mehr zum thema|auch interessant|weiterlesen|lire aussi|à lire aussi|leer más|lea también|ver también|leggi anche|czytaj także|читайте также|share(?: this)?(?: article| story| page)?|teilen|partager|compartir|condividi|follow us.*|folgen sie uns.*|sign up.*newsletter.*|subscribe.*|abonnieren.*|print|drucken|imprimer|tweet|e-?mail|whatsapp|facebook|twitter|linkedin)[\s:.!…»>→-]*$/i;

/** Blocks no longer than this many characters are checked against FURNITURE_LINE. */
export const FURNITURE_LINE_MAX_CHARS = 60;

/**
 * Headings that open a box of links to other pages ("Related articles", "Mehr zum Thema", "Czytaj
 * też"): the heading goes, and so do the link-dense blocks under it. Anchored to the whole block.
 */
export const RELATED_HEADING =
  /^(?:related(?: articles| stories| posts| coverage| content| reading)?|recommended(?: for you)?|you (?:might|may) also like|more (?:from|on|about|stories|news)\b.*|read (?:more|also|next)|see also|explore further|further reading|popular|most read|trending|das könnte sie (?:auch )?interessieren|das (?:thema )?könnte dich (?:auch )?interessieren|mehr zum thema.*|mehr aus .*|weitere (?:artikel|beiträge|informationen|themen|tipps|tourentipps).*|weiterführende links?|verwandte (?:artikel|beiträge|themen)|ähnliche beiträge|empfohlene beiträge|auch interessant|lesen sie auch.*|auch lesen|schon gelesen\??|zum weiterlesen|noch mehr .{0,30}|entdecken? (?:sie )?(?:jetzt )?(?:weitere|mehr) .{0,40}|themen im artikel|inhaltsverzeichnis|table of contents|contents|über (?:den|die) autor(?:in)?|about the author|zusatzinformationen|kontakt|contact|quellen(?:angaben)?|meistgelesen|à lire aussi|lire aussi|sur le même sujet|dans la même rubrique|leer más|lea también|(?:te|le) puede interesar|noticias relacionadas|leggi anche|potrebbe interessarti|czytaj (?:też|także|więcej)|zobacz (?:też|także)|polecamy|читайте также|похожие (?:статьи|новости)|相關新聞|相关新闻|延伸閱讀|延伸阅读|関連記事|اقرأ أيضا|مواضيع ذات صلة)[\s:.!…»>→-]*$/i;

/**
 * A short line that is a picture credit left in the text: an agency or picture library name, on its
 * own or after a photographer ("AFP / Jane Doe", "Foto: dpa", "Getty Images").
 */
export const CREDIT_LINE =
  /^[^.!?]{0,50}\b(?:getty ?images|afp|reuters|dpa|ap photo|associated press|istock(?:photo)?(?:\.com)?|shutterstock(?:\.com)?|imago(?: images)?|picture[- ]alliance|wenn\.com|keystone|epa(?:-efe)?|anadolu|xinhua|kyodo|ansa|efe|sputnik|tass)\b[^.!?]{0,40}$/i;
export const CREDIT_LINE_MAX_CHARS = 80;

/**
 * A short block that opens with "Read also:" (and then names another article) is a pointer to
 * another page, whatever follows the colon.
 */
export const READ_ALSO_LINE =
  /^(?:read (?:more|also|next)|see also|more on this|related|auch lesen|lesen sie (?:auch|mehr)|mehr zum thema|siehe auch|à lire aussi|lire aussi|voir aussi|lea (?:también|más)|vea también|ver también|(?:le|te) puede interesar|puedes ver|mira|mire|leggi anche|czytaj (?:też|także|więcej)|zobacz (?:też|także)|читайте также|延伸閱讀|延伸阅读|相關新聞|相关新闻|اقرأ أيضا)\s*[:：»>|–-]/i;
export const READ_ALSO_MAX_CHARS = 250;

/** A "Read more" link glued to the end of a paragraph (teaser excerpts): cut from the text. */
export const READ_MORE_TAIL =
  /\s*(?:\[(?:…|\.\.\.)\]\s*)?(?:read more|continue reading|weiterlesen|mehr lesen|lire la suite|leer más|seguir leyendo|leggi tutto|czytaj dalej)\s*[»>→.…]*$/i;

/** A block counts as a link when at least this share of its characters sit inside links. */
export const LINK_BLOCK_DENSITY = 0.5;

/**
 * Short lines at the top or bottom of the body that are metadata, not text: date lines, "posted
 * by", "Von Jana", photo and source credits, copyright lines.
 */
export const METADATA_LINE =
  /^(?:(?:posted|published|updated|written|filed|this entry was posted|veröffentlicht|aktualisiert|erstellt|geschrieben|der beitrag wurde|publié|mis à jour|publicado|actualizado|pubblicato|opublikowano)\b.*|(?:by|von|par|por|di|door|av|przez)\s+\S+(?:\s+\S+){0,3}|(?:foto|fotos|bild|bilder|photo|photos|image|credit|crédits? photos?|quelle|source|źródło|fuente|titelbild|beitragsbild|abbildung)\s*(?:\d+)?\s*[:/].*|©.*|copyright\b.*|[\d\s.,:/-]{6,}(?:uhr|h|am|pm)?|\d{1,2}\.?\s+\p{L}+\.?\s+\d{4}(?:[,\s|-]+\d{1,2}[:.]\d{2}(?:\s*uhr)?)?|\p{L}+\s+\d{1,2},?\s+\d{4}(?:[,\s|-]+\d{1,2}[:.]\d{2}\s*(?:am|pm)?)?)$/iu;

/** Metadata lines are looked for only in this many blocks at each end, and only when this short. */
export const METADATA_EDGE_BLOCKS = 3;
export const METADATA_LINE_MAX_CHARS = 80;

/**
 * Class/id words of the article's intro paragraph (the "Vorspann", "chapô", "entradilla"), which
 * sites often put in the article header next to the title, outside the container that holds the
 * body. Readability then leaves it out and the article loses its first paragraph.
 */
export const INTRO_WORDS = new Set([
  'intro',
  'introduction',
  'lead',
  'lede',
  'leadin',
  'teaser',
  'standfirst',
  'dek',
  'deck',
  'subtitle',
  'subheadline',
  'subhead',
  'summary',
  'excerpt',
  'abstract',
  'description',
  'vorspann',
  'chapo',
  'chapeau',
  'sapo',
  'entradilla',
  'bajada',
  'sommario',
  'occhiello',
]);

/** An intro is a paragraph: not a label, not a whole article. */
export const INTRO_MIN_CHARS = 40;
export const INTRO_MAX_CHARS = 700;

/** Trailing "photo credit" inside a caption: `Photo: Jane Doe`, `(Foto: dpa)`, `© Reuters`. */
export const CREDIT_IN_CAPTION =
  /\s*[([]?\s*((?:©|\(c\)|copyright|photo(?:graph)?(?: by)?|picture(?: by)?|image(?: by)?|foto|bild|credit|crédit(?:s)? photo|photo ?:|fotografía|圖|图|摄影|攝影|صورة)\s*[:/]?\s*[^()[\]]{2,80}?)\s*[)\]]?\s*$/i;

/** Class/id words of a caption's credit element (`<span class="credit">`). */
export const CREDIT_CLASS = /credit|copyright|source|photographer|author|byline|quelle/i;

/** Attributes that lazy-loading scripts use to hold the real image URL, in order of trust. */
export const LAZY_IMAGE_ATTRIBUTES = [
  'data-src',
  'data-lazy-src',
  'data-original',
  'data-url',
  'data-srcset',
  'srcset',
  'src',
];

/** A lead figure must sit within the first this many blocks of the body to count as the lead. */
export const LEAD_IMAGE_MAX_BLOCK_INDEX = 1;

/** Image URLs that are placeholders, pixels or icons rather than photographs. */
export const NOT_A_PHOTO = /^data:|\.svg(?:$|\?)|pixel|spacer|blank\.gif|logo|icon|avatar|placeholder/i;

/** JSON-LD types of an article node, most specific first. */
export const ARTICLE_TYPES = [
  'NewsArticle',
  'ReportageNewsArticle',
  'AnalysisNewsArticle',
  'OpinionNewsArticle',
  'BackgroundNewsArticle',
  'ReviewNewsArticle',
  'LiveBlogPosting',
  'BlogPosting',
  'Report',
  'ScholarlyArticle',
  'TechArticle',
  'Article',
  'SocialMediaPosting',
];

/** Meta tags (name or property) that hold a publication date, in order of trust. */
export const PUBLISHED_META = [
  'article:published_time',
  'og:article:published_time',
  'article:published',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'date',
  'dc.date',
  'dc.date.issued',
  'dc.date.created',
  'dcterms.created',
  'dcterms.issued',
  'parsely-pub-date',
  'sailthru.date',
  'article.published',
  'og:published_time',
  'datepublished',
  'cxenseparse:recs:publishtime',
];

/** Meta tags that hold a modification date. */
export const MODIFIED_META = [
  'article:modified_time',
  'og:updated_time',
  'article:modified',
  'dc.date.modified',
  'dcterms.modified',
  'last-modified',
  'datemodified',
];

/** Meta tags that name an author, in order of trust. */
export const AUTHOR_META = [
  'author',
  'article:author',
  'parsely-author',
  'sailthru.author',
  'dc.creator',
  'byl',
  'twitter:creator',
];

/** Leading "By" of a byline, in a few languages. */
export const BYLINE_PREFIX =
  /^(?:(?:by|von|par|por|di|door|av|af|przez|от|بقلم)\s+|(?:author|autor|auteur|autore|作者|記者|记者)\s*[:：]\s*)/i;
