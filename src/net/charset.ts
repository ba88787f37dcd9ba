import chardet from 'chardet';

/**
 * Bytes from the web to text. The order of evidence, strongest first:
 *
 *  1. a byte order mark (UTF-8, UTF-16LE/BE);
 *  2. bytes that are valid UTF-8 (or nearly: see decodeUtf8IfLikely) are read as UTF-8, whatever
 *     the page claims: pages re-saved as UTF-8 often keep their old `<meta charset>`, while text in
 *     a legacy multi-byte charset is almost never valid UTF-8 by accident (ASCII-only text decodes
 *     the same either way);
 *  3. the charset parameter of the HTTP Content-Type;
 *  4. `<meta charset>` / `<meta http-equiv>` in the first bytes, or the `<?xml encoding?>` declaration;
 *  5. statistical detection (chardet);
 *  6. windows-1252, the web's historical default (and a superset of ISO-8859-1).
 *
 * `forceEncoding` (a catalog override for an outlet known to lie) skips all of that.
 */
export interface DecodedBody {
  text: string;
  /** The WHATWG name of the encoding used, lower-case: 'utf-8', 'gb18030', 'windows-1251'… */
  charset: string;
}

export interface DecodeOptions {
  forceEncoding?: string;
}

/** How far into the document a `<meta>` or XML declaration is looked for. */
const PRESCAN_BYTES = 4096;
const FALLBACK = 'windows-1252';

/**
 * Labels seen in the wild that TextDecoder does not know, or that name a smaller charset than
 * the pages really use (GB2312/GBK pages routinely contain GB18030-only characters; pages
 * labelled EUC-KR are in practice Microsoft's superset, which is what the WHATWG decoder reads).
 */
const ALIASES: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  cp936: 'gb18030',
  ms936: 'gb18030',
  'euc-cn': 'gb18030',
  euccn: 'gb18030',
  'x-euc-cn': 'gb18030',
  'x-gbk': 'gb18030',
  hz: 'gb18030',
  cp949: 'euc-kr',
  uhc: 'euc-kr',
  'x-windows-949': 'euc-kr',
  'big5-hkscs': 'big5',
  cp950: 'big5',
  'x-big5': 'big5',
  sjis: 'shift_jis',
  'x-sjis': 'shift_jis',
  'shift-jis': 'shift_jis',
  cp932: 'shift_jis',
  'windows-932': 'shift_jis',
  eucjp: 'euc-jp',
  'x-eucjp': 'euc-jp',
  koi8: 'koi8-r',
  koi8r: 'koi8-r',
  koi8u: 'koi8-u',
  utf8: 'utf-8',
  'utf-8n': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
};

/**
 * A charset label as found in a header or a page, to the WHATWG name TextDecoder will use,
 * or null when no decoder exists for it. Use it to validate catalog overrides.
 */
export function normaliseCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  let key = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (key === '') return null;
  key = ALIASES[key] ?? key;
  // Typos like "win-1251", "cp-1251", "windows1251" all mean windows-125x.
  const windows = /^(?:windows|win|cp|x-cp|ms)[-_]?(125[0-8])$/.exec(key);
  if (windows) key = `windows-${windows[1]}`;
  const iso = /^iso[-_]?8859[-_]?(\d{1,2})$/.exec(key);
  if (iso) key = `iso-8859-${iso[1]}`;
  try {
    const encoding = new TextDecoder(key).encoding;
    // GBK in TextDecoder may be a narrower table than GB18030, which is its superset.
    return encoding === 'gbk' ? 'gb18030' : encoding;
  } catch {
    return null;
  }
}

export function decodeBody(bytes: Uint8Array, contentType?: string | null, options: DecodeOptions = {}): DecodedBody {
  if (options.forceEncoding) {
    const forced = normaliseCharset(options.forceEncoding);
    if (!forced) throw new RangeError(`Unknown encoding "${options.forceEncoding}"`);
    return decodeWith(bytes, forced);
  }

  const bom = sniffBom(bytes);
  if (bom) return decodeWith(bytes, bom);

  if (looksLikeIso2022Jp(bytes)) return decodeWith(bytes, 'iso-2022-jp');

  const utf8 = decodeUtf8IfLikely(bytes);
  if (utf8 !== null) return { text: utf8, charset: 'utf-8' };

  const declared =
    usableDeclaration(charsetFromContentType(contentType)) ?? usableDeclaration(charsetFromMarkup(bytes));
  if (declared) return decodeWith(bytes, declared);

  const detected = usableDeclaration(chardet.detect(bytes));
  return decodeWith(bytes, detected ?? FALLBACK);
}

