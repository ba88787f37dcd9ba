import { mulberry32 } from '../../util/random.ts';
import { centroid, dotDense, type SparseVector } from './vectors.ts';

/**
 * Spherical k-means (cosine similarity) over sparse TF-IDF vectors. Seeds are chosen k-means++
 * style from a PRNG seeded by the caller, so the same story always gives the same sections.
 */
export interface KMeansOptions {
  k: number;
  /** Vocabulary size (length of the dense centroids). */
  dimensions: number;
  seed: number;
  maxIterations?: number;
  /** Optional per-vector weight (a central sentence pulls its centroid harder). */
  weights?: readonly number[];
}

/** Returns the cluster index of each vector; clusters are numbered 0..k-1, none empty. */
export function kMeans(vectors: readonly SparseVector[], options: KMeansOptions): number[] {
  const n = vectors.length;
  const k = Math.max(1, Math.min(options.k, n));
  if (k === 1) return vectors.map(() => 0);
  const random = mulberry32(options.seed);
  let centroids = seedCentroids(vectors, k, options.dimensions, random);
  let assignment = new Array<number>(n).fill(-1);
  for (let iteration = 0; iteration < (options.maxIterations ?? 25); iteration++) {
    const next = vectors.map((v) => nearest(v, centroids));
    const changed = next.some((c, i) => c !== assignment[i]);
    assignment = next;
    if (!changed) break;
    centroids = recompute(vectors, assignment, centroids, options);
  }
  return renumber(assignment);
}

function seedCentroids(
  vectors: readonly SparseVector[],
  k: number,
  dimensions: number,
  random: () => number,
): Float64Array[] {
  const first = vectors[Math.floor(random() * vectors.length)]!;
  const centroids = [centroid([first], dimensions)];
  const best = vectors.map((v) => dotDense(v, centroids[0]!));
  while (centroids.length < k) {
    // Probability proportional to squared cosine distance from the nearest seed so far.
    const distances = best.map((s) => Math.max(0, 1 - s) ** 2);
    const total = distances.reduce((a, b) => a + b, 0);
    if (total <= 1e-12) break;
    let r = random() * total;
    let pick = 0;
    for (; pick < distances.length - 1; pick++) {
      r -= distances[pick]!;
      if (r <= 0) break;
    }
    const c = centroid([vectors[pick]!], dimensions);
    centroids.push(c);
    vectors.forEach((v, i) => {
      best[i] = Math.max(best[i]!, dotDense(v, c));
    });
  }
  return centroids;
}

function nearest(v: SparseVector, centroids: readonly Float64Array[]): number {
  let best = 0;
  let bestScore = -Infinity;
  centroids.forEach((c, i) => {
    const s = dotDense(v, c);
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  });
  return best;
}

function recompute(
  vectors: readonly SparseVector[],
  assignment: readonly number[],
  previous: readonly Float64Array[],
  options: KMeansOptions,
): Float64Array[] {
  return previous.map((old, c) => {
    const members: SparseVector[] = [];
    vectors.forEach((v, i) => {
      if (assignment[i] !== c) return;
      const w = options.weights?.[i] ?? 1;
      members.push(w === 1 ? v : { ids: v.ids, weights: v.weights.map((x) => x * w) });
    });
    // An emptied cluster keeps its old centroid; renumbering drops it at the end if it stays empty.
    return members.length > 0 ? centroid(members, options.dimensions) : old;
  });
}

function renumber(assignment: readonly number[]): number[] {
  const map = new Map<number, number>();
  return assignment.map((c) => {
    let id = map.get(c);
    if (id === undefined) {
      id = map.size;
      map.set(c, id);
    }
    return id;
  });
}

/** A stable 32-bit hash of a string (FNV-1a), for seeding. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
