import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../src/config/setting.ts';
import { summarizerProviders } from '../../src/takes/providers/index.ts';
import { translatorProviders } from '../../src/translate/providers/index.ts';

test('both provider registries have one shape: names, lookup, and an error naming their setting', () => {
  assert.deepEqual(summarizerProviders.names, ['extractive', 'llm']);
  assert.ok(translatorProviders.names.includes('deepl') && translatorProviders.names.includes('none'));
  assert.equal(translatorProviders.chosen(' DeepL ').name, 'deepl', 'names are read as the setting is written');
  for (const [registry, setting] of [
    [summarizerProviders, 'MERIDIAN_SUMMARIZER'],
    [translatorProviders, 'MERIDIAN_TRANSLATOR'],
  ] as const) {
    assert.equal(registry.has('babelfish'), false);
    assert.throws(
      () => registry.chosen('babelfish'),
      (err) =>
        err instanceof ConfigError &&
        err.setting === setting &&
        err.message.includes(`Choose one of: ${registry.names.join(', ')}`),
    );
    for (const name of registry.names) assert.ok(registry.chosen(name).summary.length > 0, `${name} has a summary`);
  }
});
