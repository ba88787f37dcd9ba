import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyGlossaryCheck, glossaryHash, relevantEntries, substituteEntries } from '../../src/translate/glossary.ts';

const witkoff = { sourceForm: 'Уиткофф', sourceLang: 'ru', english: 'Witkoff', kind: 'person' as const };

describe('applyGlossaryCheck', () => {
  test("flags 'Weikov' when the glossary says 'Witkoff'", () => {
    const check = applyGlossaryCheck(
      'Спецпосланник Уиткофф прибыл в Москву.',
      'Special envoy Weikov arrived in Moscow.',
      [witkoff],
    );
    assert.deepEqual(check.flagged, [witkoff]);
    assert.deepEqual(check.replaced, []);
    assert.equal(check.text, 'Special envoy Weikov arrived in Moscow.');
  });

  test('passes a translation that uses the glossary form, whatever the inflection in the source', () => {
    const check = applyGlossaryCheck('Путин встретился с Уиткоффом.', "Putin met Witkoff's delegation.", [witkoff]);
    assert.deepEqual(check.flagged, []);
  });

  test('ignores entries whose source form is not in the source', () => {
    const check = applyGlossaryCheck('Путин встретился с Трампом.', 'Putin met Trump.', [witkoff]);
    assert.deepEqual(check.flagged, []);
  });

  test('replaces a recorded wrong variant instead of flagging', () => {
    const entry = { ...witkoff, variants: ['Weikov', 'Uitkoff'] };
    const check = applyGlossaryCheck('Уиткофф и Уиткофф', 'Weikov and Uitkoff', [entry]);
    assert.equal(check.text, 'Witkoff and Witkoff');
    assert.deepEqual(check.replaced, [entry]);
    assert.deepEqual(check.flagged, []);
  });

  test('matches whole words only in spaced scripts, anywhere in unspaced ones', () => {
    const short = { sourceForm: 'Ан', sourceLang: 'ru', english: 'An' };
    assert.deepEqual(applyGlossaryCheck('Анна пришла.', 'Anna came.', [short]).flagged, []);
    const han = { sourceForm: '威特科夫', sourceLang: 'zh', english: 'Witkoff' };
    assert.deepEqual(applyGlossaryCheck('特使威特科夫抵达莫斯科', 'Envoy Weikov arrived in Moscow', [han]).flagged, [
      han,
    ]);
  });
});

describe('glossary helpers', () => {
  test('relevantEntries keeps only names present in the texts', () => {
    const other = { sourceForm: 'Трамп', sourceLang: 'ru', english: 'Trump' };
    assert.deepEqual(relevantEntries(['Уиткофф прибыл'], [witkoff, other]), [witkoff]);
  });

  test('substituteEntries writes the English form into the source', () => {
    assert.equal(substituteEntries('Спецпосланник Уиткофф прибыл', [witkoff]), 'Спецпосланник Witkoff прибыл');
  });

  test('glossaryHash depends on content, not order', () => {
    const other = { sourceForm: 'Трамп', sourceLang: 'ru', english: 'Trump' };
    assert.equal(glossaryHash([witkoff, other]), glossaryHash([other, witkoff]));
    assert.notEqual(glossaryHash([witkoff]), glossaryHash([{ ...witkoff, english: 'Witkof' }]));
  });
});
