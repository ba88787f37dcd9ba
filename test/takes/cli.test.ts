import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Store } from '../../src/store/store.ts';
import { runCli } from '../helpers/cli.ts';
import { seed } from '../helpers/seed.ts';
import { fixturePath, fixtureStory } from './helpers.ts';

const meridian = runCli;

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

  test('STORY_ID reads the story from the store, writes its next take version and prints it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'take-store-'));
    const store = await Store.open({ dataDir });
    const story = fixtureStory('rhine-low-water');
    try {
      const ids = await seed(
        store,
        story.map((a) => ({
          outletId: 'npr',
          country: 'US',
          language: 'en',
          title: a.title,
          blocks: a.text.split(/\n+/).map((text) => ({ kind: 'p' as const, text })),
          published: a.published,
        })),
      );
      const now = new Date().toISOString();
      const storyId = await store.stories.create({
        title: 'Rhine',
        firstSeen: now,
        lastSeen: now,
        countries: ['US'],
        outlets: ['npr'],
        languages: ['en'],
        articleCount: ids.length,
      });
      for (const id of ids) await store.stories.assign(storyId, id, 1);
      const env = { MERIDIAN_DATA_DIR: dataDir };
      const byId = await meridian(['take', String(storyId), '--json'], env);
      assert.equal(byId.code, 0, byId.err);
      const take = JSON.parse(byId.out);
      for (const section of take.sections)
        for (const s of section.sentences) for (const id of s.citations) assert.ok(ids.includes(Number(id)));
      assert.match(byId.err, /stored as version 1/);
      assert.equal((await store.worldTakes.latest(storyId))?.version, 1);
      const missing = await meridian(['take', '999'], env);
      assert.equal(missing.code, 2);
      assert.match(missing.err, /no story 999/);
    } finally {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('bad input is one clear line', async () => {
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
