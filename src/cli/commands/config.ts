import { parseArgs } from 'node:util';
import { describeAccepted } from '../../config/setting.ts';
import type { Command } from '../command.ts';

export const configCommand: Command = {
  name: 'config',
  help: `Usage: meridian config [--json] [--markdown]

Prints every setting with its effective value, where it came from, and what it accepts.
Secrets are shown as ********.

  --json       one JSON object per setting
  --markdown   the settings table as Markdown (the README's table is made with this)`,
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, markdown: { type: 'boolean' } } });
    const rows = ctx.config().describe();
    if (values.markdown) {
      ctx.io.out('| Setting | Type | Default | Accepts | Secret | Description |\n|---|---|---|---|---|---|\n');
      for (const { spec } of rows) {
        const def = Array.isArray(spec.default) ? spec.default.join(',') : String(spec.default);
        ctx.io.out(
          `| \`${spec.name}\` | ${spec.type} | ${def === '' ? '' : `\`${def}\``} | ${describeAccepted(spec)} | ${spec.secret ? 'yes' : ''} | ${spec.description} |\n`,
        );
      }
      return 0;
    }
    for (const { spec, value, fromDefault } of rows) {
      if (values.json) {
        ctx.io.out(
          `${JSON.stringify({ name: spec.name, value, default: fromDefault, group: spec.group, secret: Boolean(spec.secret) })}\n`,
        );
      } else {
        ctx.io.out(`${spec.name}=${value}${fromDefault ? '  (default)' : ''}\n`);
      }
    }
    return 0;
  },
};
