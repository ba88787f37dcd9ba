import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../helpers/cli.ts';

describe('meridian detect', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-detect-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('--lines prints one tag per line', async () => {
    const file = join(dir, 'headlines.txt');
    writeFileSync(
      file,
      'Уряд оголосив нові правила\n台灣的經濟發展\n\nحکومت نے نیا قانون منظور کر لیا\nThe government passed a new law\n',
    );
    const { code, out, err } = await runCli(['detect', '--lines', file]);
    assert.equal(code, 0, err);
    assert.equal(out, 'uk\nzh-Hant\nund\nur\nen\n');
  });

  test('without --lines prints the tag of the whole text, with --confidence its confidence', async () => {
    const file = join(dir, 'article.txt');
    writeFileSync(file, 'Der Stadtrat hat am Dienstag beschlossen,\ndie öffentliche Bibliothek zu erweitern.\n');
    const r = await runCli(['detect', '--confidence', file]);
    assert.equal(r.code, 0);
    const [tag, confidence] = r.out.trim().split('\t');
    assert.equal(tag, 'de');
    assert.ok(Number(confidence) > 0.5 && Number(confidence) <= 1);
  });

  test('--expect gives the outlet prior: declared languages win unless another one is declared', async () => {
    const file = join(dir, 'outlet.txt');
    writeFileSync(
      file,
      'Habari za leo\nParliament approves the new budget after a long debate\nالرئيس يعلن خطة جديدة\n',
    );
    const r = await runCli(['detect', '--lines', '--expect', 'sw', file]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'sw\nsw\nar\n', 'English on a Swahili-only outlet is Swahili; Arabic script is Arabic');
    const both = await runCli(['detect', '--lines', '--expect', 'sw,en', file]);
    assert.equal(both.out, 'sw\nen\nar\n');
    const bad = await runCli(['detect', '--expect', ',', file]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--expect takes one or more language tags/);
  });

  test('--hint breaks a tie', async () => {
    const file = join(dir, 'tie.txt');
    writeFileSync(file, '台北市\n');
    const r = await runCli(['detect', '--hint', 'zh-TW', file]);
    assert.equal(r.code, 0);
    assert.equal(r.out, 'zh-Hant\n');
  });

  test('a missing file is one line on stderr and exit code 2', async () => {
    const r = await runCli(['detect', join(dir, 'missing.txt')]);
    assert.equal(r.code, 2);
    assert.match(r.err, /^meridian detect: cannot read .*missing\.txt: ENOENT\n$/);
    assert.equal(r.out, '');
  });
});