/** The charset parameter of a Content-Type header value, unnormalised. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*("([^"]*)"|[^\s;]+)/i.exec(contentType);
  if (!m) return null;
  return (m[2] ?? m[1] ?? '').trim() || null;
}

/** The charset a document declares in its first bytes (`<meta>` or `<?xml … encoding?>`). */
export function charsetFromMarkup(bytes: Uint8Array): string | null {
  // Latin-1 maps each byte to one char, so ASCII markup can be searched whatever the real charset.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PRESCAN_BYTES)).toString(
    'latin1',
  );
  const xml = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml?.[1]) return xml[1];
  // Covers `<meta charset="x">` and `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
  const withoutComments = head.replace(/<!--[\s\S]*?-->/g, '');
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(withoutComments);
  return meta?.[1] ?? null;
}

/**
 * A declared label worth trusting, normalised. A UTF-16 label on bytes without a BOM is a known
 * mistake (the bytes were ASCII-compatible or the BOM would be there), and UTF-8 is already ruled
 * out when we get here, so both are ignored.
 */
function usableDeclaration(label: string | null): string | null {
  const name = normaliseCharset(label);
  if (!name || name === 'utf-8' || name.startsWith('utf-16')) return null;
  return name;
}

function sniffBom(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * The text as UTF-8 if the bytes are UTF-8, or null. Two leniencies, both seen on real pages:
 *  - a multi-byte character cut off at the very end (a body truncated at the size cap): streaming
 *    mode holds back the incomplete tail instead of failing, and the tail is dropped. Only trusted
 *    when complete multi-byte characters came before it; otherwise Latin-1 "caf\xe9" would pass
 *    as a truncated UTF-8 "caf";
 *  - a UTF-8 page with a few stray legacy bytes (a pasted Latin-1 snippet; 1 to 4 bad bytes among
 *    hundreds of good characters in real German and Polish pages): still UTF-8, the stray bytes
 *    become U+FFFD. Reading the whole page as windows-1252 instead would garble every character.
 *    Legacy-encoded text almost never forms valid multi-byte UTF-8 sequences by accident, so
 *    "mostly" means at least MOSTLY_UTF8_RATIO valid non-ASCII characters per invalid sequence.
 */
const MOSTLY_UTF8_RATIO = 10;

function decodeUtf8IfLikely(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    const heldBack = Buffer.byteLength(text, 'utf8') < bytes.byteLength;
    if (heldBack && !/[^\x00-\x7f]/.test(text)) return null;
    return text;
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    let valid = 0;
    let invalid = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0xfffd) invalid++;
      else if (c > 0x7f) valid++;
    }
    return valid >= MOSTLY_UTF8_RATIO * invalid ? text : null;
  }
}

/**
 * ISO-2022-JP is 7-bit, so it is also "valid UTF-8"; its escape sequences (ESC $ B / ESC $ @ to
 * switch into JIS X 0208) never occur in real UTF-8 text.
 */
function looksLikeIso2022Jp(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.byteLength - 2, 64 * 1024);
  for (let i = 0; i < limit; i++) {
    if (bytes[i] === 0x1b && bytes[i + 1] === 0x24 && (bytes[i + 2] === 0x42 || bytes[i + 2] === 0x40)) return true;
    if (bytes[i]! >= 0x80) return false;
  }
  return false;
}

function decodeWith(bytes: Uint8Array, charset: string): DecodedBody {
  if (charset === 'windows-1252' && !NATIVE_WINDOWS_1252) return { text: decodeWindows1252(bytes), charset };
  // Non-fatal: a stray invalid byte becomes U+FFFD rather than losing the page.
  return { text: new TextDecoder(charset).decode(bytes), charset };
}

/**
 * Node 20's TextDecoder takes a Latin-1 shortcut for windows-1252 and turns 0x80–0x9F (€ ‘ ’ “ ” – —
 * Œ š …) into C1 control characters. Where that bug is present we map that range ourselves.
 */
const NATIVE_WINDOWS_1252 = new TextDecoder('windows-1252').decode(Uint8Array.of(0x80)) === '\u20ac';
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!);
}
