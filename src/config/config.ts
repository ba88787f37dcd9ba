import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { allSettings, settingSpec } from './registry.ts';
import { ConfigError, parseSetting, type SettingSpec } from './setting.ts';
// Every declared setting, so a Config always validates the whole table.
import './all-settings.ts';

export type Env = Record<string, string | undefined>;

/** The effective settings: every declared setting, parsed and validated. */
export class Config {
  private constructor(private readonly values: ReadonlyMap<string, unknown>) {}

  /** Reads `env` (and `.env` in the working directory, whose values the environment overrides). */
  static load(env: Env = process.env, dotenvPath = '.env'): Config {
    const merged: Env = { ...readDotenv(dotenvPath), ...env };
    return Config.fromEnv(merged);
  }

  /** Parses exactly `env`; throws ConfigError naming the first bad setting. */
  static fromEnv(env: Env): Config {
    const values = new Map<string, unknown>();
    for (const spec of allSettings()) {
      const raw = env[spec.name];
      values.set(spec.name, raw === undefined || raw === '' ? spec.default : parseSetting(spec, raw));
    }
    return new Config(values);
  }

  /** A copy with some settings replaced (tests, CLI flags). Values are validated like env values. */
  with(overrides: Record<string, string | number | boolean>): Config {
    const values = new Map(this.values);
    for (const [name, value] of Object.entries(overrides)) {
      const spec = settingSpec(name);
      if (!spec) throw new ConfigError(name, `Unknown setting ${name}`);
      values.set(name, typeof value === 'string' ? parseSetting(spec, value) : value);
    }
    return new Config(values);
  }

  private value(name: string): unknown {
    if (!this.values.has(name)) {
      // A setting declared after load (a provider module loaded late) falls back to its default.
      const spec = settingSpec(name);
      if (!spec) throw new Error(`Unknown setting ${name}`);
      return spec.default;
    }
    return this.values.get(name);
  }

  string(name: string): string {
    return String(this.value(name) ?? '');
  }
  int(name: string): number {
    return Number(this.value(name));
  }
  number(name: string): number {
    return Number(this.value(name));
  }
  bool(name: string): boolean {
    return this.value(name) === true;
  }
  list(name: string): string[] {
    const v = this.value(name);
    return Array.isArray(v) ? (v as string[]) : [];
  }

  /** Every setting with its effective value, secrets masked, for `meridian config`. */
  describe(): Array<{ spec: SettingSpec; value: string; fromDefault: boolean }> {
    return allSettings().map((spec) => {
      const v = this.value(spec.name);
      const shown = Array.isArray(v) ? v.join(',') : String(v ?? '');
      const fromDefault = JSON.stringify(v) === JSON.stringify(spec.default);
      return { spec, value: spec.secret && shown !== '' ? '********' : shown, fromDefault };
    });
  }
}

function readDotenv(path: string): Env {
  if (!existsSync(path)) return {};
  return parseEnv(readFileSync(path, 'utf8')) as Env;
}

export { ConfigError } from './setting.ts';
