import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../config/config.ts';
import { declareSettings } from '../../config/registry.ts';
import { type PipelineCommand, PipelinePool } from '../apertium/pipeline.ts';
import { deformat, reformat } from '../apertium/text-format.ts';
import { ProviderConfigError, ProviderUnavailableError, UnsupportedLanguageError } from '../errors.ts';
import { type HttpCall, joinUrl, requestJson } from '../http.ts';
import { primaryLanguage, type Translator } from '../translator.ts';
import type { TranslatorProvider } from './index.ts';

/**
 * Apertium, rule-based and free: through an APy server when MERIDIAN_APERTIUM_URL is set, else
 * through long-lived pipelines of the installed language pair (Debian: apertium-eng-spa) in
 * null-flush mode (see ../apertium/pipeline.ts), started from the pair's mode file. Where the
 * mode file or `apertium-wblank-mode` cannot be found (an `apertium` command elsewhere), each
 * batch runs one `apertium -u` process as before.
 *
 * Either way, the segments of one request travel as one text, separated by a line that
 * Apertium passes through untouched, so one pipeline input (or one HTTP call) carries a whole
 * batch; blank lines already end sentences in Apertium's text format, so no words move across it.
 */
export const apertiumSettings = declareSettings([
  {
    name: 'MERIDIAN_APERTIUM_URL',
    type: 'url',
    default: '',
    group: 'translate.apertium',
    description: 'Base URL of an Apertium APy server (http://127.0.0.1:2737); empty runs the apertium command.',
  },
  {
    name: 'MERIDIAN_APERTIUM_COMMAND',
    type: 'path',
    default: 'apertium',
    group: 'translate.apertium',
    description: 'The apertium command used when MERIDIAN_APERTIUM_URL is empty.',
  },
  {
    name: 'MERIDIAN_APERTIUM_CONCURRENCY',
    type: 'int',
    default: 2,
    min: 1,
    max: 64,
    group: 'translate.apertium',
    description:
      'Apertium pipelines kept running per language pair (each takes a few inputs at once), or APy requests at once.',
  },
  {
    name: 'MERIDIAN_APERTIUM_MODES_DIR',
    type: 'path',
    default: '/usr/share/apertium/modes',
    group: 'translate.apertium',
    description:
      "Where the language pairs' .mode files are; the pipelines are started from them (empty runs one apertium process per batch).",
  },
  {
    name: 'MERIDIAN_APERTIUM_TIMEOUT_MS',
    type: 'int',
    default: 60_000,
    min: 1000,
    group: 'translate.apertium',
    description:
      'Longest silence of an Apertium pipeline that owes an answer (or longest run of one process) before it is killed and the batch retried.',
  },
] as const);

/** BCP 47 primary tags to the ISO 639-3 codes Apertium names its pairs with. */
const APERTIUM_CODES: Record<string, string> = {
  en: 'eng',
  es: 'spa',
  ca: 'cat',
  gl: 'glg',
  eo: 'epo',
  eu: 'eus',
  is: 'isl',
  mk: 'mkd',
  pt: 'por',
  fr: 'fra',
  it: 'ita',
  ro: 'ron',
  oc: 'oci',
  an: 'arg',
  ast: 'ast',
  nb: 'nob',
  nn: 'nno',
  da: 'dan',
  sv: 'swe',
  br: 'bre',
  cy: 'cym',
  mt: 'mlt',
  ar: 'ara',
  kk: 'kaz',
  tt: 'tat',
  be: 'bel',
  ru: 'rus',
  uk: 'ukr',
  bg: 'bul',
  pl: 'pol',
  sl: 'slv',
  hi: 'hin',
  ur: 'urd',
  id: 'ind',
  ms: 'msa',
  // Apertium's one pair for Serbian, Croatian and Bosnian.
  sh: 'hbs',
  sr: 'hbs',
  hr: 'hbs',
  bs: 'hbs',
};

export function apertiumCode(tag: string): string | undefined {
  return APERTIUM_CODES[primaryLanguage(tag)];
}

const SEPARATOR = '\n\n¶¶¶\n\n';
const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

/** Inputs written to one pipeline ahead of its answers. */
const PIPELINE_DEPTH = 4;

interface Engine {
  model: string;
  pairs: Set<string> | undefined;
  run(mode: string, text: string, signal?: AbortSignal): Promise<string>;
  pool?: PipelinePool;
  close?(): Promise<void>;
}

