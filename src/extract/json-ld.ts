import { ARTICLE_TYPES } from './tuning.ts';

/** A JSON-LD node as found on pages: loosely typed, values may be strings, objects or arrays. */
export type LdNode = Record<string, unknown>;

/** Caps the work spent on one page's JSON-LD (some pages embed megabytes of product data). */
const MAX_SCRIPT_CHARS = 500_000;
const MAX_NODES = 2_000;

/** Parses one `application/ld+json` script, tolerating the usual damage (HTML comments, CDATA, raw newlines). */
export function parseLdScript(text: string): unknown {
  if (text.length > MAX_SCRIPT_CHARS) return undefined;
  const cleaned = text
    .replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
    .replace(/(?:-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
    .trim();
  try {
    return JSON.parse(cleaned);
  } catch {
    try {
      // Raw control characters inside strings are the most common breakage.
      return JSON.parse(cleaned.replace(/[\u0000-\u001f]+/g, ' '));
    } catch {
      return undefined;
    }
  }
}

/** Flattens arrays, `@graph` lists and nested nodes (mainEntity, hasPart) into one list of nodes. */
export function flattenLd(roots: unknown[]): LdNode[] {
  const out: LdNode[] = [];
  const stack = [...roots];
  while (stack.length > 0 && out.length < MAX_NODES) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      stack.push(...item);
    } else if (item && typeof item === 'object') {
      const node = item as LdNode;
      out.push(node);
      for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage', 'hasPart', 'itemListElement']) {
        if (node[key] && typeof node[key] === 'object') stack.push(node[key]);
      }
    }
  }
  return out;
}

export function ldTypes(node: LdNode): string[] {
  const type = node['@type'];
  const list = Array.isArray(type) ? type : [type];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^.*[/#:]/, ''));
}

/** The node that describes the article: the most specific article type wins, then the first with a headline. */
export function findArticleNode(nodes: LdNode[]): LdNode | undefined {
  let best: LdNode | undefined;
  let bestRank = Number.POSITIVE_INFINITY;
  for (const node of nodes) {
    for (const type of ldTypes(node)) {
      const rank = ARTICLE_TYPES.indexOf(type);
      if (rank >= 0 && rank < bestRank) {
        best = node;
        bestRank = rank;
      }
    }
  }
  return best ?? nodes.find((n) => typeof n.headline === 'string');
}

/** A string from a value that may be a string, a number, an object with `name`/`@value`, or a list of those. */
export function ldText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return ldText(value[0]);
  if (value && typeof value === 'object') {
    const node = value as LdNode;
    return ldText(node.name ?? node['@value'] ?? node.text);
  }
  return undefined;
}

/** Author names of a node (`author` may be a string, a Person, or a list of either). */
export function ldAuthors(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  for (const item of list) {
    const name = typeof item === 'string' ? item.trim() : ldText((item as LdNode | undefined)?.name);
    if (name && !/^https?:\/\//.test(name) && !names.includes(name)) names.push(name);
  }
  return names;
}

/** An image URL with its caption and credit, from `image` (string, ImageObject or list). */
export function ldImage(value: unknown): { url: string; caption?: string; credit?: string } | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return { url: first };
  if (first && typeof first === 'object') {
    const node = first as LdNode;
    const url = ldText(node.url) ?? ldText(node.contentUrl);
    if (!url) return undefined;
    const caption = ldText(node.caption) ?? ldText(node.description);
    const credit = ldText(node.creditText) ?? ldText(node.copyrightHolder) ?? ldText(node.author);
    return { url, ...(caption ? { caption } : {}), ...(credit ? { credit } : {}) };
  }
  return undefined;
}

/** JSON-LD says the article is behind a paywall: `isAccessibleForFree: false` on the node or one of its parts. */
export function ldPaywalled(node: LdNode): boolean | undefined {
  const free = node.isAccessibleForFree;
  const parts = Array.isArray(node.hasPart) ? node.hasPart : node.hasPart ? [node.hasPart] : [];
  const values = [free, ...parts.map((p) => (p as LdNode)?.isAccessibleForFree)].filter((v) => v !== undefined);
  if (values.length === 0) return undefined;
  return values.some((v) => v === false || (typeof v === 'string' && v.toLowerCase() === 'false'));
}
