/** Disjoint sets of string keys (union-find with path compression): which keys ended up together. */
export class UnionFind {
  private readonly parent = new Map<string, string>();

  /** The representative of `key`'s set (the key itself until it is joined to another). */
  find(key: string): string {
    const p = this.parent.get(key) ?? key;
    if (p === key) return key;
    const root = this.find(p);
    this.parent.set(key, root);
    return root;
  }

  union(a: string, b: string): void {
    this.parent.set(this.find(a), this.find(b));
  }
}
