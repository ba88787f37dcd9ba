import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeTag, primaryLanguage } from '../../src/language/tags.ts';

test('normalizeTag maps declared tags to the form detection returns', () => {
  assert.equal(normalizeTag('zh-TW'), 'zh-Hant');
  assert.equal(normalizeTag('zh_HK'), 'zh-Hant');
  assert.equal(normalizeTag('zh-Hant'), 'zh-Hant');
  assert.equal(normalizeTag('zh-CN'), 'zh-Hans');
  assert.equal(normalizeTag('zh'), 'zh-Hans');
  assert.equal(normalizeTag('sr-Latn-RS'), 'sr-Latn');
  assert.equal(normalizeTag('sr'), 'sr');
  assert.equal(normalizeTag('pt-BR'), 'pt');
  assert.equal(normalizeTag('EN-us'), 'en');
  assert.equal(normalizeTag('iw'), 'he');
  assert.equal(normalizeTag('nb-NO'), 'nb');
  assert.equal(normalizeTag('no'), 'nb', 'Norwegian is reported as Bokmål, as translators name it');
  assert.equal(normalizeTag('fil'), 'tl');
  assert.equal(normalizeTag(''), undefined);
  assert.equal(normalizeTag('x'), undefined);
  assert.equal(normalizeTag(undefined), undefined);
});

test('primaryLanguage keeps the language subtag', () => {
  assert.equal(primaryLanguage('zh-Hant'), 'zh');
  assert.equal(primaryLanguage('sr-Latn'), 'sr');
  assert.equal(primaryLanguage('en'), 'en');
});
