import type { Config } from '../config/config.ts';
import type { TranslatorSupport } from '../language/support.ts';
import { createTranslator } from '../translate/providers/index.ts';

/**
 * The configured translator's answer to "can you translate this language?", for flagging catalog
 * languages (`sources list`, /sources). Undefined when translation is off (nothing to flag) or the
 * translator cannot be set up (then `warn` is told why). Creating a translator loads no model:
 * providers connect or load lazily.
 */
export async function translatorSupport(
  config: Config,
  warn: (message: string) => void,
): Promise<TranslatorSupport | undefined> {
  if (config.string('MERIDIAN_TRANSLATOR').trim().toLowerCase() === 'none') return undefined;
  try {
    const translator = await createTranslator(config);
    return { name: translator.name, target: config.string('MERIDIAN_TARGET_LANGUAGE'), supports: translator.supports };
  } catch (err) {
    warn(`translator not checked: ${(err as Error).message}`);
    return undefined;
  }
}
