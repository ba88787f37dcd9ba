import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { run } from '../../src/cli/main.ts';
import { fixturePath, fixtureStory } from './helpers.ts';

async function meridian(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(args, { out: (t) => (out += t), err: (t) => (err += t), tty: false }, {});
  return { code, out, err };
}

describe('meridian take', () => {
  test('--input --json prints the take with resolvable citations', async () => {
    const { code, out } = await meridian(['take', '--input', fixturePath('rhine-low-water'), '--json']);
    assert.equal(code, 0);
    const take = JSON.parse(out);
    assert.equal(take.provider, 'extractive');
    assert.ok(take.sections.length >= 2 && take.sections.length <= 5);
    const ids = new Set(fixtureStory('rhine-low-water').map((a) => a.id));
    const sources = new Map(take.sources.map((s: { id: string }) => [s.id, s]));
    for (const section of take.sections) {
      assert.equal(typeof section.heading, 'string');
      for (const s of section.sentences) {
        assert.ok(s.citations.length > 0);
        for (const id of s.citations) assert.ok(ids.has(id) && sources.has(id), id);
      }
    }
  });

  test('text output numbers citations and lists the sources', async () => {
    const { code, out } = await meridian(['take', '--input', fixturePath('two-article-story')]);
    assert.equal(code, 0);
    assert.match(out, /\[1\]/);
    assert.match(out, /Sources:\n {2}\[1\] \S+ \((Portugal|Spain)\)/);
  });

  test('STORY_ID says it is not available yet; bad input is one clear line', async () => {
    const byId = await meridian(['take', '42']);
    assert.equal(byId.code, 2);
    assert.match(byId.err, /not available yet/);
    const dir = mkdtempSync(join(tmpdir(), 'take-'));
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"id":"a","text":"x"}\nnot json\n');
    const broken = await meridian(['take', '--input', bad]);
    assert.equal(broken.code, 2);
    assert.match(broken.err, /line 2: not a JSON object/);
    const unknown = await meridian(['take', '--input', bad, '--provider', 'nope']);
    assert.match(unknown.err, /unknown provider/);
  });
});
