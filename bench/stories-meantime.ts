/**
 * Clustering quality on MEANTIME: 120 English Wikinews articles and their Spanish, Italian and
 * Dutch translations (480 documents), clustered incrementally in publication order on the original
 * text (no translation). Two golds, both B-cubed:
 *   strict: one story per document id (an article and its translations report one event);
 *   loose:  one story per topic (Airbus, Apple, GM, stock market), spanning 2004–2011.
 * The loose gold is not what a news reader wants (years apart is not one event) but shows how much
 * same-topic coverage the clusterer joins.
 *
 *   npx tsx bench/stories-meantime.ts [../shared/data/meantime]
 */
import { StoryClusterer } from '../src/stories/clusterer.ts';
import { bcubed, readMeantime } from './stories-eval-lib.ts';

const dir = process.argv[2] ?? '../shared/data/meantime';
const docs = readMeantime(dir).sort(
  (a, b) => (a.published ?? '').localeCompare(b.published ?? '') || a.docId.localeCompare(b.docId),
);

function run(label: string, options: ConstructorParameters<typeof StoryClusterer>[0], withDates = true) {
  const clusterer = new StoryClusterer(options);
  const story = new Map<string, number>();
  const started = performance.now();
  for (const dated of docs) {
    const { published: _published, ...undated } = dated;
    const doc = withDates ? dated : undated;
    const { storyId, merged } = clusterer.add(doc);
    story.set(String(doc.id), storyId);
    // A merge moves every article of the absorbed stories.
    if (merged) for (const [id, s] of story) if (merged.includes(s)) story.set(id, storyId);
  }
  const ms = performance.now() - started;
  const predicted = new Map([...story].map(([id, s]) => [id, String(s)]));
  const strict = bcubed(predicted, new Map(docs.map((d) => [String(d.id), d.docId])));
  const loose = bcubed(predicted, new Map(docs.map((d) => [String(d.id), d.topic])));
  const fmt = (m: { p: number; r: number; f1: number }) =>
    `P ${m.p.toFixed(3)} R ${m.r.toFixed(3)} F1 ${m.f1.toFixed(3)}`;
  console.log(`${label}: ${new Set(story.values()).size} stories from ${docs.length} documents in ${ms.toFixed(0)} ms`);
  console.log(`  strict (document id)  ${fmt(strict)}`);
  console.log(`  loose  (topic)        ${fmt(loose)}`);
}

console.log(`MEANTIME: ${dir}`);
run('default settings', {});
for (const joinThreshold of [0.3, 0.5]) run(`joinThreshold ${joinThreshold}`, { joinThreshold });
// Without dates nothing expires or decays: how far same-topic articles pull together on words alone.
run('dates removed, joinThreshold 0.2', { joinThreshold: 0.2 }, false);
