import type { ArticleSummaryView } from '../../reader/views.ts';
import { flagUrl } from '../flags.ts';
import type { Child } from '../jsx/jsx-runtime.ts';
import { articleImageUrl, outletLogoUrl } from '../media-url.ts';
import type { PageKit } from './kit.ts';

/**
 * A country's flag, decorative (empty alt) because it always stands next to the country's name:
 * an SVG served by Meridian, not an emoji, which renders as two boxes without a colour-emoji font.
 */
export function Flag({ code }: { code: string }) {
  const src = flagUrl(code);
  if (!src) return null;
  return <img class="flag" src={src} alt="" width={20} height={15} loading="lazy" decoding="async" />;
}

export function timeAgo(iso: string | null, now = Date.now()): string {
  if (!iso) return '';
  const s = Math.round((now - Date.parse(iso)) / 1000);
  if (Number.isNaN(s)) return '';
  if (s < 0) {
    const ahead = -s;
    if (ahead < 60) return 'in a moment';
    if (ahead < 3600) return `in ${Math.ceil(ahead / 60)} min`;
    return `in ${Math.round(ahead / 3600)} h`;
  }
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ago`;
  if (s < 30 * 86_400) return `${Math.floor(s / 86_400)} d ago`;
  return new Date(iso).toISOString().slice(0, 10);
}

export function Time({ iso }: { iso: string | null }) {
  if (!iso) return null;
  return (
    <time dateTime={iso} title={new Date(iso).toUTCString()}>
      {timeAgo(iso)}
    </time>
  );
}

/** Text in its original language carries its lang (and direction) for screen readers and fonts. */
export function dirOf(lang: string): 'rtl' | 'ltr' {
  return /^(ar|fa|ur|he|yi|ps|sd|ug|ckb|dv)\b/i.test(lang) ? 'rtl' : 'ltr';
}

/**
 * An outlet's logo: Meridian's stored copy of its favicon, or the outlet's initial in a coloured
 * square when there is none, never a broken image. Decorative: the name always stands beside it.
 */
export function OutletLogo({
  outlet,
  size,
}: {
  outlet: { id: string; name: string; logoStored?: string | undefined };
  size: number;
}) {
  const initial = [...outlet.name.trim()][0]?.toUpperCase() ?? '?';
  if (outlet.logoStored) {
    return (
      <img
        class="logo"
        src={outletLogoUrl(outlet.id, outlet.logoStored)}
        alt=""
        width={size}
        height={size}
        loading="lazy"
        decoding="async"
        data-initial={initial}
      />
    );
  }
  return (
    <span class={`logo initial hue-${hueOf(outlet.id)}`} aria-hidden="true">
      {initial}
    </span>
  );
}

/** One of six background colours, the same for an outlet on every page. */
function hueOf(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return h % 6;
}

export function ArticleItem({ a, kit, showCountry }: { a: ArticleSummaryView; kit: PageKit; showCountry?: boolean }) {
  const stored = a.image?.stored;
  return (
    <li class="article-item">
      <div>
        <h3>
          <a href={`/articles/${a.id}`}>{a.title}</a>
        </h3>
        {a.translated && a.originalTitle !== a.title ? (
          <p class="original" lang={a.language} dir={dirOf(a.language)}>
            {a.originalTitle}
          </p>
        ) : null}
        <div class="byline">
          <OutletLogo outlet={a.outlet} size={16} />
          <span>{a.outlet.name}</span>
          {showCountry ? (
            <>
              <span aria-hidden="true">·</span>
              <a href={`/countries/${a.country.toLowerCase()}`}>
                <Flag code={a.country} /> {kit.countryName(a.country)}
              </a>
            </>
          ) : null}
          <span aria-hidden="true">·</span>
          <Time iso={a.published} />
        </div>
      </div>
      {stored ? (
        <img
          class="thumb"
          src={articleImageUrl(a.id, 'thumb', stored.version)}
          alt=""
          width={96}
          height={72}
          loading="lazy"
          decoding="async"
        />
      ) : (
        <span />
      )}
    </li>
  );
}

/**
 * A data table in a region that scrolls sideways on narrow screens: the caption-like `label`, one
 * header cell per column, `children` as the body rows. Keyboard users must be able to scroll it
 * too, so the region takes focus (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function DataTable({ label, columns, children }: { label: string; columns: string[]; children: Child }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
    <div class="table-wrap" tabIndex={0} role="region" aria-label={label}>
      <table class="data">
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