export async function createApertiumTranslator(config: Config): Promise<Translator> {
  const url = config.string('MERIDIAN_APERTIUM_URL');
  const timeoutMs = config.int('MERIDIAN_APERTIUM_TIMEOUT_MS');
  const concurrency = config.int('MERIDIAN_APERTIUM_CONCURRENCY');
  const engine = url
    ? await apyEngine(url, timeoutMs)
    : await commandEngine(config.string('MERIDIAN_APERTIUM_COMMAND'), timeoutMs, {
        modesDir: config.string('MERIDIAN_APERTIUM_MODES_DIR'),
        pipelines: concurrency,
      });
  const modeOf = (source: string, target: string) => {
    const from = apertiumCode(source);
    const to = apertiumCode(target);
    return from && to ? `${from}-${to}` : undefined;
  };
  const supports = (source: string, target: string) => {
    const mode = modeOf(source, target);
    return mode !== undefined && (engine.pairs === undefined || engine.pairs.has(mode));
  };

  return {
    name: 'apertium',
    model: engine.model,
    // No request limits of its own: batches are sized so one run carries a few articles' blocks.
    // Pipelines take PIPELINE_DEPTH inputs each at once, so their stages all have work.
    limits: {
      maxSegmentsPerRequest: 200,
      maxCharsPerRequest: 50_000,
      concurrency: engine.pool ? concurrency * PIPELINE_DEPTH : concurrency,
    },
    supports,
    async translate(segments, source, target, options) {
      const mode = modeOf(source, target);
      if (!mode || !supports(source, target)) throw new UnsupportedLanguageError('apertium', source, target);
      if (segments.length === 0) return [];
      const joined = !segments.some((s) => s.includes('¶¶¶'));
      if (joined) {
        const out = (await engine.run(mode, segments.join(SEPARATOR), options?.signal)).split(SEPARATOR);
        if (out.length === segments.length) return out.map((s, i) => restoreEdges(segments[i] ?? '', s));
      }
      // A segment that carries the separator itself, or output that lost one: one run per segment.
      const one: string[] = [];
      for (const s of segments) one.push(restoreEdges(s, await engine.run(mode, s, options?.signal)));
      return one;
    },
    ...(engine.close ? { close: engine.close } : {}),
  };
}

/** Apertium keeps surrounding whitespace as format; segments come back trimmed like they went in. */
function restoreEdges(input: string, output: string): string {
  return input.trim() === input ? output.trim() : output;
}

