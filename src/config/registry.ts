import type { SettingSpec } from './setting.ts';

/**
 * The settings table. Core settings are declared in `settings.ts`; providers add their own rows
 * with `declareSettings` when their module loads, so adding a provider touches no other file.
 */
const table = new Map<string, SettingSpec>();

export function declareSettings<const T extends readonly SettingSpec[]>(specs: T): T {
  for (const spec of specs) {
    const existing = table.get(spec.name);
    if (existing && existing !== spec) throw new Error(`Setting ${spec.name} is declared twice`);
    table.set(spec.name, spec);
  }
  return specs;
}

export function allSettings(): SettingSpec[] {
  return [...table.values()];
}

export function settingSpec(name: string): SettingSpec | undefined {
  return table.get(name);
}
