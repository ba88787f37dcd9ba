/**
 * One row of the settings table. Every setting Meridian reads from the environment is declared
 * with one of these: its name, type, default, what it accepts and whether it is a secret (never
 * printed or logged). Providers declare their own rows next to their code.
 */
export type SettingType = 'string' | 'int' | 'number' | 'bool' | 'url' | 'enum' | 'path' | 'list';

export interface SettingSpec<T = unknown> {
  readonly name: string;
  readonly type: SettingType;
  readonly description: string;
  readonly default: T;
  readonly secret?: boolean;
  /** Allowed values for `enum` settings. */
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** Section of the table, for `meridian config` and the README (core, net, translate.deepl…). */
  readonly group: string;
}

export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** What a setting accepts, in words, for error messages and the README table. */
export function describeAccepted(spec: SettingSpec): string {
  switch (spec.type) {
    case 'int':
    case 'number': {
      const kind = spec.type === 'int' ? 'an integer' : 'a number';
      if (spec.min !== undefined && spec.max !== undefined) return `${kind} from ${spec.min} to ${spec.max}`;
      if (spec.min !== undefined) return `${kind} ≥ ${spec.min}`;
      if (spec.max !== undefined) return `${kind} ≤ ${spec.max}`;
      return kind;
    }
    case 'bool':
      return 'true or false (also 1/0, yes/no, on/off)';
    case 'url':
      return 'an absolute URL';
    case 'enum':
      return `one of: ${(spec.values ?? []).join(', ')}`;
    case 'list':
      return 'a comma-separated list';
    case 'path':
      return 'a file system path';
    default:
      return 'any text';
  }
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

/** Parses one raw environment value; throws ConfigError naming the setting on a bad value. */
export function parseSetting(spec: SettingSpec, raw: string): unknown {
  const bad = () =>
    new ConfigError(
      spec.name,
      `Invalid value for ${spec.name}: "${spec.secret ? '***' : raw}". Expected ${describeAccepted(spec)}.`,
    );
  const text = raw.trim();
  switch (spec.type) {
    case 'int':
    case 'number': {
      const n = Number(text);
      if (text === '' || !Number.isFinite(n) || (spec.type === 'int' && !Number.isInteger(n))) throw bad();
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) throw bad();
      return n;
    }
    case 'bool': {
      const v = text.toLowerCase();
      if (TRUE.has(v)) return true;
      if (FALSE.has(v)) return false;
      throw bad();
    }
    case 'url': {
      if (text === '') return '';
      try {
        const u = new URL(text);
        if (!/^[a-z][a-z0-9+.-]*:$/.test(u.protocol)) throw bad();
        return text;
      } catch {
        throw bad();
      }
    }
    case 'enum':
      if (!(spec.values ?? []).includes(text)) throw bad();
      return text;
    case 'list':
      return text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    default:
      return text;
  }
}
