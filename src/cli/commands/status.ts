import { parseArgs } from 'node:util';
import { JOB_KINDS, STAGE_TABLE } from '../../jobs/stages-table.ts';
import { budgetLines, pipelineStatus } from '../../jobs/status.ts';
import { ALL_STAGES, WORKER_STAGES } from '../../jobs/worker-stages.ts';
import { Store } from '../../store/store.ts';
import { budgetLimits } from '../../translate/budget.ts';
import { estimatedCost } from '../../translate/pricing.ts';
import type { Command } from '../command.ts';

export const statusCommand: Command = {
  name: 'status',
  help: `Usage: meridian status [--json] [--feeds]

The pipeline's health: articles by state, jobs by kind and state (parked jobs with their errors),
feeds by health, translation usage with its estimated cost, and per outlet the last success, the
last error, articles today and the next poll.

  --json    the same as GET /api/status, as one JSON object
  --feeds   also list every feed`,
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, feeds: { type: 'boolean' } } });
    const config = ctx.config();
    const store = await Store.fromConfig(config);
    try {
      const status = await pipelineStatus(
        store,
        config.string('MERIDIAN_TRANSLATOR'),
        new Date(),
        budgetLimits(config),
      );
      if (values.json) {
        ctx.io.out(`${JSON.stringify(status, null, 2)}\n`);
        return 0;
      }
      const out = (line = '') => ctx.io.out(`${line}\n`);
      out(`Database: ${status.database}`);
      out(
        `Articles: ${status.articles.total} (${
          Object.entries(status.articles.byState)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ') || 'none yet'
        })`,
      );
      out(
        `Images: ${status.images.copies} stored copies (${status.images.articles} articles' lead images and outlet logos), ${formatBytes(status.images.bytes)}`,
      );
      const health = status.feedHealth;
      out(
        `Feeds: ${status.feeds.length}: ${health.ok} ok, ${health.failing} failing, ${health.disabled} disabled, ${health.waiting} not polled yet`,
      );
      // Kinds by worker stage, in the pipeline's order; kinds the table does not know (left by
      // an older version) after them.
      const counts = (states: Record<string, number> | undefined) =>
        Object.entries(states ?? {})
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none';
      out('Jobs:');
      for (const stage of ALL_STAGES) {
        out(`  ${stage} stage:`);
        for (const kind of WORKER_STAGES[stage]) {
          const waits = STAGE_TABLE[kind].waitsIn;
          out(`    ${kind.padEnd(15)} ${counts(status.jobs[kind])}${waits ? ` (for ${waits} articles)` : ''}`);
        }
      }
      for (const [kind, states] of Object.entries(status.jobs))
        if (!(JOB_KINDS as readonly string[]).includes(kind)) out(`  ${kind.padEnd(17)} ${counts(states)}`);
      for (const p of status.parked) out(`  parked ${p.kind} #${p.id}: ${p.error ?? ''}`);
      out(`Translation: ${status.translation.provider}`);
      if (status.translation.hint) out(`  ${status.translation.hint}`);
      for (const line of budgetLines(status.translation.budget)) out(`  ${line}`);
      for (const u of status.translation.usage) {
        const cost = estimatedCost(u.provider, u.characters);
        out(
          `  ${u.provider}/${u.model}: ${u.articles} articles, ${u.characters} characters billed, ${(u.ms / 1000).toFixed(1)} s, cost ${cost === null ? 'unknown (priced per token)' : `about $${cost.toFixed(2)}`}`,
        );
      }
      out('Outlets (articles today, last success, next poll, last error):');
      for (const o of status.outlets) {
        out(
          `  ${o.id.padEnd(24)} ${o.country} ${String(o.articlesToday).padStart(4)}  ${o.lastSuccessAt ?? 'never'}  ${o.nextPollAt ?? 'disabled'}  ${o.lastError ?? ''}`,
        );
      }
      if (values.feeds) {
        out('Feeds:');
        for (const f of status.feeds)
          out(`  ${f.health.padEnd(8)} ${String(f.lastStatus ?? '-').padEnd(4)} ${f.url} ${f.lastError ?? ''}`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
