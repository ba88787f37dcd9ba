import type { BodyBlocks } from './blocks.ts';
import {
  CREDIT_LINE,
  CREDIT_LINE_MAX_CHARS,
  FURNITURE_LINE,
  FURNITURE_LINE_MAX_CHARS,
  LINK_BLOCK_DENSITY,
  METADATA_EDGE_BLOCKS,
  METADATA_LINE,
  METADATA_LINE_MAX_CHARS,
  READ_ALSO_LINE,
  READ_ALSO_MAX_CHARS,
  READ_MORE_TAIL,
  RELATED_HEADING,
} from './tuning.ts';
import { isWidgetLine } from './widget-labels.ts';

/**
 * The last pass over the body, on blocks rather than markup, for furniture that slipped through
 * the container choice:
 *  - furniture labels standing alone ("Advertisement", "Share this article") and picture credits
 *    left in the text ("AFP / Jane Doe");
 *  - lines made only of widget labels in any of the catalog's major languages ("Caption",
 *    "Close", "Share Tweet Email", 分享到：微博 微信): widget-labels.ts;
 *  - "Read also: <other article>" lines, and "Read more" glued to the end of a paragraph;
 *  - a "Related articles" / "Mehr zum Thema" heading and the link-dense blocks under it;
 *  - link-dense blocks at the very end (lists of other stories);
 *  - metadata lines at either end (date lines, "By …", photo credits, copyright).
 */
export function cleanBody(body: BodyBlocks): BodyBlocks {
  const blocks = body.blocks.slice();
  const links = body.links;
  const keep = blocks.map(() => true);
  const isLinkBlock = (i: number) => (links[i] ?? 0) >= (blocks[i]?.text.length ?? 1) * LINK_BLOCK_DENSITY;

  blocks.forEach((block, i) => {
    if (block.kind === 'pre' || block.kind === 'table') return;
    const trimmed = withoutWidgetLines(block.text.replace(READ_MORE_TAIL, ''));
    if (!trimmed) keep[i] = false;
    else if (trimmed !== block.text) blocks[i] = { ...block, text: trimmed };
    if (block.text.length <= FURNITURE_LINE_MAX_CHARS && FURNITURE_LINE.test(block.text)) keep[i] = false;
    if (block.text.length <= CREDIT_LINE_MAX_CHARS && CREDIT_LINE.test(block.text)) keep[i] = false;
    if (block.text.length <= READ_ALSO_MAX_CHARS && READ_ALSO_LINE.test(block.text)) keep[i] = false;
    if (block.text.length <= FURNITURE_LINE_MAX_CHARS && RELATED_HEADING.test(block.text)) {
      keep[i] = false;
      for (let j = i + 1; j < blocks.length && isLinkBlock(j); j++) keep[j] = false;
    }
  });

  for (let i = blocks.length - 1; i > 0 && (isLinkBlock(i) || !keep[i]); i--) keep[i] = false;

  const edge = (i: number) => i < METADATA_EDGE_BLOCKS || i >= blocks.length - METADATA_EDGE_BLOCKS;
  blocks.forEach((block, i) => {
    if (
      edge(i) &&
      block.kind !== 'table' &&
      block.text.length <= METADATA_LINE_MAX_CHARS &&
      METADATA_LINE.test(block.text)
    ) {
      keep[i] = false;
    }
  });

  const figures = body.figures.map((f) => ({ ...f, blockIndex: keptBefore(keep, f.blockIndex) }));
  return {
    blocks: blocks.filter((_, i) => keep[i]),
    links: links.filter((_, i) => keep[i]),
    figures,
  };
}

/** The text without its lines that are only widget labels ("" when nothing else is left). */
function withoutWidgetLines(text: string): string {
  if (!text.includes('\n')) return isWidgetLine(text) ? '' : text;
  return text
    .split('\n')
    .filter((line) => !isWidgetLine(line))
    .join('\n');
}

function keptBefore(keep: boolean[], index: number): number {
  let count = 0;
  for (let i = 0; i < index && i < keep.length; i++) if (keep[i]) count++;
  return count;
}
