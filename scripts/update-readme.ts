/**
 * Rewrites the generated parts of README.md: the settings table (from the settings registry) and
 * the command list (from the CLI registry). `test/readme.test.ts` fails when they are stale.
 *
 *   npx tsx scripts/update-readme.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { commands } from '../src/cli/commands.ts';
import '../src/config/all-settings.ts';
import { allSettings } from '../src/config/registry.ts';
import { describeAccepted } from '../src/config/setting.ts';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function settingsTable(): string {
  const rows = allSettings().map((s) => {
    const def = Array.isArray(s.default) ? s.default.join(',') : String(s.default);
    return `| \`${s.name}\` | ${s.type} | ${def === '' ? '' : `\`${cell(def)}\``} | ${cell(describeAccepted(s))} | ${s.secret ? 'yes' : ''} | ${cell(s.description)} |`;
  });
  return ['| Setting | Type | Default | Accepts | Secret | What it does |', '|---|---|---|---|---|---|', ...rows].join(
    '\n',
  );
}

export function commandsTable(): string {
  return [
    '| Command | What it does |',
    '|---|---|',
    ...commands.map((c) => `| \`meridian ${c.name}\` | ${cell(c.summary)} |`),
  ].join('\n');
}

export function withGenerated(readme: string): string {
  const put = (text: string, name: string, body: string) =>
    text.replace(new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`), `$1\n${body}\n$2`);
  return put(put(readme, 'settings', settingsTable()), 'commands', commandsTable());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = new URL('../README.md', import.meta.url);
  writeFileSync(path, withGenerated(readFileSync(path, 'utf8')));
  console.log('README.md updated');
}
