import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCsv } from '../../src/util/csv.ts';

test('parses quoted fields holding commas, line breaks and doubled quotes', () => {
  const text = '\ufeffa,b,c\r\n1,"x, y","line one\nline two"\n2,"say ""hi""",\n';
  assert.deepEqual(parseCsv(text), [
    ['a', 'b', 'c'],
    ['1', 'x, y', 'line one\nline two'],
    ['2', 'say "hi"', ''],
  ]);
});

test('keeps a last row without a line break, and empty fields', () => {
  assert.deepEqual(parseCsv('a,,c\n,,'), [
    ['a', '', 'c'],
    ['', '', ''],
  ]);
});
