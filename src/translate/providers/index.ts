import type { Config } from '../../config/config.ts';
import { type Provider, ProviderRegistry } from '../../config/providers.ts';
import { boundConcurrency } from '../concurrency.ts';
import '../budget.ts';
import '../settings.ts';
import type { Translator } from '../translator.ts';
import { apertiumProvider } from './apertium.ts';
import { deeplProvider } from './deepl.ts';
import { googleProvider } from './google.ts';
import { libreTranslateProvider } from './libretranslate.ts';
import { localProvider } from './local.ts';
import { noneProvider } from './none.ts';
import { openaiProvider } from './openai.ts';

/** A translation provider: its name, a line for help texts and a factory reading its settings. */
export type TranslatorProvider = Provider<Promise<Translator>>;

/** Every provider by name (MERIDIAN_TRANSLATOR). Adding one is a file in this folder and a line here. */
export const translatorProviders = new ProviderRegistry<TranslatorProvider>('MERIDIAN_TRANSLATOR', 'translator', [
  noneProvider,
  openaiProvider,
  deeplProvider,
  googleProvider,
  libreTranslateProvider,
  apertiumProvider,
  localProvider,
]);

/**
 * The provider the operator chose with MERIDIAN_TRANSLATOR (or `name`, from a command-line flag),
 * without creating its translator: a web process only shows the name. An unknown name is a
 * ConfigError naming the setting.
 */
export function translatorProvider(config: Config, name = config.string('MERIDIAN_TRANSLATOR')): TranslatorProvider {
  return translatorProviders.chosen(name);
}

/**
 * The translator of the chosen provider (see `translatorProvider`); a provider whose own settings
 * are missing throws ProviderConfigError naming those.
 */
export async function createTranslator(config: Config, name?: string): Promise<Translator> {
  return boundConcurrency(await translatorProvider(config, name).create(config));
}