async function commandEngine(
  command: string,
  timeoutMs: number,
  options: { modesDir: string; pipelines: number },
): Promise<Engine> {
  let listing: string;
  try {
    listing = await new Promise<string>((resolve, reject) => {
      execFile(command, ['-l'], { timeout: 10_000 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
    });
  } catch (err) {
    throw new ProviderConfigError(
      `The apertium command ("${command}") could not be run: install Apertium and a language pair (Debian: apt-get install apertium apertium-eng-spa), set MERIDIAN_APERTIUM_COMMAND, or set MERIDIAN_APERTIUM_URL to an APy server.`,
      'apertium',
      'MERIDIAN_APERTIUM_COMMAND',
      { cause: err },
    );
  }
  const pairs = new Set(
    listing
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
  const scripts = await pipelineScripts(options.modesDir, pairs);
  if (scripts.size === 0) {
    return { model: 'cli', pairs, run: (mode, text, signal) => runApertium(command, mode, text, timeoutMs, signal) };
  }
  const pool = new PipelinePool({
    size: options.pipelines,
    depth: PIPELINE_DEPTH,
    timeoutMs,
    maxOutputBytes: MAX_OUTPUT_BYTES,
    commandFor: (mode) => modeCommand(scripts.get(mode) ?? ''),
  });
  return {
    model: 'cli',
    pairs,
    pool,
    async run(mode, text, signal) {
      if (!scripts.has(mode)) return runApertium(command, mode, text, timeoutMs, signal);
      signal?.throwIfAborted();
      return reformat(await pool.run(mode, deformat(text)));
    },
    close: () => pool.close(),
  };
}

/**
 * Each installed pair's pipeline in null-flush form, as `apertium -z` would run it:
 * `apertium-wblank-mode -z` rewrites the mode file's pipeline with -z on every stage. Empty when
 * the modes folder or that program is missing.
 */
async function pipelineScripts(modesDir: string, pairs: ReadonlySet<string>): Promise<Map<string, string>> {
  const scripts = new Map<string, string>();
  if (!modesDir) return scripts;
  for (const mode of pairs) {
    const file = join(modesDir, `${mode}.mode`);
    if (!existsSync(file)) continue;
    try {
      const script = await new Promise<string>((resolve, reject) => {
        execFile('apertium-wblank-mode', ['-z', file], { timeout: 10_000 }, (err, stdout) =>
          err ? reject(err) : resolve(stdout),
        );
      });
      if (script.trim()) scripts.set(mode, script.trim());
    } catch {
      return new Map(); // no apertium-wblank-mode: one process per batch
    }
  }
  return scripts;
}

/** `$1` is lt-proc's generation option (-n: no unknown-word marks, as `apertium -u`), `$2` the tagger's. */
function modeCommand(script: string): PipelineCommand {
  // The stages read and write UTF-8 only under a UTF-8 locale (the apertium script sets one too).
  return { command: 'bash', args: ['-c', script, 'apertium-pipeline', '-n', ''], env: { LC_ALL: 'C.UTF-8' } };
}

/**
 * One `apertium -u MODE FILE` process. The text goes through a temporary file, not stdin: the
 * apertium script opens /dev/stdin by path, which fails on the socket Node gives a child as its
 * stdin.
 */
async function runApertium(
  command: string,
  mode: string,
  text: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'meridian-apertium-'));
  const input = join(dir, 'input.txt');
  try {
    await writeFile(input, text, 'utf8');
    return await runProcess(command, ['-u', mode, input], mode, timeoutMs, signal);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runProcess(
  command: string,
  args: string[],
  mode: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      ...(signal ? { signal } : {}),
    });
    const out: Buffer[] = [];
    let size = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) child.kill('SIGKILL');
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 2000) stderr += chunk.toString('utf8');
    });
    child.on('error', (err) =>
      reject(
        new ProviderUnavailableError(`apertium ${mode} could not run: ${err.message}`, 'apertium', { cause: err }),
      ),
    );
    child.on('close', (code, sig) => {
      // The script exits 0 even when a stage fails, so an error on stderr with no output is a failure too.
      if (code === 0 && (size > 0 || stderr.trim() === '')) return resolve(Buffer.concat(out).toString('utf8'));
      const why = sig
        ? `was stopped (${sig}${size > MAX_OUTPUT_BYTES ? ', output too large' : ''})`
        : `exited with ${code}`;
      reject(new ProviderUnavailableError(`apertium ${mode} ${why}: ${stderr.trim().slice(0, 300)}`, 'apertium'));
    });
  });
}

interface ApyAnswer {
  responseData?: { translatedText?: string } | Array<{ sourceLanguage: string; targetLanguage: string }>;
  responseDetails?: string | null;
  responseStatus?: number;
}

async function apyEngine(url: string, timeoutMs: number): Promise<Engine> {
  const call: HttpCall = { provider: 'apertium', timeoutMs };
  let pairs: Set<string> | undefined;
  try {
    const listed = await requestJson<ApyAnswer>(joinUrl(url, '/listPairs'), { method: 'GET' }, call);
    if (Array.isArray(listed.responseData)) {
      pairs = new Set(listed.responseData.map((p) => `${p.sourceLanguage}-${p.targetLanguage}`));
    }
  } catch {
    // APy down at start: assume the pair exists; requests will fail as outages until it is back.
    pairs = undefined;
  }
  return {
    model: 'apy',
    pairs,
    async run(mode, text, signal) {
      const langpair = mode.replace('-', '|');
      const body = new URLSearchParams({ langpair, q: text, markUnknown: 'no' });
      const answer = await requestJson<ApyAnswer>(
        joinUrl(url, '/translate'),
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
        { ...call, ...(signal ? { signal } : {}) },
      );
      const data = answer.responseData;
      if (!data || Array.isArray(data) || typeof data.translatedText !== 'string') {
        throw new ProviderUnavailableError(
          `APy answered without a translation: ${answer.responseDetails ?? ''}`,
          'apertium',
        );
      }
      return data.translatedText;
    },
  };
}

export const apertiumProvider: TranslatorProvider = {
  name: 'apertium',
  summary: 'Apertium, through an APy server or the apertium command',
  create: createApertiumTranslator,
};
