import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { detectLanguage } from '../../src/language/detect.ts';
import { pidginWords, rankLatin } from '../../src/language/latin.ts';

interface Fixture {
  expect: string;
  headlines: string[];
  paragraph: string;
}

const fixtures = JSON.parse(
  readFileSync(new URL('../fixtures/language/catalog-languages.json', import.meta.url), 'utf8'),
) as Record<string, Fixture | string>;
const cases = Object.entries(fixtures).filter((e): e is [string, Fixture] => typeof e[1] !== 'string');

describe('catalog languages eld does not serve well, and the closely related pairs', () => {
  for (const [tag, f] of cases) {
    test(`${tag}: a paragraph is ${f.expect} without any prior`, () => {
      assert.equal(detectLanguage(f.paragraph).lang, f.expect);
    });
    test(`${tag}: each headline is ${f.expect} with the outlet's prior`, () => {
      for (const h of f.headlines) assert.equal(detectLanguage(h, { expected: [tag] }).lang, f.expect, h);
    });
  }
});

describe('Nigerian Pidgin without a prior: its own words, and English stays English', () => {
  test('Pidgin function words and spellings make pcm', () => {
    for (const h of [
      'Police don arrest di man wey steal motor for Lagos',
      'Wetin we know about di new fuel price',
      'Why Nigeria goment wan increase fuel price',
      'Na im be di reason wey make pipo dey vex',
    ]) {
      assert.equal(detectLanguage(h).lang, 'pcm', h);
    }
  });

  test("Pidgin's grammar in English words: e and dem before a verb", () => {
    // No word here is Pidgin's own; only the pairs are (E don, dem go, Dem no).
    assert.equal(detectLanguage('E don happen again for Abuja').lang, 'pcm');
    assert.equal(detectLanguage('Teachers say dem go strike next week').lang, 'pcm');
    assert.equal(detectLanguage('Dem no fit carry am go court').lang, 'pcm');
  });

  test('English with the same letters stays English', () => {
    for (const h of [
      'Dem senators say the vote is set for Tuesday',
      'Naim Qassem says Hezbollah will respond',
      'Tori Amos and Neva Chonin to headline the festival',
      'Doors open at 10 am on Saturday, I am told',
      'The e-mail from the beta team',
      'Ana de Armas and Charles de Gaulle meet',
    ]) {
      assert.equal(detectLanguage(h).lang, 'en', h);
    }
  });

  test('Romance function words Pidgin also writes (di, e, de) are no Pidgin', () => {
    assert.equal(pidginWords('il CEO di Apple e il discorso di apertura').kinds, 0);
    // With English ahead of Italian (as a model may put a short text of names), the Romance words
    // still do not add up to Pidgin: the guard is what decides here, not the model.
    const ranked = rankLatin(
      'il CEO di Apple e il discorso di Tim Cook',
      new Map([
        ['en', 0.8],
        ['it', 0.78],
      ]),
      [],
    );
    // (Its lower-case words then hand it to Italian: see lowerCaseRival in latin.ts.)
    assert.equal(ranked[0]?.lang, 'it');
    assert.ok(!ranked.some((c) => c.lang === 'pcm'));
    // Portuguese "e no" (and in the) and "e de" are no Pidgin pronoun before a verb.
    assert.notEqual(detectLanguage('Festival de Cannes e no Rio').lang, 'pcm');
    assert.ok(
      !rankLatin(
        'Festival de Cannes e no Rio',
        new Map([
          ['pt', 0.76],
          ['en', 0.7],
        ]),
        [],
      ).some((c) => c.lang === 'pcm'),
    );
  });

  test('English names and words that look like Pidgin stay English', () => {
    for (const h of [
      "Naim Qassem says Hezbollah backs Lebanon's de facto truce",
      'Tori Amos releases beta of new album',
      'Who am I? Google says the beta of its AI tool is de facto finished',
      'So am I, e.g. when the board meets',
    ]) {
      assert.equal(detectLanguage(h).lang, 'en', h);
    }
    assert.equal(pidginWords('Who am I? So am I, nor am I').shared, 0, 'am after who, so, nor is English');
    assert.equal(pidginWords('Tori Amos, Naim Qassem').own, 0, 'own words that are names count in lower case only');
    assert.equal(pidginWords('Wetin we know').own, 1, 'a first word that is no name counts capitalised');
  });
});

