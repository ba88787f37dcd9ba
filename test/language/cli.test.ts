import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Io } from '../../src/cli/command.ts';
import { run } from '../../src/cli/main.ts';

function captureIo(): Io & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    tty: false,
    stdout: () => out,
    stderr: () => err,
  };
}

describe('meridian detect', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-detect-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('--lines prints one tag per line', async () => {
    const file = join(dir, 'headlines.txt');
    writeFileSync(
      file,
      'Уряд оголосив нові правила\n台灣的經濟發展\n\nحکومت نے نیا قانون منظور کر لیا\nThe government passed a new law\n',
    );
    const io = captureIo();
    const code = await run(['detect', '--lines', file], io, {});
    assert.equal(code, 0, io.stderr());
    assert.equal(io.stdout(), 'uk\nzh-Hant\nund\nur\nen\n');
  });

  test('without --lines prints the tag of the whole text, with --confidence its confidence', async () => {
    const file = join(dir, 'article.txt');
    writeFileSync(file, 'Der Stadtrat hat am Dienstag beschlossen,\ndie öffentliche Bibliothek zu erweitern.\n');
    const io = captureIo();
    assert.equal(await run(['detect', '--confidence', file], io, {}), 0);
    const [tag, confidence] = io.stdout().trim().split('\t');
    assert.equal(tag, 'de');
    assert.ok(Number(confidence) > 0.5 && Number(confidence) <= 1);
  });

  test('--hint breaks a tie', async () => {
    const file = join(dir, 'tie.txt');
    writeFileSync(file, '台北市\n');
    const io = captureIo();
    assert.equal(await run(['detect', '--hint', 'zh-TW', file], io, {}), 0);
    assert.equal(io.stdout(), 'zh-Hant\n');
  });

  test('a missing file is one line on stderr and exit code 2', async () => {
    const io = captureIo();
    assert.equal(await run(['detect', join(dir, 'missing.txt')], io, {}), 2);
    assert.match(io.stderr(), /^meridian detect: cannot read .*missing\.txt: ENOENT\n$/);
    assert.equal(io.stdout(), '');
  });
});
