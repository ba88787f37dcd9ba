import { budgetLines, type PipelineStatus } from '../../jobs/status.ts';
import { DataTable, Flag, Time } from './bits.tsx';
import type { PageKit } from './kit.ts';

const HEALTH_CLASS = {
  ok: 'health-ok',
  failing: 'health-bad',
  disabled: 'health-bad',
  waiting: 'health-wait',
} as const;

export function StatusPage({ kit, status }: { kit: PageKit; status: PipelineStatus }) {
  const counts = status.feedHealth;
  const jobKinds = Object.entries(status.jobs);
  return (
    <>
      <h1>Status</h1>
      <p class="lede">
        {status.articles.total} articles stored
        {`, ${status.images.copies} image copies (${Math.round(status.images.bytes / 1024)} KB)`}. Feeds: {counts.ok}{' '}
        healthy, {counts.failing} failing, {counts.disabled} disabled, {counts.waiting} not polled yet.
      </p>
      {status.translation.hint ? <p class="empty">{status.translation.hint}</p> : null}
      <h2>Pipeline</h2>
      <DataTable label="Pipeline jobs" columns={['Job', 'Queued', 'Running', 'Retrying', 'Done', 'Parked']}>
        {jobKinds.length === 0 ? (
          <tr>
            <td colSpan={6} class="muted">
              No jobs have run yet.
            </td>
          </tr>
        ) : null}
        {jobKinds.map(([kind, c]) => (
          <tr>
            <th scope="row">{kind}</th>
            <td>{c.queued ?? 0}</td>
            <td>{c.running ?? 0}</td>
            <td>{c.failed ?? 0}</td>
            <td>{c.done ?? 0}</td>
            <td>{c.parked ?? 0}</td>
          </tr>
        ))}
      </DataTable>
      {status.parked.length > 0 ? (
        <>
          <h2>Parked jobs</h2>
          <ul>
            {status.parked.map((p) => (
              <li>
                {p.kind} #{p.id}: {p.error} (<Time iso={p.at} />)
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>Translation</h2>
      <p>
        Engine: <strong>{status.translation.provider}</strong>.{' '}
        {status.translation.usage
          .map(
            (u) => `${u.provider}/${u.model}: ${plural(u.articles, 'article')}, ${plural(u.characters, 'character')}`,
          )
          .join('; ')}
      </p>
      <ul id="translation-budget">
        {budgetLines(status.translation.budget).map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      <h2>Outlets</h2>
      <DataTable
        label="Outlets"
        columns={['Outlet', 'Country', 'Articles today', 'Last success', 'Next poll', 'Last error']}
      >
        {status.outlets.map((o) => (
          <tr>
            <td>{o.id}</td>
            <td>
              <Flag code={o.country} /> {kit.countryName(o.country)}
            </td>
            <td>{o.articlesToday}</td>
            <td>{o.lastSuccessAt ? <Time iso={o.lastSuccessAt} /> : '—'}</td>
            <td>{o.nextPollAt ? <Time iso={o.nextPollAt} /> : 'disabled'}</td>
            <td class="url">{o.lastError ?? ''}</td>
          </tr>
        ))}
      </DataTable>
      <h2>Feeds</h2>
      <DataTable label="Feeds" columns={['Feed', 'Health', 'HTTP', 'Items', 'Failures', 'Next poll']}>
        {status.feeds.map((f) => (
          <tr>
            <td class="url">{f.url}</td>
            <td class={HEALTH_CLASS[f.health]}>{f.health}</td>
            <td>{f.lastStatus ?? '—'}</td>
            <td>{f.itemCount ?? '—'}</td>
            <td>{f.consecutiveFailures}</td>
            <td>
              <Time iso={f.nextPollAt} />
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
