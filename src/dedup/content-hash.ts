import { createHash } from 'node:crypto';
import type { Block } from '../model/article.ts';

/**
 * Hash of an article's text after normalising case, punctuation and white space, so the same
 * wire copy published with different markup on two sites gets the same hash.
 */
export function contentHash(title: string, blocks: readonly Block[]): string {
  const text = [title, ...blocks.map((b) => b.text)]
    .join(' ')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
