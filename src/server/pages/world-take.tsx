import type { WorldTake } from '../../model/story.ts';
import type { Html } from '../jsx/jsx-runtime.ts';
import { Flag, Time } from './bits.tsx';
import type { PageKit } from './kit.ts';

/** "The World's Current Take": titled sections, every sentence with numbered citations. */
export function WorldTakeView({
  take,
  kit,
  sources,
  time,
}: {
  take: WorldTake;
  kit: PageKit;
  sources: Map<string, { outlet: string; country: string }>;
  /** Stands in for "written 5 min ago", for a take rendered once and shown for hours. */
  time?: Html;
}) {
  const order: string[] = [];
  const number = (id: string) => {
    let i = order.indexOf(id);
    if (i < 0) i = order.push(id) - 1;
    return i + 1;
  };
  return (
    <section class="world-take card" aria-labelledby="world-take-title">
      <h2 id="world-take-title">The World’s Current Take</h2>
      {take.sections.map((section) => (
        <>
          <h3>{section.heading}</h3>
          <p>
            {section.sentences.map((s) => (
              <>
                {s.text}
                {s.citations.map((id) => {
                  const src = sources.get(id);
                  return (
                    <sup>
                      <a
                        href={`/articles/${id}`}
                        title={src ? `${src.outlet}, ${kit.countryName(src.country)}` : `Article ${id}`}
                      >
                        [{number(id)}]
                      </a>
                    </sup>
                  );
                })}{' '}
              </>
            ))}
          </p>
        </>
      ))}
      <p class="muted">
        Drawn from {plural(take.outletCount, 'outlet')} in{' '}
        {take.countries.length > 1 ? `${plural(take.countries.length, 'country', 'countries')}: ` : ''}
        {take.countries.map((c, i) => (
          <>
            {i > 0 ? ', ' : ''}
            <Flag code={c} /> {kit.countryName(c)}
          </>
        ))}
        . Written by the {take.provider} engine{take.model ? ` (${take.model})` : ''},{' '}
        {time ?? <Time iso={take.createdAt} />}.{take.note ? ` ${take.note}` : ''}
      </p>
    </section>
  );
}

/** "1 outlet", "5 outlets". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
