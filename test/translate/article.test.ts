import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { translateArticle } from '../../src/translate/article.ts';
import { MemorySegmentCache, segmentKey } from '../../src/translate/cache.ts';
import { boundConcurrency } from '../../src/translate/concurrency.ts';
import { RateLimitedError, UnsupportedLanguageError } from '../../src/translate/errors.ts';
import { MemoryGlossary } from '../../src/translate/glossary.ts';
import { joinPieces, planBatches, splitText } from '../../src/translate/segment.ts';
import type { Translator, TranslatorLimits } from '../../src/translate/translator.ts';

/**
 * A test engine in memory: upper-cases text and renders "Уиткофф" as "Weikov" unless told
 * otherwise by the glossary it is given. Records every call.
 */
function recordingTranslator(limits: Partial<TranslatorLimits> = {}, useGlossary = false) {
  const calls: string[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const translator: Translator = {
    name: 'test',
    model: 'm1',
    limits: { maxSegmentsPerRequest: 3, maxCharsPerRequest: 60, concurrency: 2, ...limits },
    supports: (source) => source !== 'xx',
    async translate(segments, _s, _t, options) {
      calls.push(segments);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return segments.map((s) => {
        let out = s.toUpperCase();
        const fixed = useGlossary && options?.glossary?.find((e) => s.includes(e.sourceForm));
        out = out.replace('УИТКОФФ', fixed ? fixed.english : 'Weikov');
        return out;
      });
    },
  };
  return { translator, calls, maxInFlight: () => maxInFlight };
}

describe('splitText and planBatches', () => {
  test('a long block is cut between sentences and rejoined with its whitespace', () => {
    const text = 'Uno dos tres. Cuatro cinco seis. Siete ocho nueve.\nDiez once doce.';
    const pieces = splitText(text, 30, 'es');
    assert.ok(pieces.length > 1);
    for (const p of pieces) assert.ok(p.text.length <= 30, p.text);
    assert.equal(
      joinPieces(
        pieces.map((p) => p.text),
        pieces,
      ),
      text,
    );
  });

  test('a sentence longer than the limit is cut between words', () => {
    const pieces = splitText('palabra '.repeat(20).trim(), 30, 'es');
    for (const p of pieces) {
      assert.ok(p.text.length <= 30);
      assert.match(p.text, /^palabra( palabra)*$/, 'no word is cut');
    }
  });

  test('batches respect both the segment and the character limit, in order', () => {
    const limits = { maxSegmentsPerRequest: 2, maxCharsPerRequest: 10, concurrency: 1 };
    assert.deepEqual(planBatches([3, 3, 3, 8, 12, 1], limits), [[0, 1], [2], [3], [4], [5]]);
  });
});

describe('translateArticle', () => {
  test('keeps the structure: one output block per input block, same kinds, empty ones untouched', async () => {
    const { translator } = recordingTranslator();
    const blocks = [
      { kind: 'h2' as const, text: 'uno' },
      { kind: 'p' as const, text: '   ' },
      { kind: 'li' as const, text: 'dos' },
      { kind: 'table' as const, text: 'tres', html: '<table><tr><td>tres</td></tr></table>' },
    ];
    const result = await translateArticle(
      { title: 'título', standfirst: 'entrada', blocks, image: { caption: 'foto' }, language: 'es' },
      { translator, cache: new MemorySegmentCache(), target: 'en' },
    );
    assert.equal(result.title, 'TÍTULO');
    assert.equal(result.standfirst, 'ENTRADA');
    assert.equal(result.imageCaption, 'FOTO');
    assert.deepEqual(result.blocks, [
      { kind: 'h2', text: 'UNO' },
      { kind: 'p', text: '' },
      { kind: 'li', text: 'DOS' },
      { kind: 'table', text: 'TRES' },
    ]);
    assert.equal(result.translated, true);
    assert.equal(result.segments, 6);
  });

  test('long blocks are split to the provider limit and rejoined; concurrency stays bounded', async () => {
    const { translator, calls, maxInFlight } = recordingTranslator({ maxCharsPerRequest: 40, concurrency: 2 });
    const long = Array.from({ length: 12 }, (_, i) => `Frase número ${i} aquí.`).join(' ');
    const result = await translateArticle(
      { title: 'título', blocks: [{ kind: 'p', text: long }], language: 'es' },
      { translator, cache: new MemorySegmentCache(), target: 'en' },
    );
    assert.equal(result.blocks[0]?.text, long.toUpperCase());
    for (const batch of calls) {
      assert.ok(batch.length <= 3);
      assert.ok(batch.join('').length <= 40);
    }
    assert.ok(calls.length > 3);
    assert.ok(maxInFlight() <= 2);
  });

  test('identical segments are sent once; the cache key covers languages, provider and model', async () => {
    const { translator, calls } = recordingTranslator();
    const cache = new MemorySegmentCache();
    await translateArticle(
      { title: 'hola', blocks: [{ kind: 'p', text: 'hola' }], language: 'es' },
      { translator, cache, target: 'en' },
    );
    assert.deepEqual(calls, [['hola']]);
    const key = segmentKey({ text: 'hola', source: 'es', target: 'en', provider: 'test', model: 'm1' });
    assert.equal((await cache.getMany([key])).get(key), 'HOLA');
    assert.notEqual(key, segmentKey({ text: 'hola', source: 'es', target: 'en', provider: 'test', model: 'm2' }));
    assert.notEqual(key, segmentKey({ text: 'hola', source: 'pt', target: 'en', provider: 'test', model: 'm1' }));
  });

  test('a rate limit is retried after the Retry-After wait; after the last attempt the error goes up', async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    let failures = 5;
    const flaky: Translator = {
      ...recordingTranslator().translator,
      async translate(segments) {
        if (failures-- > 0) throw new RateLimitedError('slow down', 'test', 250);
        return segments;
      },
    };
    const article = { title: 'hola', blocks: [], language: 'es' };
    await assert.rejects(
      translateArticle(article, {
        translator: flaky,
        cache: new MemorySegmentCache(),
        target: 'en',
        retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1000, sleep },
      }),
      RateLimitedError,
    );
    assert.deepEqual(waits, [250, 250]);
    waits.length = 0;
    failures = 1;
    const ok = await translateArticle(article, {
      translator: flaky,
      cache: new MemorySegmentCache(),
      target: 'en',
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1000, sleep },
    });
    assert.equal(ok.title, 'hola');
    assert.deepEqual(waits, [250]);
    assert.equal(ok.providerCalls, 2);
  });

  test('an outage halfway through an article keeps the batches already paid for; the retry sends only the rest', async () => {
    const { translator, calls } = recordingTranslator({ maxSegmentsPerRequest: 1, concurrency: 1 });
    let allowed = 2;
    const failing: Translator = {
      ...translator,
      async translate(segments, source, target, options) {
        if (allowed-- <= 0) throw new Error('503 from the provider');
        return translator.translate(segments, source, target, options);
      },
    };
    const cache = new MemorySegmentCache();
    const article = {
      title: 'uno',
      blocks: ['dos', 'tres', 'cuatro'].map((text) => ({ kind: 'p' as const, text })),
      language: 'es',
    };
    const deps = { translator: failing, cache, target: 'en', retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } };
    await assert.rejects(translateArticle(article, deps), /503/);
    assert.equal(calls.length, 2, 'two segments were translated (and paid for) before the outage');
    allowed = 10;
    calls.length = 0;
    const again = await translateArticle(article, deps);
    assert.deepEqual(calls.flat().sort(), ['cuatro', 'tres'], 'only the segments the outage stopped are sent again');
    assert.deepEqual(
      again.blocks.map((b) => b.text),
      ['DOS', 'TRES', 'CUATRO'],
    );
  });

  test('an unsupported pair is UnsupportedLanguageError; a text already in the target passes through', async () => {
    const { translator, calls } = recordingTranslator();
    await assert.rejects(
      translateArticle(
        { title: 'x', blocks: [], language: 'xx' },
        { translator, cache: new MemorySegmentCache(), target: 'en' },
      ),
      UnsupportedLanguageError,
    );
    const same = await translateArticle(
      { title: 'Hello', blocks: [], language: 'en-GB' },
      { translator, cache: new MemorySegmentCache(), target: 'en' },
    );
    assert.equal(same.translated, false);
    assert.equal(calls.length, 0);
  });

  test('a segment that renders a glossary name another way is retranslated with the name enforced', async () => {
    const { translator, calls } = recordingTranslator();
    const glossary = new MemoryGlossary([{ sourceForm: 'Уиткофф', sourceLang: 'ru', english: 'Witkoff' }]);
    const cache = new MemorySegmentCache();
    const article = { title: 'посланник Уиткофф', blocks: [{ kind: 'p' as const, text: 'без имени' }], language: 'ru' };
    const result = await translateArticle(article, { translator, cache, glossary, target: 'en' });
    assert.equal(result.title, 'ПОСЛАННИК WITKOFF');
    assert.deepEqual(calls[1], ['посланник Witkoff'], 'retranslated with the English form written in');
    assert.deepEqual(result.glossaryFlags, []);
    // The corrected segment is what the cache keeps.
    const again = await translateArticle(article, { translator, cache, glossary, target: 'en' });
    assert.equal(again.providerCalls, 0);
    assert.equal(again.title, result.title);
  });

  test('the glossary travels to providers that support it, only with the names present', async () => {
    const { translator, calls } = recordingTranslator({}, true);
    const glossary = new MemoryGlossary([
      { sourceForm: 'Уиткофф', sourceLang: 'ru', english: 'Witkoff' },
      { sourceForm: 'Трамп', sourceLang: 'ru', english: 'Trump' },
    ]);
    const seen: unknown[] = [];
    const spy: Translator = {
      ...translator,
      translate: (s, a, b, o) => {
        seen.push(o?.glossary?.map((e) => e.english));
        return translator.translate(s, a, b, o);
      },
    };
    const result = await translateArticle(
      { title: 'посланник Уиткофф', blocks: [], language: 'ru' },
      { translator: spy, cache: new MemorySegmentCache(), glossary, target: 'en' },
    );
    assert.equal(result.title, 'ПОСЛАННИК Witkoff');
    assert.deepEqual(seen, [['Witkoff']]);
    assert.equal(calls.length, 1);
  });
});

describe('boundConcurrency', () => {
  test('articles translated at the same time share the provider limit', async () => {
    const { translator, maxInFlight } = recordingTranslator({ concurrency: 2, maxSegmentsPerRequest: 1 });
    const bounded = boundConcurrency(translator);
    const articles = Array.from({ length: 4 }, (_, i) => ({
      title: `título ${i}`,
      blocks: [
        { kind: 'p' as const, text: `uno ${i}` },
        { kind: 'p' as const, text: `dos ${i}` },
      ],
      language: 'es',
    }));
    const results = await Promise.all(
      articles.map((a) => translateArticle(a, { translator: bounded, cache: new MemorySegmentCache(), target: 'en' })),
    );
    assert.equal(results[3]?.blocks[1]?.text, 'DOS 3');
    assert.equal(maxInFlight(), 2);
  });
});
