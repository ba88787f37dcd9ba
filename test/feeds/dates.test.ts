import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseFeedDate } from '../../src/feeds/dates.ts';

const now = new Date('2025-06-01T00:00:00Z');

function check(cases: Array<[string, string | undefined]>): void {
  for (const [input, expected] of cases) assert.equal(parseFeedDate(input, now), expected, input);
}

describe('parseFeedDate', () => {
  test('RFC 822/1123 with the zones feeds print', () => {
    check([
      ['Mon, 03 Feb 2025 10:00:00 GMT', '2025-02-03T10:00:00.000Z'],
      ['Mon, 3 Feb 2025 10:00 EST', '2025-02-03T15:00:00.000Z'],
      ['Mon, 03 Feb 2025 10:00:00 PDT', '2025-02-03T17:00:00.000Z'],
      ['Mon, 03 Feb 2025 10:00:00 UT', '2025-02-03T10:00:00.000Z'],
      ['Mon, 03 Feb 2025 10:00:00 +0800', '2025-02-03T02:00:00.000Z'],
      ['Mon, 03 Feb 2025 10:00:00 GMT+8', '2025-02-03T02:00:00.000Z'],
      ['Mon, 03 Feb 2025 10:00:00 GMT+05:30', '2025-02-03T04:30:00.000Z'],
      ['Mon, 03 Feb 2025 10:00:00 -0500 (EST)', '2025-02-03T15:00:00.000Z'],
      ['Mon, 03 Feb 2025 10:00:00 IST', '2025-02-03T04:30:00.000Z'],
      ['Mon, 03 Feb 2025 10:00:00 Z', '2025-02-03T10:00:00.000Z'],
    ]);
  });

  test('missing seconds, single-digit day, missing or wrong weekday, two-digit year, ctime', () => {
    check([
      ['Wed, 5 Feb 2025 8:07 PST', '2025-02-05T16:07:00.000Z'],
      ['5 Feb 2025 08:07:00 +0000', '2025-02-05T08:07:00.000Z'],
      ['Sun, 05 Feb 2025 08:07:00 GMT', '2025-02-05T08:07:00.000Z'], // 5 Feb 2025 was a Wednesday
      ['Wednesday, 05-Feb-25 08:07:00 GMT', '2025-02-05T08:07:00.000Z'],
      ['Wed Feb  5 08:07:00 2025', '2025-02-05T08:07:00.000Z'],
      ['Feb 5th, 2025 8:07 PM EST', '2025-02-06T01:07:00.000Z'],
      ['Mon, 03 Feb 2025 24:00:00 GMT', '2025-02-04T00:00:00.000Z'],
    ]);
  });

  test('ISO 8601 with and without zone (no zone means UTC)', () => {
    check([
      ['2025-02-03T10:00:00Z', '2025-02-03T10:00:00.000Z'],
      ['2025-02-03T10:00:00.123456+08:00', '2025-02-03T02:00:00.000Z'],
      ['2025-02-03T10:00+0530', '2025-02-03T04:30:00.000Z'],
      ['2025-02-03T10:00:00-03', '2025-02-03T13:00:00.000Z'],
      ['2025-02-03 10:00:00', '2025-02-03T10:00:00.000Z'],
      ['2025-02-03', '2025-02-03T00:00:00.000Z'],
      ['20250203T101500Z', '2025-02-03T10:15:00.000Z'],
      ['2025-02-03T10:00:00 EST', '2025-02-03T15:00:00.000Z'],
    ]);
  });

  test('German, French, Spanish, Portuguese, Italian month names', () => {
    check([
      ['Mo, 03 Feb 2025 10:00:00 +0100', '2025-02-03T09:00:00.000Z'],
      ['3. März 2025, 10:00 Uhr', '2025-03-03T10:00:00.000Z'],
      ['Di, 04 Mär 2025 09:00:00 MEZ', '2025-03-04T08:00:00.000Z'],
      ['12. Dezember 2024 20:00 MESZ', '2024-12-12T18:00:00.000Z'],
      ['lun., 3 févr. 2025 10:00:00 +0100', '2025-02-03T09:00:00.000Z'],
      ['3 février 2025 à 10h00', '2025-02-03T10:00:00.000Z'],
      ['1er août 2024', '2024-08-01T00:00:00.000Z'],
      ['lunes, 3 de febrero de 2025 10:00', '2025-02-03T10:00:00.000Z'],
      ['mar., 4 feb 2025 10:00', '2025-02-04T10:00:00.000Z'], // "mar" here is Tuesday, not March
      ['segunda-feira, 3 de março de 2025 10:00', '2025-03-03T10:00:00.000Z'],
      ['lunedì 3 febbraio 2025 ore 10:00', '2025-02-03T10:00:00.000Z'],
      ['3 set 2024', '2024-09-03T00:00:00.000Z'],
    ]);
  });

  test('Russian (genitive and abbreviated) and Ukrainian', () => {
    check([
      ['Пн, 03 фев 2025 10:00:00 +0300', '2025-02-03T07:00:00.000Z'],
      ['3 февраля 2025 г., 10:00 мск', '2025-02-03T07:00:00.000Z'],
      ['15 сент. 2024 18:30', '2024-09-15T18:30:00.000Z'],
      ['3 лютого 2025, 10:00', '2025-02-03T10:00:00.000Z'],
    ]);
  });

  test('Chinese, Japanese and Korean 年月日 forms take their home zone', () => {
    check([
      ['2025年2月3日 10:30', '2025-02-03T02:30:00.000Z'],
      ['2025年02月03日 下午3时05分', '2025-02-03T07:05:00.000Z'],
      ['２０２５年２月３日（月）１０時３０分', '2025-02-03T01:30:00.000Z'],
      ['2025年2月3日 午後3時5分', '2025-02-03T06:05:00.000Z'],
      ['2025년 2월 3일 오후 3:05', '2025-02-03T06:05:00.000Z'],
      ['2025年2月3日 10:30 +0000', '2025-02-03T10:30:00.000Z'],
    ]);
  });

  test('numeric dates and epochs', () => {
    check([
      ['03.02.2025 10:00', '2025-02-03T10:00:00.000Z'],
      ['2025/02/03 10:00', '2025-02-03T10:00:00.000Z'],
      ['02/03/2025', '2025-02-03T00:00:00.000Z'],
      ['13/02/2025', '2025-02-13T00:00:00.000Z'],
      ['1738576800', '2025-02-03T10:00:00.000Z'],
      ['1738576800000', '2025-02-03T10:00:00.000Z'],
    ]);
  });

  test('future dates beyond a day and pre-1990 placeholders are dropped', () => {
    check([
      ['Sun, 01 Jun 2025 20:00:00 GMT', '2025-06-01T20:00:00.000Z'], // within the day of grace
      ['Tue, 03 Jun 2025 00:00:00 GMT', undefined],
      ['Thu, 01 Jan 2099 00:00:00 GMT', undefined],
      ['1970-01-01T00:00:00Z', undefined],
      ['0001-01-01T00:00:00Z', undefined],
    ]);
  });

  test('garbage never throws and gives undefined', () => {
    for (const input of [
      '',
      '   ',
      'yesterday',
      '3小时前',
      'Sat, 31 Feb 2025 10:00 GMT',
      '2025-13-01',
      'x'.repeat(5000),
    ]) {
      assert.equal(parseFeedDate(input, now), undefined, input);
    }
    for (const input of [undefined, null, 42, {}]) assert.equal(parseFeedDate(input, now), undefined);
  });
});
