/**
 * Benchmark of the extractive take on real English news text (MEANTIME: 120 Wikinews articles in
 * 4 topics, CoNLL tokens; sentence 0 is the title).
 *
 *   npx tsx bench/takes.ts [path/to/meantime.conll]
 *
 * Prints, for stories of 10, 100 and 500 articles, the time to write the take (median of runs)
 * and the share of the story's countries the take cites; then the take's checks on each of the
 * four MEANTIME topics as a story (every sentence cited, citations resolvable, no repeats,
 * sections titled, 2–5 sections of 1–4 sentences, countries = cited countries).
 * Outlets and countries are synthetic (assigned round-robin): MEANTIME has neither.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { extractiveTake } from '../src/takes/extractive/take.ts';
import type { TakeArticle } from '../src/takes/summarizer.ts';
import { takeProblems } from '../src/takes/take.ts';
import { median } from './stats.ts';

const path = resolve(process.argv[2] ?? '../shared/data/meantime/en/meantime.conll');

const COUNTRIES = ['US', 'GB', 'FR', 'DE', 'JP', 'IN', 'BR', 'ZA', 'AU', 'CA', 'MX', 'NG', 'KR', 'EG', 'TR', 'AR'];

interface Doc {
  id: string;
  topic: string;
  title: string;
  sentences: string[];
}

/** Rejoins CoNLL tokens into text: no space before closing punctuation or after opening. */
function detokenize(tokens: string[]): string {
  return tokens
    .join(' ')
    .replace(/`` ?| ?''/g, '"')
    .replace(/ ([,.;:!?%)\]}])/g, '$1')
    .replace(/([([{$]) /g, '$1')
    .replace(/ (n't|'s|'re|'ve|'ll|'d|'m)\b/gi, '$1')
    .replace(/" ([^"]*?) "/g, '"$1"');
}

function loadDocs(file: string): Doc[] {
  const tokens = new Map<string, string[][]>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('#') || !line.trim()) continue;
    const [doc, sentence, , token] = line.split('\t');
    if (!doc || sentence === undefined || token === undefined) continue;
    let d = tokens.get(doc);
    if (!d) {
      d = [];
      tokens.set(doc, d);
    }
    const i = Number(sentence);
    if (!d[i]) d[i] = [];
    d[i].push(token);
  }
  return [...tokens.entries()].map(([id, ss]) => {
    const sentences = ss.filter(Boolean).map(detokenize);
    // Sentence 1 is usually the dateline ("March 01, 2008"): not prose.
    const body = sentences.slice(1).filter((s) => !/^\w+ \d{1,2}, \d{4}$/.test(s));
    return { id, topic: id.split('/')[0]!.replace('corpus_', ''), title: sentences[0] ?? '', sentences: body };
  });
}

function toArticle(doc: Doc, i: number, perturb = 0): TakeArticle {
  // A perturbed copy keeps the facts but not the exact text: drop one sentence, rotate the rest.
  let sentences = doc.sentences;
  if (perturb > 0 && sentences.length > 3) {
    const drop = perturb % sentences.length;
    sentences = sentences.filter((_, j) => j !== drop);
    const cut = 1 + (perturb % Math.max(1, sentences.length - 1));
    sentences = [sentences[0]!, ...sentences.slice(cut), ...sentences.slice(1, cut)];
  }
  return {
    id: perturb > 0 ? `${doc.id}#${perturb}` : doc.id,
    outlet: `outlet-${i % 40}`,
    country: COUNTRIES[i % COUNTRIES.length]!,
    language: 'en',
    title: doc.title,
    text: sentences.join('\n'),
    published: '2026-01-01T00:00:00Z',
  };
}

function story(docs: Doc[], size: number): TakeArticle[] {
  return Array.from({ length: size }, (_, i) => toArticle(docs[i % docs.length]!, i, Math.floor(i / docs.length)));
}

const docs = loadDocs(path);
const topics = [...new Set(docs.map((d) => d.topic))];
console.log(`MEANTIME: ${docs.length} documents, topics ${topics.join(', ')} (${path})\n`);

console.log('size  ms(median)  sections  sentences  cited/story countries  share  problems');
// Warm up the JIT and compromise's lexicon once, outside the timings.
extractiveTake({ articles: story(docs, 10) });
for (const size of [10, 100, 500]) {
  // 10: one topic (a real story); 100 and 500: the whole corpus, repeated and perturbed for 500.
  const articles =
    size === 10
      ? story(
          docs.filter((d) => d.topic === topics[0]),
          10,
        )
      : story(docs, size);
  const times: number[] = [];
  let take = extractiveTake({ articles });
  for (let run = 0; run < (size >= 500 ? 3 : 5); run++) {
    const t0 = performance.now();
    take = extractiveTake({ articles });
    times.push(performance.now() - t0);
  }
  const storyCountries = new Set(articles.map((a) => a.country)).size;
  const sentences = take.sections.reduce((n, s) => n + s.sentences.length, 0);
  const problems = takeProblems(take, articles);
  console.log(
    `${String(size).padEnd(5)} ${median(times).toFixed(0).padStart(10)}  ${String(take.sections.length).padStart(8)}  ${String(sentences).padStart(9)}  ${`${take.countries.length}/${storyCountries}`.padStart(22)}  ${(take.countries.length / storyCountries).toFixed(2).padStart(5)}  ${problems.length === 0 ? 'none' : problems.join('; ')}`,
  );
}

console.log('\nMEANTIME topics as stories (30 articles each):');
let allSound = true;
for (const topic of topics) {
  const articles = docs.filter((d) => d.topic === topic).map((d, i) => toArticle(d, i));
  const take = extractiveTake({ articles });
  const problems = takeProblems(take, articles);
  allSound &&= problems.length === 0;
  const sentences = take.sections.flatMap((s) => s.sentences);
  const citations = sentences.reduce((n, s) => n + s.citations.length, 0);
  const storyCountries = new Set(articles.map((a) => a.country)).size;
  console.log(
    `  ${topic.padEnd(7)} sections ${take.sections.length}, sentences ${sentences.length}, citations ${citations} (multi-source sentences ${sentences.filter((s) => s.citations.length > 1).length}), countries ${take.countries.length}/${storyCountries}; checks: ${problems.length === 0 ? 'all pass' : problems.join('; ')}`,
  );
  console.log(`          headings: ${take.sections.map((s) => s.heading).join(' | ')}`);
}
console.log(`\nChecks (cited, resolvable, no repeats, titled, 2-5 x 1-4, countries): ${allSound ? 'PASS' : 'FAIL'}`);
