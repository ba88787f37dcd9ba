import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { runCli } from '../helpers/cli.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'extract');

async function extract(args: string[]) {
  const { code, out, err } = await runCli(['extract', ...args]);
  const lines = out
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  return { code, lines, stderr: err };
}

describe('meridian extract', () => {
  let dir: string;
  const source = (name: string) => join(FIXTURES, name, 'source.html');

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'meridian-extract-'));
    writeFileSync(join(dir, 'budget.html.gz'), gzipSync(readFileSync(source('boilerplate'))));
    mkdirSync(join(dir, 'pages', 'nested'), { recursive: true });
    copyFileSync(source('jsonld-free'), join(dir, 'pages', 'a.html'));
    copyFileSync(source('arabic-rtl'), join(dir, 'pages', 'nested', 'b.htm'));
    writeFileSync(join(dir, 'pages', 'notes.txt'), 'not a page');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('one JSON line per file, in order; a .gz file is read; errors are lines, not crashes', async () => {
    const missing = join(dir, 'does-not-exist.html');
    const { code, lines } = await extract([
      source('lead-figure'),
      join(dir, 'budget.html.gz'),
      missing,
      source('home-index'),
    ]);
    assert.equal(code, 0);
    assert.equal(lines.length, 4);

    const [figure, budget, broken, home] = lines;
    assert.equal(figure.file, source('lead-figure'));
    assert.equal(figure.title, 'Glacier retreat uncovers 4,000-year-old forest');
    assert.equal(figure.author, 'Lena Haugen');
    assert.equal(figure.published, '2026-07-21T06:00:00.000Z');
    // Without --url the page's own canonical URL is the base for relative links and the url field.
    assert.equal(figure.url, 'https://news.example.org/science/glacier-forest');
    assert.deepEqual(figure.image, {
      url: 'https://news.example.org/media/2026/07/glacier-stumps.jpg',
      caption: 'Tree stumps emerge from the ice at the foot of the glacier.',
      credit: 'Lena Haugen',
    });
    assert.equal(figure.text, figure.blocks.map((b: { text: string }) => b.text).join('\n\n'));
    assert.match(figure.text, /^Researchers working on a shrinking glacier/);
    assert.ok(typeof figure.language === 'string' && figure.language.startsWith('en'));

    assert.equal(budget.title, 'City council approves new budget');
    assert.ok(budget.blocks.some((b: { kind: string }) => b.kind === 'table'));
    assert.ok(!budget.text.includes('Share on Twitter'));

    assert.equal(broken.file, missing);
    assert.match(broken.error, /^cannot read: /);
    assert.equal(broken.title, undefined);

    assert.equal(home.error, 'no article');
  });

  test('--url sets the page URL; a directory stands for the pages inside it', async () => {
    const { code, lines } = await extract(['--url', 'https://rundschau.example/x', join(dir, 'pages')]);
    assert.equal(code, 0);
    assert.deepEqual(
      lines.map((l) => l.file),
      [join(dir, 'pages', 'a.html'), join(dir, 'pages', 'nested', 'b.htm')],
    );
    assert.equal(lines[0].url, 'https://rundschau.example/x');
    assert.equal(lines[0].author, 'Jana Lindner');
    assert.equal(lines[1].title, 'افتتاح محطة جديدة لتحلية المياه على الساحل');
    assert.equal(lines[1].language, 'ar');
  });

  test('language is detected from the text: traditional Chinese is zh-Hant, whatever og:locale says', async () => {
    const { lines } = await extract([source('chinese-zh-hant')]);
    assert.equal(lines[0].declaredLanguage, 'zh-TW');
    assert.equal(lines[0].language, 'zh-Hant');
  });

  test('--jobs 2 runs on worker threads and prints the same lines in the same order', async () => {
    const files = [source('lead-figure'), join(dir, 'missing.html'), source('home-index'), source('arabic-rtl')];
    const sequential = await extract(files);
    const parallel = await extract(['--jobs', '2', ...files]);
    assert.equal(parallel.code, 0);
    assert.deepEqual(parallel.lines, sequential.lines);
    assert.deepEqual(
      parallel.lines.map((l) => l.error ?? l.title),
      [
        'Glacier retreat uncovers 4,000-year-old forest',
        sequential.lines[1].error,
        'no article',
        'افتتاح محطة جديدة لتحلية المياه على الساحل',
      ],
    );
  });

  test('--encoding forces the charset', async () => {
    const latin1 = join(dir, 'latin1.html');
    const page = readFileSync(source('jsonld-free'), 'utf8');
    writeFileSync(latin1, Buffer.from(page, 'latin1'));
    const { lines } = await extract(['--encoding', 'windows-1252', latin1]);
    assert.equal(lines[0].title, 'Neue Brücke über die Saale freigegeben');
    assert.equal(lines[0].charset, 'windows-1252');
  });

  test('text leads with the standfirst, then the body blocks', async () => {
    const { lines } = await extract([source('boilerplate')]);
    const [record] = lines;
    assert.ok(record.text.startsWith(`${record.standfirst}\n\n${record.blocks[0].text}`));
    assert.equal(record.text.split('\n\n').length, record.blocks.length + 1);
  });

  test('usage errors exit 2 with one line on stderr', async () => {
    const none = await extract([]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /give at least one HTML file/);
    const badUrl = await extract(['--url', 'ftp://x', source('lead-figure')]);
    assert.equal(badUrl.code, 2);
    const badEncoding = await extract(['--encoding', 'klingon-8', source('lead-figure')]);
    assert.equal(badEncoding.code, 2);
    assert.match(badEncoding.stderr, /unknown encoding/);
    const badJobs = await extract(['--jobs', 'many', source('lead-figure')]);
    assert.equal(badJobs.code, 2);
  });
});
