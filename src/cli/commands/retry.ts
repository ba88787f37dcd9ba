import { parseArgs } from 'node:util';
import { JOB_KINDS } from '../../jobs/stages-table.ts';
import { Store } from '../../store/store.ts';
import { type Command, UserError } from '../command.ts';

export const retryCommand: Command = {
  name: 'retry',
  help: `Usage: meridian retry [--jobs] [--kind KIND] [--feeds] [FEED_URL...]

Gives failed work another chance after the operator has fixed its cause.

  --jobs         queue again every parked job (one that used up its attempts; see meridian status)
  --kind KIND    only parked jobs of this kind (${JOB_KINDS.join(', ')})
  --feeds        re-enable every feed disabled after repeated failures, and poll it now
  FEED_URL...    re-enable these feeds only`,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { jobs: { type: 'boolean' }, kind: { type: 'string' }, feeds: { type: 'boolean' } },
    });
    const jobs = values.jobs || values.kind !== undefined;
    if (values.kind !== undefined && !(JOB_KINDS as readonly string[]).includes(values.kind))
      throw new UserError(`no job kind "${values.kind}": kinds are ${JOB_KINDS.join(', ')}`);
    if (!jobs && !values.feeds && positionals.length === 0)
      throw new UserError('say what to retry: --jobs, --feeds or FEED_URL...');
    const store = await Store.fromConfig(ctx.config());
    try {
      if (jobs) {
        const n = await store.jobs.retryParked(values.kind);
        ctx.io.out(`${n} parked job${n === 1 ? '' : 's'} queued again\n`);
      }
      const feeds = (await store.feeds.list()).filter((f) =>
        positionals.length > 0 ? positionals.includes(f.url) : values.feeds && f.disabled === 1,
      );
      const unknown = positionals.filter((url) => !feeds.some((f) => f.url === url));
      if (unknown.length > 0) throw new UserError(`no such feed: ${unknown.join(', ')}`);
      for (const feed of feeds) await store.feeds.enable(feed.id);
      if (values.feeds || positionals.length > 0)
        ctx.io.out(`${feeds.length} feed${feeds.length === 1 ? '' : 's'} enabled and due now\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
