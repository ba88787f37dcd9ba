import type { OutletFeed } from '../model/outlet.ts';
import { buildCatalog } from './catalog.ts';
import { CatalogError } from './errors.ts';
import { type Overlay, readOverlayOrEmpty, setEntry, writeOverlay } from './overlay.ts';

/** A feed that failed while its recorded fallback worked. */
export interface FallbackSwitch {
  outletId: string;
  /** The failing feed's URL. */
  url: string;
}

/**
 * Makes each failing feed's fallback the feed the outlet is read through, in the operator's
 * catalog file: the fallback takes the feed's place and the failed URL becomes its fallback, so a
 * later check switches back should the fallback fail in turn. The merged catalog is validated
 * before the file is written. Returns the outlets changed.
 */
export function switchToFallbacks(overlayFile: string, switches: readonly FallbackSwitch[]): string[] {
  if (switches.length === 0) return [];
  const overlay = readOverlayOrEmpty(overlayFile);
  const catalog = buildCatalog(overlay, overlayFile);
  const next: Overlay = { outlets: [...overlay.outlets] };
  const changed = new Map<string, OutletFeed[]>();
  for (const { outletId, url } of switches) {
    const outlet = catalog.outlet(outletId);
    if (!outlet) throw new CatalogError(`no outlet "${outletId}" in the catalog`);
    const feeds = changed.get(outletId) ?? outlet.feeds;
    changed.set(
      outletId,
      feeds.map((f) => (f.url === url && f.fallback ? swapped(f, f.fallback) : f)),
    );
  }
  for (const [id, feeds] of changed) setEntry(next, { id, feeds });
  buildCatalog(next, overlayFile); // throws, before anything is written, if the result is invalid
  writeOverlay(overlayFile, next);
  return [...changed.keys()];
}

/** The fallback in the feed's place; the note on how the old URL was chosen no longer applies. */
function swapped(feed: OutletFeed, fallback: string): OutletFeed {
  const { unverified: _chosenByRule, queryReason: _reason, ...rest } = feed;
  return { ...rest, url: fallback, fallback: feed.url };
}
