import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Config } from '../../src/config/config.ts';
import { allSettings } from '../../src/config/registry.ts';
import { Store } from '../../src/store/store.ts';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('settings', () => {
  test('every declared setting is read somewhere in src/ (a documented setting that nothing reads is a lie)', () => {
    // Declarations (`name: 'X'`) are removed first, so only reads through a Config count.
    const code = sources('src')
      .map((text) => text.replace(/name: '[A-Z0-9_]+'/g, ''))
      .join('\n');
    const unread = allSettings()
      .map((s) => s.name)
      .filter(
        (name) =>
          !new RegExp(`(\\.(string|int|number|bool|list)\\(|requiredSetting\\(\\s*\\w+,)\\s*'${name}'`).test(code),
      );
    assert.deepEqual(unread, []);
    assert.ok(allSettings().length > 50, 'the whole table was loaded');
  });

  test('MERIDIAN_JOB_ATTEMPTS sets how many attempts a job gets before it is parked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-attempts-'));
    const config = Config.fromEnv({ MERIDIAN_DATA_DIR: dir, MERIDIAN_JOB_ATTEMPTS: '2' });
    const store = await Store.fromConfig(config);
    try {
      await store.jobs.enqueue('test', {});
      const outcomes: string[] = [];
      for (let i = 0; i < 3; i++) {
        const [job] = await store.jobs.claim(['test'], 'w', 1, new Date(Date.now() + i * 3_600_000));
        if (!job) break;
        assert.equal(job.maxAttempts, 2);
        outcomes.push(await store.jobs.fail(job, 'boom', new Date()));
      }
      assert.deepEqual(outcomes, ['retry', 'parked'], 'parked after the second attempt, not the fifth');
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
