import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Config, ConfigError } from '../../src/config/config.ts';

describe('configuration table', () => {
  test('defaults apply when the environment is silent', () => {
    const c = Config.fromEnv({});
    assert.equal(c.int('PORT'), 3000);
    assert.equal(c.string('MERIDIAN_DATA_DIR'), './data');
    assert.equal(c.bool('MERIDIAN_PIPELINE'), true);
  });

  test('values are parsed by type', () => {
    const c = Config.fromEnv({ PORT: '8080', MERIDIAN_PIPELINE: 'off', LOG_LEVEL: 'warn' });
    assert.equal(c.int('PORT'), 8080);
    assert.equal(c.bool('MERIDIAN_PIPELINE'), false);
    assert.equal(c.string('LOG_LEVEL'), 'warn');
  });

  test('a wrong value names the setting and what it accepts', () => {
    assert.throws(
      () => Config.fromEnv({ PORT: 'eighty' }),
      (err: unknown) =>
        err instanceof ConfigError && err.setting === 'PORT' && /PORT.*integer from 0 to 65535/.test(err.message),
    );
    assert.throws(() => Config.fromEnv({ PORT: '70000' }), /integer from 0 to 65535/);
    assert.throws(() => Config.fromEnv({ LOG_LEVEL: 'loud' }), /LOG_LEVEL.*one of: debug, info, warn, error, silent/);
    assert.throws(() => Config.fromEnv({ MERIDIAN_PIPELINE: 'maybe' }), /MERIDIAN_PIPELINE.*true or false/);
    assert.throws(() => Config.fromEnv({ DATABASE_URL: 'not a url' }), /DATABASE_URL.*absolute URL/);
  });

  test('a secret never appears in an error or in describe()', () => {
    assert.throws(
      () => Config.fromEnv({ DATABASE_URL: 'hunter2 secret' }),
      (err: unknown) => err instanceof Error && !err.message.includes('hunter2'),
    );
    const c = Config.fromEnv({ DATABASE_URL: 'postgres://u:hunter2@db/x' });
    const row = c.describe().find((r) => r.spec.name === 'DATABASE_URL');
    assert.equal(row?.value, '********');
    assert.equal(c.string('DATABASE_URL'), 'postgres://u:hunter2@db/x');
  });

  test('.env is read and the environment overrides it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-env-'));
    try {
      const file = join(dir, '.env');
      writeFileSync(file, 'PORT=4000\nLOG_LEVEL=debug\n# comment\n');
      const c = Config.load({ LOG_LEVEL: 'error' }, file);
      assert.equal(c.int('PORT'), 4000);
      assert.equal(c.string('LOG_LEVEL'), 'error');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
