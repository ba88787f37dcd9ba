import { readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../../extract/extract.ts';
import { detectLanguage } from '../../language/detect.ts';
import type { ExtractedArticle } from '../../model/article.ts';
import { decodeBody, normaliseCharset } from '../../net/charset.ts';
import { type Command, UserError } from '../command.ts';

/** Files larger than this (after gunzip) are refused: no article page is that big. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** How much of the body language detection reads. */
const DETECT_CHARS = 4000;

/** File names the command picks up inside a directory argument. */
const PAGE_FILE = /\.(?:html?|xhtml)(?:\.gz)?$/i;

/** One output line of `meridian extract`. */
export interface ExtractRecord {
  file: string;
  url: string | null;
  error?: string;
  title?: string;
  author?: string | null;
  published?: string | null;
  language?: string | null;
  text?: string;
  blocks?: ExtractedArticle['blocks'];
  image?: { url: string; caption: string | null; credit: string | null } | null;
  standfirst?: string | null;
  modified?: string | null;
  declaredLanguage?: string | null;
  canonicalUrl?: string | null;
  siteName?: string | null;
  paywalled?: boolean | null;
  charset?: string;
}

export interface ExtractFileOptions {
  /** The page's URL (resolves relative links); by default the page's own canonical URL, else file://. */
  url?: string;
  /** Skip charset detection and decode with this encoding. */
  encoding?: string;
}

/** The article as plain text: the standfirst, then the body blocks, separated by a blank line. */
export function articleText(article: ExtractedArticle): string {
  const blocks = article.blocks.map((b) => b.text);
  // The standfirst is the article's first paragraph for a reader (the page shows it above the
  // body), so it leads the text unless the body already starts with it.
  const lead = article.standfirst?.trim();
  if (lead && !blocks[0]?.startsWith(lead.slice(0, 60))) blocks.unshift(lead);
  return blocks.join('\n\n');
}

/** Reads bytes of a page file, gunzipping `.gz`. Throws on unreadable files. */
export function readPageBytes(file: string): Uint8Array {
  const raw = readFileSync(file);
  const bytes = file.toLowerCase().endsWith('.gz') ? gunzipSync(raw, { maxOutputLength: MAX_FILE_BYTES }) : raw;
  if (bytes.byteLength > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES} bytes`);
  return bytes;
}

/**
 * The whole path of one file, shared by the command and the benchmarks: read, gunzip, decode the
 * charset, extract. Never throws: a failure becomes a record with `error`.
 */
export function extractFile(file: string, options: ExtractFileOptions = {}): ExtractRecord {
  const url = options.url ?? null;
  let text: string;
  let charset: string;
  try {
    const decoded = decodeBody(readPageBytes(file), null, options.encoding ? { forceEncoding: options.encoding } : {});
    text = decoded.text;
    charset = decoded.charset;
  } catch (err) {
    return { file, url, error: `cannot read: ${errorMessage(err)}` };
  }
  let article: ExtractedArticle | null;
  try {
    article = extractArticle(text, options.url ?? pathToFileURL(resolve(file)).href);
  } catch (err) {
    return { file, url, error: `cannot parse: ${errorMessage(err)}` };
  }
  if (!article) return { file, url, error: 'no article', charset };
  article.language = detectedLanguage(article);
  return toRecord(file, url, article, charset);
}

/** The language of the title and body as detected (the declared one breaks near-ties only), else the declared one. */
function detectedLanguage(article: ExtractedArticle): string | undefined {
  const options = article.declaredLanguage ? { hint: article.declaredLanguage } : {};
  // A few thousand characters settle the language; the rest of a long article only costs time.
  const { lang } = detectLanguage(`${article.title}\n${articleText(article).slice(0, DETECT_CHARS)}`, options);
  return lang !== 'und' ? lang : article.declaredLanguage;
}

function toRecord(file: string, url: string | null, article: ExtractedArticle, charset: string): ExtractRecord {
  return {
    file,
    url: url ?? article.canonicalUrl ?? null,
    title: article.title,
    author: article.author ?? null,
    published: article.published ?? null,
    language: article.language ?? null,
    text: articleText(article),
    blocks: article.blocks,
    image: article.image
      ? { url: article.image.url, caption: article.image.caption ?? null, credit: article.image.credit ?? null }
      : null,
    standfirst: article.standfirst ?? null,
    modified: article.modified ?? null,
    declaredLanguage: article.declaredLanguage ?? null,
    canonicalUrl: article.canonicalUrl ?? null,
    siteName: article.siteName ?? null,
    paywalled: article.paywalled ?? null,
    charset,
  };
}

function errorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0] ?? message;
}

/** Expands directory arguments into the page files inside them (recursively, sorted); files pass through. */
export function expandPaths(paths: string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      // Missing paths pass through and become an error line.
    }
    if (!isDir) out.push(path);
    else out.push(...listPages(path));
  }
  return out;
}

function listPages(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listPages(path));
    else if (PAGE_FILE.test(name)) out.push(path);
  }
  return out;
}

/** Below this many files, one thread is faster than starting workers. */
const PARALLEL_FROM = 40;

export const extractCommand: Command = {
  name: 'extract',
  help: `Usage: meridian extract [--url URL] [--encoding ENC] [--jobs N] FILE|DIR...

Extracts the article of each HTML file (.html, .htm, or gzipped .gz) without any network access
and prints one JSON object per line on stdout:
  file, url, title, author, published, language (detected from the text; the page's declared
  language only breaks near-ties), text (blocks separated by a blank line),
  blocks, image {url, caption, credit}, plus standfirst, modified, declaredLanguage,
  canonicalUrl, siteName, paywalled and charset.
A directory stands for every .html/.htm/.xhtml(.gz) file inside it, recursively.

A file that cannot be read or parsed prints {"file", "url", "error": "cannot read: ..."}; a page
without an article prints {"file", "url", "error": "no article"}. Neither stops the run: the exit
code is 0 once every file has been tried (2 for a usage error).

  --url URL       the URL the page came from (resolves relative links); default: the page's
                  canonical URL
  --encoding ENC  decode with this charset instead of detecting it (e.g. windows-1251)
  --jobs N        extract on N worker threads (default: one per core, at most 4, for more than
                  ${PARALLEL_FROM} files); output order stays the order of the files`,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { url: { type: 'string' }, encoding: { type: 'string' }, jobs: { type: 'string' } },
    });
    if (positionals.length === 0) throw new UserError('give at least one HTML file or directory');
    if (values.url !== undefined && !/^https?:\/\/[^/]/i.test(values.url)) {
      throw new UserError(`--url must be an http(s) URL, got "${values.url}"`);
    }
    if (values.encoding !== undefined && !normaliseCharset(values.encoding)) {
      throw new UserError(`unknown encoding "${values.encoding}"`);
    }
    const files = expandPaths(positionals);
    // Worker threads pay for themselves (each loads the language model) only on many files.
    const jobs =
      values.jobs === undefined
        ? files.length > PARALLEL_FROM
          ? Math.min(4, availableParallelism())
          : 1
        : Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64)
      throw new UserError('--jobs must be a whole number from 1 to 64');
    const options: ExtractFileOptions = {};
    if (values.url) options.url = values.url;
    if (values.encoding) options.encoding = values.encoding;
    const emit = (record: ExtractRecord) => ctx.io.out(`${JSON.stringify(record)}\n`);
    if (jobs > 1 && files.length > 1) {
      const { extractInParallel } = await import('./extract-pool.ts');
      await extractInParallel(files, options, jobs, emit);
    } else {
      for (const file of files) emit(extractFile(file, options));
    }
    return 0;
  },
};
