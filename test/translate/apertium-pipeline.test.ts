import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { Config } from '../../src/config/config.ts';
import { deformat, reformat } from '../../src/translate/apertium/text-format.ts';
import { translateArticle } from '../../src/translate/article.ts';
import { MemorySegmentCache } from '../../src/translate/cache.ts';
import { ProviderUnavailableError } from '../../src/translate/errors.ts';
import { createTranslator } from '../../src/translate/providers/index.ts';

/**
 * The Apertium provider's long-lived pipelines, driven through the provider itself with a stand-in
 * pipeline: a mode file naming a script that speaks the null-flush protocol (one answer ending in
 * NUL per input ending in NUL) and "translates" by upper-casing. It logs every input it reads, and
 * misbehaves once on cue: MORIR makes it write half an answer and exit, COLGAR makes it go silent,
 * VENENO kills it every time. `apertium-wblank-mode` (Debian package apertium) turns the mode file
 * into the -z pipeline, as for a real pair.
 */
const hasWblank = (() => {
  try {
    execFileSync('apertium-wblank-mode', ['-h'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    return (err as { status?: number }).status !== undefined; // ran, only complained about -h
  }
})();
const skip = hasWblank ? false : 'apertium-wblank-mode (Debian package apertium) is not installed: SKIPPED';
if (skip && process.env.MERIDIAN_REQUIRE_APERTIUM === '1') throw new Error(`MERIDIAN_REQUIRE_APERTIUM=1 but ${skip}`);

const FAKE_PIPELINE = `#!/usr/bin/env node
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
const state = process.argv.at(-1);
let pending = Buffer.alloc(0);
process.stdin.on('data', (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  for (let at = pending.indexOf(0); at !== -1; at = pending.indexOf(0)) {
    const input = pending.subarray(0, at).toString('utf8');
    pending = pending.subarray(at + 1);
    appendFileSync(state + '/inputs.log', JSON.stringify(input) + '\\n');
    const once = (name) => !existsSync(state + '/' + name) && (writeFileSync(state + '/' + name, ''), true);
    const answer = input.toUpperCase();
    if (answer.includes('VENENO') || (answer.includes('MORIR') && once('died'))) {
      process.stdout.write(answer.slice(0, answer.length >> 1), () => process.exit(3));
      return;
    }
    if (answer.includes('COLGAR') && once('hung')) {
      process.stdin.pause();
      return;
    }
    process.stdout.write(answer + '\\0');
  }
});
process.stdin.on('end', () => process.exit(0));
`;

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A modes folder with spa-eng pointing at the stand-in, an `apertium -l` that lists it, and its state folder. */
function standIn() {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-apertium-pipeline-'));
  dirs.push(dir);
  const script = join(dir, 'fake-pipeline');
  writeFileSync(script, FAKE_PIPELINE);
  chmodSync(script, 0o755);
  const lister = join(dir, 'fake-apertium');
  writeFileSync(lister, '#!/bin/sh\necho spa-eng\n');
  chmodSync(lister, 0o755);
  writeFileSync(join(dir, 'spa-eng.mode'), `'${script}' '${dir}'\n`);
  const inputs = () =>
    existsSync(join(dir, 'inputs.log'))
      ? readFileSync(join(dir, 'inputs.log'), 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as string)
      : [];
  const env = (extra: Record<string, string> = {}) =>
    Config.fromEnv({
      MERIDIAN_TRANSLATOR: 'apertium',
      MERIDIAN_APERTIUM_COMMAND: lister,
      MERIDIAN_APERTIUM_MODES_DIR: dir,
      MERIDIAN_APERTIUM_CONCURRENCY: '1',
      ...extra,
    });
  return { dir, inputs, env };
}

function article(tag: string, cue = '') {
  return {
    title: `Titular ${tag}`,
    standfirst: `Entradilla ${tag} [con corchetes] y $igno`,
    blocks: [
      { kind: 'p' as const, text: `Primer párrafo ${tag}.` },
      { kind: 'h2' as const, text: `Sección ${tag} ${cue}`.trim() },
      { kind: 'p' as const, text: `Segundo párrafo ${tag}, con\tun tabulador y ~tilde.` },
      { kind: 'quote' as const, text: `«Una cita ${tag}»` },
    ],
    image: { caption: `Pie de foto ${tag}` },
    language: 'es',
  };
}

/** What the stand-in's "translation" of an article must be, block for block. */
function expectUpper(got: Awaited<ReturnType<typeof translateArticle>>, a: ReturnType<typeof article>) {
  assert.equal(got.title, a.title.toUpperCase());
  assert.equal(got.standfirst, a.standfirst.toUpperCase());
  assert.equal(got.imageCaption, a.image.caption.toUpperCase());
  assert.deepEqual(
    got.blocks,
    a.blocks.map((b) => ({ kind: b.kind, text: b.text.toUpperCase() })),
  );
}

describe('Apertium null-flush pipelines', { skip }, () => {
  test('one pipeline answers many articles in flight, each one input, each answer to its own article', async () => {
    const s = standIn();
    const translator = await createTranslator(s.env());
    const articles = ['uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis'].map((t) => article(t));
    const results = await Promise.all(
      articles.map((a) => translateArticle(a, { translator, cache: new MemorySegmentCache(), target: 'en' })),
    );
    results.forEach((r, i) => {
      expectUpper(r, articles[i] as ReturnType<typeof article>);
    });
    assert.equal(s.inputs().length, 6, 'one input per article, none repeated');
    await translator.close?.();
  });

  test('a pipeline that dies mid-batch is restarted and the batch retried: no block lost, none duplicated', async () => {
    const s = standIn();
    const translator = await createTranslator(s.env());
    // Three articles in flight on the one pipeline; the first kills it halfway through its answer.
    const dying = article('uno', 'morir');
    const others = [article('dos'), article('tres')];
    const results = await Promise.all(
      [dying, ...others].map((a) => translateArticle(a, { translator, cache: new MemorySegmentCache(), target: 'en' })),
    );
    assert.ok(existsSync(join(s.dir, 'died')), 'the stand-in did die');
    expectUpper(results[0] as Awaited<ReturnType<typeof translateArticle>>, dying);
    others.forEach((a, i) => {
      expectUpper(results[i + 1] as Awaited<ReturnType<typeof translateArticle>>, a);
    });
    // Block counts kept; the dying batch was sent twice (once to each pipeline), answered once.
    for (const r of results) assert.equal(r.blocks.length, 4);
    const sent = s.inputs();
    assert.equal(sent.filter((i) => i.includes('morir')).length, 2);
    assert.equal(results[0]?.providerCalls, 1, 'the retry happens inside the provider, not as a second call');
    await translator.close?.();
  });

  test('a pipeline that hangs is killed after the timeout and its input answered by a new one', async () => {
    const s = standIn();
    // The timeout also bounds the replacement pipeline's answer, and starting one (a Node process)
    // can take over a second on a loaded machine: 1 s made the test fail there, not the pool.
    const translator = await createTranslator(s.env({ MERIDIAN_APERTIUM_TIMEOUT_MS: '5000' }));
    const hanging = article('uno', 'colgar');
    const result = await translateArticle(hanging, { translator, cache: new MemorySegmentCache(), target: 'en' });
    assert.ok(existsSync(join(s.dir, 'hung')));
    expectUpper(result, hanging);
    await translator.close?.();
  });

  test('an input that kills every pipeline fails as an outage after its retries; the others are answered', async () => {
    const s = standIn();
    const translator = await createTranslator(s.env());
    const poison = translator.translate(['Esto es veneno.'], 'es', 'en');
    const fine = translator.translate(['Esto está bien.'], 'es', 'en');
    await assert.rejects(poison, ProviderUnavailableError);
    assert.deepEqual(await fine, ['ESTO ESTÁ BIEN.']);
    // First try and two retries: the pool gives up instead of restarting forever.
    assert.equal(s.inputs().filter((i) => i.includes('veneno')).length, 3);
    await translator.close?.();
  });
});

describe('Apertium text format done in process', () => {
  const samples = [
    'Hola mundo.',
    'El [presidente] dijo: ^a$ \\ / @ <b> {x} *y* #z',
    'Primero.\n\nSegundo\ncon salto.\n\n¶¶¶\n\nTercero',
    '  espacios   dobles  ',
    'tab\there ~tilde~ y\r\n\r\nCRLF',
    '\n\ninicio',
    'a ~~ b',
    'sin punto final',
  ];

  test('deformat and reformat match apertium-destxt and apertium-retxt byte for byte', {
    skip: existsSync('/usr/bin/apertium-destxt') ? false : 'apertium-destxt not installed: SKIPPED',
  }, () => {
    for (const text of samples) {
      const destxt = execFileSync('apertium-destxt', { input: text }).toString('utf8');
      assert.equal(deformat(text), destxt, `deformat of ${JSON.stringify(text)}`);
      const retxt = execFileSync('apertium-retxt', { input: destxt }).toString('utf8');
      assert.equal(reformat(destxt), retxt, `reformat of ${JSON.stringify(destxt)}`);
    }
  });

  test('text survives the round trip through the stream format', () => {
    for (const text of samples) assert.equal(reformat(deformat(text)), text);
  });
});