describe("the outlet's declared languages as a strong prior", () => {
  const swahili = 'Rais ametangaza mpango mpya wa kupunguza bei ya mafuta nchini';
  const english = 'Parliament approves new budget after a long debate on fuel prices';

  test('a short text in the script of the declared language gets it, whatever the evidence', () => {
    // "Habari" alone says little; without a prior it is anyone's guess.
    assert.equal(detectLanguage('Habari za leo', { expected: ['sw'] }).lang, 'sw');
    assert.equal(detectLanguage(english, { expected: ['sw'] }).lang, 'sw', 'English on a Swahili-only outlet');
    assert.equal(
      detectLanguage('Nigeria don ready for election wey go happen for February', { expected: ['pcm'] }).lang,
      'pcm',
    );
  });

  test('another language the outlet also declares overrules it', () => {
    assert.equal(detectLanguage(english, { expected: ['sw', 'en'] }).lang, 'en');
    assert.equal(detectLanguage(swahili, { expected: ['sw', 'en'] }).lang, 'sw');
    assert.equal(
      detectLanguage(swahili, { expected: ['en', 'sw'] }).lang,
      'sw',
      'order does not hide the secondary language',
    );
  });

  test('another script overrules it', () => {
    assert.equal(detectLanguage('الرئيس يعلن خطة جديدة لخفض أسعار الوقود', { expected: ['sw'] }).lang, 'ar');
    assert.equal(detectLanguage('Секој граѓанин ќе добие помош', { expected: ['en'] }).lang, 'mk');
  });

  test('Latin letters that spell only names do not overrule the script of the declared language', () => {
    // More Latin letters than Chinese ones, but the Latin spells three skiers' names.
    const skiers = '速报：Mikaela Shiffrin、Petra Vlhová 和 Lara Gut-Behrami';
    assert.notEqual(detectLanguage(skiers).lang, 'zh-Hans', 'without the prior the Latin letters win');
    assert.equal(detectLanguage(skiers, { expected: ['zh-Hans'] }).lang, 'zh-Hans');
    assert.equal(detectLanguage(skiers, { expected: ['zh-Hant'] }).lang, 'zh-Hant');
    // A product name, a handle and one Russian verb: the verb is the sentence.
    const phone = 'Samsung Galaxy Unpacked Live Stream: Galaxy S24 Ultra @samsung.com показан';
    assert.equal(detectLanguage(phone, { expected: ['ru'] }).lang, 'ru');
    // Lower-case Latin words are a sentence in another language: the Chinese is one name.
    assert.equal(
      detectLanguage('巴塞罗那 ganó 3-1 al Valencia en el último minuto', { expected: ['zh-Hans'] }).lang,
      'es',
    );
    // An outlet that also declares a Latin-script language: the evidence decides, as before.
    assert.equal(detectLanguage(phone, { expected: ['ru', 'en'] }).lang, 'en');
  });

  test('Serbian declared without a script is reported in the script of the text', () => {
    assert.equal(detectLanguage('Vlada je usvojila nove mere', { expected: ['sr'] }).lang, 'sr-Latn');
    assert.equal(detectLanguage('Влада је усвојила нове мере', { expected: ['sr'] }).lang, 'sr-Cyrl');
  });

  test('without a prior an English headline stays English: the profiles do not draw it away', () => {
    for (const h of [english, 'Storm leaves thousands without power across the region', 'Talks resume in Geneva']) {
      assert.equal(detectLanguage(h).lang, 'en', h);
    }
  });
});
