import type { PipelineStatus } from '../../jobs/status.ts';
import { flag, ScrollRegion, Time } from './bits.tsx';
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
        {status.articles.total} articles stored. Feeds: {counts.ok} healthy, {counts.failing} failing, {counts.disabled}{' '}
        disabled, {counts.waiting} not polled yet.
      </p>
      {status.translation.hint ? <p class="empty">{status.translation.hint}</p> : null}
      <h2>Pipeline</h2>
      <ScrollRegion label="Pipeline jobs">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Queued</th>
              <th scope="col">Running</th>
              <th scope="col">Retrying</th>
              <th scope="col">Done</th>
              <th scope="col">Parked</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </ScrollRegion>
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
      <h2>Outlets</h2>
      <ScrollRegion label="Outlets">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Outlet</th>
              <th scope="col">Country</th>
              <th scope="col">Articles today</th>
              <th scope="col">Last success</th>
              <th scope="col">Next poll</th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {status.outlets.map((o) => (
              <tr>
                <td>{o.id}</td>
                <td>
                  <span aria-hidden="true">{flag(o.country)}</span> {kit.countryName(o.country)}
                </td>
                <td>{o.articlesToday}</td>
                <td>{o.lastSuccessAt ? <Time iso={o.lastSuccessAt} /> : '—'}</td>
                <td>{o.nextPollAt ? <Time iso={o.nextPollAt} /> : 'disabled'}</td>
                <td class="url">{o.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <h2>Feeds</h2>
      <ScrollRegion label="Feeds">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Feed</th>
              <th scope="col">Health</th>
              <th scope="col">HTTP</th>
              <th scope="col">Items</th>
              <th scope="col">Failures</th>
              <th scope="col">Next poll</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
