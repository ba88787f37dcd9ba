/**
 * Pairwise similarity against human judgement on SemEval-2022 Task 8 pairs: Pearson correlation
 * of `similarity` with (4 − Overall) / 3 (gold 1 = very similar … 4 = very dissimilar, so this is
 * the sign-corrected correlation), overall and per language pair. Then a clustering check on a
 * labelled set made from the same pairs: every distinct article is clustered (file order, no dates
 * in this data), and pairs judged the same event (Overall ≤ 1.5) or different (Overall ≥ 3.5)
 * score the clusterer's same-story decisions; B-cubed uses the connected components of the
 * same-event pairs as gold (incomplete: unjudged pairs may also be one event).
 *
 *   npx tsx bench/stories-semeval.ts [../shared/data/semeval2022-task8-pairs/training_set.csv]
 */
import { readFileSync } from 'node:fs';
import { StoryClusterer } from '../src/stories/clusterer.ts';
import type { StoryDoc } from '../src/stories/doc.ts';
import { readPairs, scorePairs } from '../src/stories/pairs.ts';
import { UnionFind } from '../src/stories/union-find.ts';
import { bcubed, pearson } from './stories-eval-lib.ts';

const path = process.argv[2] ?? '../shared/data/semeval2022-task8-pairs/training_set.csv';

const started = performance.now();
const pairs = readPairs(readFileSync(path, 'utf8')).filter((p) => p.columns.Overall !== '');
const scores = scorePairs(pairs);
const ms = performance.now() - started;
const gold = pairs.map((p) => (4 - Number(p.columns.Overall)) / 3);

const groups = new Map<string, number[]>();
pairs.forEach((p, i) => {
  const key = `${p.a.language}-${p.b.language}`;
  groups.set(key, [...(groups.get(key) ?? []), i]);
});
const corr = (idx: number[]) =>
  pearson(
    idx.map((i) => scores[i] ?? 0),
    idx.map((i) => gold[i] ?? 0),
  );
const all = pairs.map((_, i) => i);
const same = all.filter((i) => pairs[i]?.a.language === pairs[i]?.b.language);
const cross = all.filter((i) => pairs[i]?.a.language !== pairs[i]?.b.language);
console.log(`SemEval-2022 Task 8 pairs: ${path}`);
console.log(`pairs ${pairs.length}, scored in ${(ms / 1000).toFixed(1)} s (${(ms / pairs.length).toFixed(2)} ms/pair)`);
console.log('Pearson r of similarity vs (4 - Overall)/3:');
console.log(`  overall         ${corr(all).toFixed(3)}  (n=${all.length})`);
console.log(`  same-language   ${corr(same).toFixed(3)}  (n=${same.length})`);
console.log(`  cross-language  ${corr(cross).toFixed(3)}  (n=${cross.length})`);
for (const [key, idx] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`  ${key.padEnd(14)}  ${corr(idx).toFixed(3)}  (n=${idx.length})`);
}

// Clustering on a labelled set made from the pairs.
const docs = new Map<string, StoryDoc>();
for (const p of pairs) {
  const [id1, id2] = p.pairId.split('_');
  if (id1 && !docs.has(id1)) docs.set(id1, { ...p.a, id: id1 });
  if (id2 && !docs.has(id2)) docs.set(id2, { ...p.b, id: id2 });
}
const clusterer = new StoryClusterer();
const story = new Map<string, number>();
for (const [id, doc] of docs) {
  const { storyId, merged } = clusterer.add(doc);
  story.set(id, storyId);
  if (merged) for (const [other, s] of story) if (merged.includes(s)) story.set(other, storyId);
}
let tp = 0;
let fp = 0;
let fn = 0;
let tn = 0;
const sameEvent = new UnionFind();
const judged = new Set<string>();
for (const p of pairs) {
  const [id1 = '', id2 = ''] = p.pairId.split('_');
  const overall = Number(p.columns.Overall);
  const same = story.get(id1) === story.get(id2);
  if (overall <= 1.5) {
    if (same) tp++;
    else fn++;
    sameEvent.union(id1, id2);
  } else if (overall >= 3.5) {
    if (same) fp++;
    else tn++;
  } else continue;
  judged.add(id1);
  judged.add(id2);
}
const precision = tp / (tp + fp || 1);
const recall = tp / (tp + fn || 1);
console.log(`\nClustering ${docs.size} distinct articles of the pairs (default settings):`);
console.log(
  `  judged pairs: same-event ${tp + fn}, different ${fp + tn}; same-story decisions P ${precision.toFixed(3)} R ${recall.toFixed(3)} F1 ${((2 * precision * recall) / (precision + recall || 1)).toFixed(3)}`,
);
const predicted = new Map([...judged].map((id) => [id, String(story.get(id))]));
const goldClusters = new Map([...judged].map((id) => [id, sameEvent.find(id)]));
const b3 = bcubed(predicted, goldClusters);
console.log(
  `  B-cubed on the ${judged.size} judged articles: P ${b3.p.toFixed(3)} R ${b3.r.toFixed(3)} F1 ${b3.f1.toFixed(3)}`,
);
