import { createHash } from 'node:crypto';
import { BoundedMap } from '../util/bounded-map.ts';

/**
 * The segment cache: a translated segment is never paid for twice. Keys cover everything that
 * changes the output (text, languages, provider, model), so switching model starts afresh
 * instead of serving another engine's work.
 */
export interface CachedSegment {
  key: string;
  text: string;
  provider: string;
  model: string;
}

export interface SegmentCache {
  /** Translations found for these keys; missing keys are absent from the map. */
  getMany(keys: readonly string[]): Promise<Map<string, string>>;
  putMany(entries: readonly CachedSegment[]): Promise<void>;
}

export interface SegmentKeyParts {
  text: string;
  source: string;
  target: string;
  provider: string;
  model: string;
}

/** sha256(text) with the languages, provider and model: `<provider>:<src>:<tgt>:<hash of model and text>`. */
export function segmentKey(parts: SegmentKeyParts): string {
  const textHash = createHash('sha256').update(parts.text).digest('hex');
  const digest = createHash('sha256').update(`${parts.model}\u0000${textHash}`).digest('hex');
  return `${parts.provider}:${parts.source}:${parts.target}:${digest}`;
}

/** An in-process cache for the CLI, benchmarks and tests; the least recently used entries go first. */
export class MemorySegmentCache implements SegmentCache {
  private readonly entries: BoundedMap<string, string>;

  constructor(maxEntries = 100_000) {
    this.entries = new BoundedMap(maxEntries);
  }

  get size(): number {
    return this.entries.size;
  }

  async getMany(keys: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const key of keys) {
      const text = this.entries.refresh(key);
      if (text !== undefined) found.set(key, text);
    }
    return found;
  }

  async putMany(entries: readonly CachedSegment[]): Promise<void> {
    for (const entry of entries) {
      this.entries.delete(entry.key);
      this.entries.set(entry.key, entry.text);
    }
  }
}
