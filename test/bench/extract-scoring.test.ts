import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { averagedF1, shingleScore, snippetCounts, snippetF1, tokens } from '../../bench/extract-scoring.ts';

describe('extraction scoring', () => {
  test('each CJK character is a token; other scripts are words', () => {
    assert.deepEqual(tokens('港口恢复通航 Port reopens, 2026年'), [
      '港',
      '口',
      '恢',
      '复',
      '通',
      '航',
      'Port',
      'reopens',
      '2026',
      '年',
    ]);
    assert.deepEqual(tokens('Москва — столица'), ['Москва', 'столица']);
  });

  test('Chinese text without spaces is scored by characters: extra chrome lowers precision only', () => {
    const gold = '港务局周一表示港口已恢复通航';
    assert.deepEqual(shingleScore(gold, gold), { precision: 1, recall: 1 });
    const withChrome = shingleScore(gold, `${gold} 分享到微博微信`);
    assert.equal(withChrome.recall, 1);
    assert.ok(withChrome.precision < 1 && withChrome.precision > 0.5);
    assert.deepEqual(shingleScore(gold, ''), { precision: 0, recall: 0 });
  });

  test('F1 of averaged precision and recall; snippets summed over pages', () => {
    assert.equal(
      averagedF1([
        { precision: 1, recall: 0.5 },
        { precision: 0.5, recall: 1 },
      ]).f1,
      0.75,
    );
    const counts = snippetCounts('The harbour reopened. Share this', ['harbour  reopened'], ['Share this', 'Close']);
    assert.deepEqual(counts, { tp: 1, fn: 0, fp: 1, tn: 1 });
    assert.equal(snippetF1([counts, { tp: 1, fn: 1, fp: 0, tn: 2 }]).f1, 4 / 6);
  });
});
