import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/main.ts';
import { FIXTURES, fixtureArticles } from './fixtures.ts';

async function cli(args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await run(
    args,
    { out: (t) => (out += t), err: (t) => (err += t), tty: false },
    { LOG_LEVEL: 'silent', ...env },
  );
  return {
    code,
    out,
    err,
    lines:
      out.trim() === ''
        ? []
        : out
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l)),
  };
}

const fixture = (name: string) => fileURLToPath(new URL(name, FIXTURES));

describe('meridian cluster', () => {
  test('prints one {"id","story"} line per article, same event → same story', async () => {
    const { code, lines } = await cli(['cluster', fixture('articles.jsonl')]);
    assert.equal(code, 0);
    const docs = fixtureArticles();
    assert.equal(lines.length, docs.length);
    const story = new Map<string | number, number>(lines.map((l: { id: string; story: number }) => [l.id, l.story]));
    for (const a of docs) {
      for (const b of docs) assert.equal(story.get(a.id) === story.get(b.id), a.event === b.event, `${a.id}/${b.id}`);
    }
    assert.deepEqual(Object.keys(lines[0]), ['id', 'story']);
  });

  test('a bad line is one clear error naming the line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-cluster-'));
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"id":1,"language":"en","title":"Fine","text":"ok"}\n{"language":"en"}\n');
    const { code, err } = await cli(['cluster', file]);
    assert.equal(code, 2);
    assert.match(err, /line 2: "id"/);
  });

  test('a missing file is a user error', async () => {
    const { code, err } = await cli(['cluster', '/nonexistent/file.jsonl']);
    assert.equal(code, 2);
    assert.match(err, /no such file/);
  });
});

describe('meridian compare', () => {
  test('scores SemEval-style pairs in [0, 1], same-event pairs above different-event ones', async () => {
    const { code, lines } = await cli(['compare', fixture('pairs.csv')]);
    assert.equal(code, 0);
    const score = new Map(lines.map((l: { pair_id: string; similarity: number }) => [l.pair_id, l.similarity]));
    assert.deepEqual(
      [...score.keys()],
      ['p-same-en-de', 'p-same-en-es', 'p-diff-en-fr', 'p-same-en-it', 'p-diff-en-en'],
    );
    for (const s of score.values()) assert.ok(s >= 0 && s <= 1);
    const same = ['p-same-en-de', 'p-same-en-es', 'p-same-en-it'].map((k) => score.get(k) ?? 0);
    const different = ['p-diff-en-fr', 'p-diff-en-en'].map((k) => score.get(k) ?? 1);
    assert.ok(Math.min(...same) > Math.max(...different), `${same} vs ${different}`);
  });

  test('a CSV without the required columns is a user error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-compare-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'pair_id,text1\n1,hello\n');
    const { code, err } = await cli(['compare', file]);
    assert.equal(code, 2);
    assert.match(err, /lacks lang1, lang2, text2/);
  });
});
