import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isWidgetLine, WIDGET_LABELS } from '../../src/extract/widget-labels.ts';

describe('isWidgetLine', () => {
  test('lines made only of interface words are widget lines, in many scripts', () => {
    for (const line of [
      'Caption',
      'Close',
      'Share · Tweet · Email',
      '‹ Previous | Next ›',
      '1 / 12 Close',
      'Czytaj więcej »',
      'Поделиться',
      'شارك',
      '分享到：微博 微信 QQ空间',
      '字号：大 中 小',
      '上一篇 下一篇',
      '次の記事',
      '더보기',
      'Κοινοποίηση',
      'Paylaş',
    ]) {
      assert.equal(isWidgetLine(line), true, line);
    }
  });

  test('sentences that use the same words, media headings and dialogue are text', () => {
    for (const line of [
      'Shares closed higher',
      'Next week',
      '中国',
      '下一篇文章讨论了港口的未来',
      'Photos',
      'Images',
      '– „Ok.“',
      'Photo: AP',
      '',
      'Close '.repeat(20),
    ]) {
      assert.equal(isWidgetLine(line), false, line);
    }
  });

  test('every label is lower-case and the data covers the catalog’s major languages', () => {
    for (const lang of ['en', 'fr', 'es', 'ar', 'zh-Hans', 'zh-Hant', 'de', 'ru', 'pl', 'el', 'ja', 'ko', 'tr', 'pt']) {
      assert.ok((WIDGET_LABELS[lang]?.length ?? 0) > 0, lang);
    }
    for (const label of Object.values(WIDGET_LABELS).flat()) assert.equal(label, label.toLowerCase(), label);
  });
});
