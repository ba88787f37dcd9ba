import type { Config } from './config.ts';
import { ConfigError } from './setting.ts';

/**
 * A provider a setting chooses (a translator, a summarizer): its name, a line for help texts and
 * a factory that reads its own settings. `D` is what the caller hands it besides the settings.
 */
export interface Provider<T, D = void> {
  name: string;
  summary: string;
  create(config: Config, deps: D): T;
}

/**
 * The providers one setting chooses between, by name. Every stage with providers keeps one of
 * these in its `providers/index.ts`: adding a provider is a file in that folder and a line there.
 */
export class ProviderRegistry<P extends Provider<unknown, never>> {
  private readonly byName: ReadonlyMap<string, P>;

  constructor(
    /** The setting that names the provider (MERIDIAN_TRANSLATOR). */
    readonly setting: string,
    /** What a provider makes, for messages ("translator"). */
    readonly kind: string,
    providers: readonly P[],
  ) {
    this.byName = new Map(providers.map((p) => [p.name, p]));
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  has(name: string): boolean {
    return this.byName.has(name.trim().toLowerCase());
  }

  /** The provider named (the setting's value, or a command-line flag's); an unknown name is a ConfigError naming the setting. */
  chosen(name: string): P {
    const provider = this.byName.get(name.trim().toLowerCase());
    if (!provider)
      throw new ConfigError(
        this.setting,
        `Unknown ${this.kind} "${name}" in ${this.setting}. Choose one of: ${this.names.join(', ')}.`,
      );
    return provider;
  }
}
