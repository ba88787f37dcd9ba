import sanitizeHtml from 'sanitize-html';

/**
 * The allow-list for foreign HTML that Meridian keeps (table blocks today; the server reuses it).
 * Structure only: no scripts, no styles, no event handlers, no forms, no images (they would call
 * home to the publisher when the reader opens the page), links only to http(s) and mailto.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'colgroup',
    'col',
    'p',
    'br',
    'b',
    'strong',
    'i',
    'em',
    'u',
    's',
    'sub',
    'sup',
    'small',
    'code',
    'pre',
    'span',
    'ul',
    'ol',
    'li',
    'a',
    'abbr',
    'time',
  ],
  allowedAttributes: {
    // rel and target are set by the transform below, whatever the page said.
    a: ['href', 'title', 'rel', 'target'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    col: ['span'],
    colgroup: ['span'],
    abbr: ['title'],
    time: ['datetime'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Text inside dropped tags is kept, except where it is code or furniture.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'svg', 'math'],
  transformTags: {
    // Links leave Meridian: never let them carry the reader's referrer or a window handle.
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
  },
};

/** Sanitizes a fragment of foreign HTML to Meridian's small allow-list. Never throws. */
export function sanitizeFragment(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}
