import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkSentence, sourceText } from '../../src/takes/llm/grounding.ts';
import type { TakeArticle } from '../../src/takes/summarizer.ts';
import { rejectReason } from '../../src/takes/text/boilerplate.ts';
import { numberForms } from '../../src/takes/text/numbers.ts';
import { splitSentences } from '../../src/takes/text/sentences.ts';

describe('splitSentences', () => {
  test('abbreviations, initials, decimals and acronyms do not end a sentence', () => {
    assert.deepEqual(
      splitSentences(
        'Mr. Weber met Gen. J. Smith at 8 a.m. on Friday. Output fell 3.5 percent in the U.S. economy. The U.S. The end.',
      ),
      [
        'Mr. Weber met Gen. J. Smith at 8 a.m. on Friday.',
        'Output fell 3.5 percent in the U.S. economy.',
        'The U.S.',
        'The end.',
      ],
    );
  });

  test('a quotation ending a sentence stays with it, and paragraphs split', () => {
    assert.deepEqual(splitSentences('He said: "We will stay." Then he left!\nNew paragraph without a stop'), [
      'He said: "We will stay."',
      'Then he left!',
      'New paragraph without a stop',
    ]);
  });

  test('a lower-case word after a dot continues the sentence', () => {
    assert.deepEqual(splitSentences('Prices rose approx. two points. Next one.'), [
      'Prices rose approx. two points.',
      'Next one.',
    ]);
  });
});

describe('rejectReason', () => {
  test('drops furniture, questions and fragments; keeps a news sentence', () => {
    assert.equal(rejectReason('Read more: What the strike means for your commute today.'), 'boilerplate');
    assert.equal(rejectReason('Photo: Diário de Lisboa / João Silva took this picture of the metro.'), 'boilerplate');
    assert.equal(rejectReason('Do you think public transport workers should be allowed to strike?'), 'question');
    assert.equal(rejectReason('Too short.'), 'too short');
    assert.equal(rejectReason('The union STML said 95 percent of workers joined the stoppage.'), undefined);
  });
});

describe('numberForms', () => {
  test('the same quantity written differently compares equal', () => {
    assert.ok(numberForms('about 1,200 people').has('1200'));
    assert.ok(numberForms('a 2.50 fee').has('2.5'));
    assert.ok(numberForms('a $3m deal').has('3000000'));
    assert.ok(numberForms('3 million euros').has('3000000'));
    assert.ok(numberForms('twelve barges').has('12'));
    assert.ok(numberForms('12% more').has('12'));
  });
});

describe('checkSentence', () => {
  const article: TakeArticle = {
    id: 'a1',
    outlet: 'rheinpost',
    country: 'DE',
    language: 'de',
    title: 'Rhine at Kaub falls to 38 centimetres',
    text: 'The U.S. envoy met Claire Muller on Tuesday. Exports fell by 1,200 tonnes. "We are living with the river the climate is giving us," she said.',
    published: '',
  };
  const sources = [sourceText(article)];

  test('accepts names, normalised numbers and verbatim quotes found in the source', () => {
    assert.deepEqual(checkSentence('The US envoy met Claire Muller in Germany on Tuesday.', sources), { ok: true });
    assert.deepEqual(checkSentence('Exports fell by 1200 tonnes while the Rhine at Kaub dropped.', sources), {
      ok: true,
    });
    assert.deepEqual(checkSentence('Muller said: “we are living with the river”.', sources), { ok: true });
  });

  test('rejects an unknown name, a wrong number and an invented quote', () => {
    assert.deepEqual(checkSentence('Claire Muller met Olaf Brandt.', sources), {
      ok: false,
      reason: 'name',
      missing: ['Olaf', 'Brandt'],
    });
    assert.deepEqual(checkSentence('Exports fell by 1,300 tonnes.', sources), {
      ok: false,
      reason: 'number',
      missing: ['1,300'],
    });
    const quote = checkSentence('Muller said "the river is dead".', sources);
    assert.equal(quote.ok, false);
  });
});
