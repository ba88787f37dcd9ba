import { readFileSync, writeFileSync } from 'node:fs';
import { extractArticle } from '/work/main/src/extract/extract.ts';

const urls: Record<string, string> = {
  'jsonld-paywalled': 'https://coastline.example/news/2026/03/harbour-strike-second-week?utm_source=feed',
  'jsonld-free': 'https://rundschau.example/region/bruecke-saale',
  'lead-figure': 'https://news.example.org/science/glacier-forest',
  boilerplate: 'https://riverside.example/politics/budget',
  'chinese-zh-hant': 'https://island-daily.example/news/typhoon',
  'arabic-rtl': 'https://sahel-news.example/economy/desalination',
  'home-index': 'https://riverside.example/',
  hostile: 'https://markets.example/fx/steady',
  'header-intro': 'https://alpenpost.example/wetter/lawinengefahr',
};
for (const c of process.argv.slice(2)) {
  const html = readFileSync(`test/fixtures/extract/${c}/source.html`, 'utf8');
  const article = extractArticle(html, urls[c]!);
  const out = { url: urls[c], article };
  console.log(c, JSON.stringify(out, null, 1));
  if (process.env.WRITE) writeFileSync(`test/fixtures/extract/${c}/expected.json`, `${JSON.stringify(out, null, 2)}\n`);
}
