import { feedHealth, type PipelineStatus } from '../../jobs/status.ts';
import type { LanguageWarning } from '../../language/support.ts';
import type { Country, Outlet, OutletFeed } from '../../model/outlet.ts';
import { linkableUrl } from '../../net/web-url.ts';
import type { FeedRow } from '../../store/repositories/feeds.ts';
import { groupBy } from '../../util/group-by.ts';
import { DataTable, Flag, OutletLogo, Time } from './bits.tsx';
import type { PageKit } from './kit.ts';

const HEALTH: Record<PipelineStatus['feeds'][number]['health'], { label: string; cls: string }> = {
  ok: { label: 'OK', cls: 'health-ok' },
  failing: { label: 'Failing', cls: 'health-bad' },
  disabled: { label: 'Disabled', cls: 'health-bad' },
  waiting: { label: 'Not polled yet', cls: 'health-wait' },
};

export function HealthBadge({ feed }: { feed: FeedRow }) {
  const h = HEALTH[feedHealth(feed)];
  return <span class={h.cls}>{h.label}</span>;
}

/** How many items the feed carried at its last poll, and how many of them were from the last day. */
function ItemCounts({ feed }: { feed: FeedRow }) {
  if (feed.last_item_count === null) return <>—</>;
  const recent = feed.last_recent_count;
  return (
    <>
      {feed.last_item_count}
      {recent === null ? '' : ` (${recent})`}
    </>
  );
}

/** Catalog feeds by URL: the store keeps polling state, the catalog how each feed was chosen. */
function catalogFeeds(catalog: readonly Outlet[]): Map<string, OutletFeed> {
  return new Map(catalog.flatMap((o) => o.feeds.map((f) => [f.url, f] as const)));
}

export function SourcesPage({
  kit,
  countries,
  outlets,
  feeds,
  catalog,
  languageWarnings,
}: {
  kit: PageKit;
  countries: ReadonlyMap<string, Country>;
  outlets: Outlet[];
  feeds: FeedRow[];
  /** The effective catalog, for what the store does not keep (how a feed was chosen). */
  catalog: readonly Outlet[];
  /** Catalog languages that detection or the configured translator cannot handle. */
  languageWarnings: readonly LanguageWarning[];
}) {
  const described = catalogFeeds(catalog);
  const feedsByOutlet = groupBy(feeds, (f) => f.outlet_id);
  const byCountry = groupBy(outlets, (o) => o.country);
  const codes = [...byCountry.keys()].sort((a, b) => kit.countryName(a).localeCompare(kit.countryName(b)));
  const healthy = feeds.filter((f) => feedHealth(f) === 'ok').length;
  return (
    <>
      <h1>Sources</h1>
      <p class="lede">
        {outlets.length} outlets in {codes.length} countries, {feeds.length} feeds ({healthy} healthy). Also as{' '}
        <a href="/sources.opml">OPML</a> for your own feed reader.
      </p>
      {languageWarnings.length > 0 ? (
        <section aria-labelledby="language-warnings">
          <h2 id="language-warnings">Languages that need attention</h2>
          <ul>
            {languageWarnings.map((w) => (
              <li>
                <strong>{w.tag}</strong> ({w.outlets.join(', ')}): {w.problems.join('; ')}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {codes.map((code) => (
        <section aria-labelledby={`c-${code}`}>
          <h2 id={`c-${code}`}>
            <Flag code={code} /> <a href={`/countries/${code.toLowerCase()}`}>{countries.get(code)?.name ?? code}</a>
          </h2>
          <DataTable
            label={`Outlets of ${countries.get(code)?.name ?? code}`}
            columns={['Outlet', 'Kind', 'Feed', 'Health', 'Items (last day)', 'Last success', 'Last error']}
          >
            {(byCountry.get(code) ?? []).flatMap((o) => {
              const list: Array<FeedRow | undefined> = feedsByOutlet.get(o.id) ?? [undefined];
              return list.map((f, i) => (
                <tr>
                  <td>
                    {i === 0 ? (
                      <span class="byline">
                        <OutletLogo outlet={o} size={16} />
                        {linkableUrl(o.homepage) ? (
                          <a href={o.homepage} rel="noopener noreferrer nofollow">
                            {o.name}
                          </a>
                        ) : (
                          o.name
                        )}
                        {o.enabled === false ? ' (disabled)' : ''}
                      </span>
                    ) : null}
                  </td>
                  <td>{i === 0 ? o.kind : ''}</td>
                  <td class="url">
                    {f?.url ?? '—'}
                    {f && described.get(f.url)?.unverified ? <small> (chosen by rule, not verified)</small> : null}
                  </td>
                  <td>{f ? <HealthBadge feed={f} /> : '—'}</td>
                  <td>{f ? <ItemCounts feed={f} /> : '—'}</td>
                  <td>{f?.last_success_at ? <Time iso={f.last_success_at} /> : '—'}</td>
                  <td class="url">{f?.last_error ?? ''}</td>
                </tr>
              ));
            })}
          </DataTable>
        </section>
      ))}
    </>
  );
}
