/**
 * Which catalog languages Meridian cannot fully handle, for `meridian sources list` and /sources:
 * a language detection does not recognise, one it recognises only through the outlet's prior,
 * and one the configured translator cannot translate. An operator sees these before readers see
 * articles labelled or translated wrongly. Loads no model (coverage.ts).
 */
import type { Outlet } from '../model/outlet.ts';
import { detectionTag, recognition } from './coverage.ts';

/** What a translator says about one source language (the Translator interface's `supports`). */
export interface TranslatorSupport {
  name: string;
  target: string;
  supports(source: string, target: string): boolean;
}

export interface LanguageWarning {
  /** The catalog's tag (`sw`, `pcm`, `sr-ME`). */
  tag: string;
  /** Enabled outlets declaring it. */
  outlets: string[];
  problems: string[];
}

/** The problems of each language the enabled outlets declare, for those that have any. */
export function languageWarnings(outlets: readonly Outlet[], translator?: TranslatorSupport): LanguageWarning[] {
  const byTag = new Map<string, string[]>();
  for (const o of outlets) {
    if (o.enabled === false) continue;
    for (const tag of o.languages) byTag.set(tag, [...(byTag.get(tag) ?? []), o.id]);
  }
  const warnings: LanguageWarning[] = [];
  for (const [tag, ids] of [...byTag].sort((a, b) => a[0].localeCompare(b[0]))) {
    const problems = languageProblems(tag, translator);
    if (problems.length > 0) warnings.push({ tag, outlets: ids, problems });
  }
  return warnings;
}

/** The problems of one declared language: empty when detection and the translator both handle it. */
export function languageProblems(tag: string, translator?: TranslatorSupport): string[] {
  const problems: string[] = [];
  const how = recognition(tag);
  if (how === undefined) problems.push('language detection does not recognise it');
  const source = detectionTag(tag) ?? tag;
  if (translator && !translator.supports(source, translator.target)) {
    problems.push(`the ${translator.name} translator cannot translate it into ${translator.target}`);
  }
  return problems;
}
