/**
 * Repairs for XML that a strict parser rejects but a browser would still show: a document cut
 * off mid-item (a dropped connection, a size cap), a CDATA section never closed, a stray `<` in
 * text. Each repair keeps everything before the damage and nothing after it.
 */
import { formatOfRoot } from './scan.ts';

/** True when the document never closes its root element (`</rss>`, `</feed>`, `</rdf:RDF>`). */
export function isTruncated(text: string, root: string): boolean {
  const tail = text.slice(-4096);
  return !new RegExp(`</${escapeName(root)}\\s*>`, 'i').test(tail) && !text.includes(`</${root}>`);
}

/**
 * Cuts after the last complete `</item>` or `</entry>` and closes the elements still open there,
 * so the complete items before the damage parse. Undefined when not even one item is complete.
 */
export function cutToLastCompleteItem(text: string, root: string): string | undefined {
  // An unclosed CDATA swallows everything after it: nothing past its start can be trusted.
  const cdata = text.lastIndexOf('<![CDATA[');
  const limit = cdata >= 0 && text.indexOf(']]>', cdata) < 0 ? cdata : text.length;
  const head = text.slice(0, limit);
  const itemName = formatOfRoot(root) === 'atom' ? 'entry' : 'item';
  let end = -1;
  for (const m of head.matchAll(new RegExp(`</(?:[\\w-]+:)?${itemName}\\s*>`, 'gi'))) end = m.index + m[0].length;
  if (end < 0) return undefined;
  const kept = text.slice(0, end);
  let closers = '';
  // RSS 2.0 items sit inside <channel>; RSS 1.0 items follow a closed <channel>.
  const channel = /<((?:[\w-]+:)?channel)[\s>]/i.exec(kept);
  if (channel?.[1] && !new RegExp(`</${escapeName(channel[1])}\\s*>`, 'i').test(kept)) closers += `</${channel[1]}>`;
  closers += `</${root}>`;
  return kept + closers;
}

/** `a < b` in text becomes `a &lt; b`; real tags, comments, CDATA and declarations are kept. */
export function escapeStrayLessThan(text: string): string {
  return text.replace(/<(?![A-Za-z_!?/:])/g, '&lt;');
}

function escapeName(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
