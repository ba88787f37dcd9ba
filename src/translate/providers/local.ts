import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../../config/config.ts';
import { declareSettings } from '../../config/registry.ts';
import { ProviderConfigError, UnsupportedLanguageError } from '../errors.ts';
import { primaryLanguage, type Translator } from '../translator.ts';
import type { TranslatorProvider } from './index.ts';

/**
 * ONNX translation models run in this process through transformers.js (Marian/opus-mt and the
 * like), one model per language pair, read from a model folder. Where the network allows, a
 * missing model is downloaded into that folder on first use; where it does not, the error says
 * exactly which files to put where.
 */
export const localSettings = declareSettings([
  {
    name: 'MERIDIAN_LOCAL_MODEL_DIR',
    type: 'path',
    default: './data/models',
    group: 'translate.local',
    description: 'Folder holding ONNX translation models, one sub-folder per model name.',
  },
  {
    name: 'MERIDIAN_LOCAL_MODEL',
    type: 'string',
    default: 'Xenova/opus-mt-{source}-{target}',
    group: 'translate.local',
    description: 'Model name; {source} and {target} are replaced by the language pair (Xenova/opus-mt-es-en).',
  },
  {
    name: 'MERIDIAN_LOCAL_ALLOW_DOWNLOAD',
    type: 'bool',
    default: true,
    group: 'translate.local',
    description: 'Download a missing model into MERIDIAN_LOCAL_MODEL_DIR on first use.',
  },
] as const);

type Pipeline = (texts: string[], options?: Record<string, unknown>) => Promise<unknown>;

export async function createLocalTranslator(config: Config): Promise<Translator> {
  const dir = resolve(config.string('MERIDIAN_LOCAL_MODEL_DIR'));
  const template = config.string('MERIDIAN_LOCAL_MODEL');
  const allowDownload = config.bool('MERIDIAN_LOCAL_ALLOW_DOWNLOAD');
  const modelFor = (source: string, target: string) =>
    template.replaceAll('{source}', primaryLanguage(source)).replaceAll('{target}', primaryLanguage(target));
  const present = (name: string) => existsSync(join(dir, name, 'config.json'));
  const loaded = new Map<string, Promise<Pipeline>>();

  const load = (name: string) => {
    let pending = loaded.get(name);
    if (!pending) {
      pending = loadPipeline(dir, name, allowDownload || present(name));
      pending.catch(() => loaded.delete(name));
      loaded.set(name, pending);
    }
    return pending;
  };

  return {
    name: 'local',
    model: template,
    // One model runs on this machine's CPU: small batches, one at a time.
    limits: { maxSegmentsPerRequest: 8, maxCharsPerRequest: 2000, concurrency: 1 },
    supports: (source, target) => allowDownload || present(modelFor(source, target)),
    async translate(segments, source, target) {
      const name = modelFor(source, target);
      if (!allowDownload && !present(name)) throw missingModel(dir, name);
      if (!name) throw new UnsupportedLanguageError('local', source, target);
      const translate = await load(name);
      const output = await translate(segments);
      const rows = (Array.isArray(output) ? output : [output]) as Array<{ translation_text?: string }>;
      return rows.map((r) => r.translation_text ?? '');
    },
  };
}

async function loadPipeline(dir: string, name: string, mayTry: boolean): Promise<Pipeline> {
  if (!mayTry) throw missingModel(dir, name);
  let transformers: typeof import('@huggingface/transformers');
  try {
    transformers = await import('@huggingface/transformers');
  } catch (err) {
    throw new ProviderConfigError(
      'The local provider needs @huggingface/transformers: npm install it (with ONNXRUNTIME_NODE_INSTALL=skip).',
      'local',
      'MERIDIAN_TRANSLATOR',
      { cause: err },
    );
  }
  const { env, pipeline } = transformers;
  env.localModelPath = dir;
  env.cacheDir = dir;
  env.allowLocalModels = true;
  env.allowRemoteModels = !existsSync(join(dir, name, 'config.json'));
  try {
    return (await pipeline('translation', name)) as unknown as Pipeline;
  } catch (err) {
    throw missingModel(dir, name, err);
  }
}

function missingModel(dir: string, name: string, cause?: unknown): ProviderConfigError {
  const why = cause instanceof Error ? ` (${cause.message.split('\n')[0]})` : '';
  return new ProviderConfigError(
    `Local translation model ${name} is not in ${join(dir, name)} and could not be downloaded${why}. Put its files there (config.json, tokenizer.json, onnx/*.onnx), or set MERIDIAN_LOCAL_MODEL_DIR to the folder that holds it.`,
    'local',
    'MERIDIAN_LOCAL_MODEL_DIR',
    ...(cause ? [{ cause }] : []),
  );
}

export const localProvider: TranslatorProvider = {
  name: 'local',
  summary: 'ONNX models in-process through transformers.js (opus-mt and similar)',
  create: createLocalTranslator,
};
