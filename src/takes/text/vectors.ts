/**
 * Sparse TF-IDF vectors over a small vocabulary (one story). A vector is two parallel arrays sorted
 * by term id, L2-normalised, so the cosine of two vectors is a merge-join dot product.
 */

export interface SparseVector {
  ids: Uint32Array;
  weights: Float64Array;
}

export class Vocabulary {
  private readonly index = new Map<string, number>();
  readonly terms: string[] = [];
  /** Number of documents (sentences, articles) each term occurs in. */
  readonly df: number[] = [];
  documents = 0;

  id(term: string): number {
    let id = this.index.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.index.set(term, id);
      this.terms.push(term);
      this.df.push(0);
    }
    return id;
  }

  lookup(term: string): number | undefined {
    return this.index.get(term);
  }

  /** Counts one document's terms towards document frequencies. */
  addDocument(termList: readonly string[]): void {
    this.documents++;
    for (const id of new Set(termList.map((t) => this.id(t)))) this.df[id] = (this.df[id] ?? 0) + 1;
  }

  /** Smoothed inverse document frequency: never negative, rare terms weigh more. */
  idf(id: number): number {
    return Math.log((this.documents + 1) / ((this.df[id] ?? 0) + 1)) + 1;
  }

  get size(): number {
    return this.terms.length;
  }
}

/** TF-IDF vector of a document (sublinear tf), L2-normalised. Unknown terms are ignored. */
export function tfidf(vocab: Vocabulary, termList: readonly string[]): SparseVector {
  const counts = new Map<number, number>();
  for (const t of termList) {
    const id = vocab.lookup(t);
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const ids = Uint32Array.from([...counts.keys()].sort((a, b) => a - b));
  const weights = new Float64Array(ids.length);
  let norm = 0;
  ids.forEach((id, i) => {
    const w = (1 + Math.log(counts.get(id) ?? 1)) * vocab.idf(id);
    weights[i] = w;
    norm += w * w;
  });
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i] = weights[i]! / norm;
  return { ids, weights };
}

export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) dot += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

/** Dot product of a sparse vector with a dense one (a cluster centroid). */
export function dotDense(a: SparseVector, dense: Float64Array): number {
  let dot = 0;
  for (let i = 0; i < a.ids.length; i++) dot += a.weights[i]! * (dense[a.ids[i]!] ?? 0);
  return dot;
}

/** Normalised mean of vectors, as a dense array over the vocabulary. */
export function centroid(vectors: readonly SparseVector[], size: number): Float64Array {
  const c = new Float64Array(size);
  for (const v of vectors) for (let i = 0; i < v.ids.length; i++) c[v.ids[i]!] = c[v.ids[i]!]! + v.weights[i]!;
  let norm = 0;
  for (let i = 0; i < size; i++) norm += c[i]! * c[i]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < size; i++) c[i] = c[i]! / norm;
  return c;
}
