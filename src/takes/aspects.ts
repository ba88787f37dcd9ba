/**
 * What news stories are made of: the aspects a take's sections are titled by. A section is about
 * one aspect of its story, and its heading says which ("Diplomacy and Negotiations"), optionally
 * narrowed by the story's key place ("Diplomacy and Negotiations in Vientiane"). A heading is
 * never a bare name or a stray phrase ("Bernie Sanders", "Percentage Points"): the extractive take
 * titles sections from this vocabulary, and the LLM provider's headings must name one of its
 * aspects too, or the section is dropped like an unsupported claim.
 *
 * Each aspect has the words that mark a sentence as being about it (cues, matched as English
 * terms: lower case, plural-stemmed) and the words a heading may use for it (`names`).
 */
import { termOf, words } from './text/terms.ts';

export interface Aspect {
  id: string;
  /** The heading a section about this aspect gets. */
  title: string;
  /** Words that name the aspect in a heading (any one of them makes a heading about it). */
  names: string[];
  /** Words that mark a sentence as being about the aspect. */
  cues: string[];
}

export const ASPECTS: readonly Aspect[] = [
  {
    id: 'diplomacy',
    title: 'Diplomacy and Negotiations',
    names: [
      'diplomacy',
      'diplomatic',
      'negotiations',
      'negotiation',
      'talks',
      'summit',
      'agreement',
      'deal',
      'treaty',
      'ceasefire',
      'relations',
    ],
    cues: `talks negotiation negotiate negotiator diplomat diplomatic diplomacy envoy summit treaty agreement accord deal
      ceasefire truce mediator mediation ambassador embassy bilateral visit meeting met minister foreign delegation sanction`.split(
      /\s+/,
    ),
  },
  {
    id: 'military',
    title: 'Military and Security',
    names: ['military', 'security', 'defence', 'defense', 'fighting', 'attack', 'attacks', 'war', 'conflict', 'troops'],
    cues: `army military troop soldier attack strike airstrike missile drone rocket shelling bomb bombing explosion militant
      militia rebel insurgent force weapon defence defense navy air base offensive fighting combat security terror
      terrorist gunman shooting`.split(/\s+/),
  },
  {
    id: 'casualties',
    title: 'Casualties and Humanitarian Impact',
    names: ['casualties', 'humanitarian', 'victims', 'toll', 'rescue', 'aid', 'refugees', 'damage', 'impact'],
    cues: `killed kill dead death died die toll injured injury wounded victim casualty body missing rescue rescuer
      evacuate evacuated evacuation refugee displaced homeless shelter humanitarian aid relief survivor hospitalised
      damage destroyed collapsed`.split(/\s+/),
  },
  {
    id: 'politics',
    title: 'Politics and Government',
    names: [
      'politics',
      'political',
      'government',
      'parliament',
      'election',
      'elections',
      'vote',
      'coalition',
      'campaign',
      'cabinet',
    ],
    cues: `government parliament parliamentary election vote voter ballot party coalition opposition president premier
      chancellor cabinet minister lawmaker legislator senate senator congress campaign candidate poll political politician
      referendum mayor governor resign resignation impeachment`.split(/\s+/),
  },
  {
    id: 'economy',
    title: 'Economy and Markets',
    names: ['economy', 'economic', 'markets', 'market', 'business', 'trade', 'prices', 'finance', 'jobs', 'industry'],
    cues: `economy economic market stock share investor index bank rate inflation price cost trade tariff export import
      growth recession gdp budget tax company firm business revenue profit loss billion million dollar euro oil gas
      industry job unemployment worker wage currency debt`.split(/\s+/),
  },
  {
    id: 'law',
    title: 'Law, Courts and Investigations',
    names: [
      'law',
      'legal',
      'courts',
      'court',
      'trial',
      'investigation',
      'investigations',
      'justice',
      'charges',
      'inquiry',
      'lawsuit',
    ],
    cues: `court judge trial lawsuit sue prosecutor prosecution charge charged arrest arrested investigation investigator
      inquiry probe police detective sentence sentenced verdict guilty accused lawyer attorney indictment indicted
      convicted appeal ruling ruled law legal illegal fraud crime criminal suspect custody prison jail`.split(/\s+/),
  },
  {
    id: 'health',
    title: 'Health',
    names: ['health', 'medical', 'pandemic', 'outbreak', 'disease', 'vaccines', 'vaccination', 'hospitals', 'patients'],
    cues: `health virus coronavirus covid pandemic epidemic outbreak infection infected case vaccine vaccination patient
      hospital doctor nurse medical disease symptom test tested quarantine lockdown mask treatment drug`.split(/\s+/),
  },
  {
    id: 'environment',
    title: 'Weather, Disasters and Environment',
    names: ['weather', 'disaster', 'disasters', 'environment', 'climate', 'storm', 'floods', 'earthquake', 'wildfires'],
    cues: `storm typhoon hurricane cyclone flood flooding rain snow wind earthquake quake tsunami wildfire fire drought heat
      weather climate emission pollution environment environmental landslide volcano eruption temperature`.split(/\s+/),
  },
  {
    id: 'society',
    title: 'Society and Culture',
    names: ['society', 'culture', 'cultural', 'community', 'education', 'arts', 'sport', 'sports', 'entertainment'],
    cues: `school student teacher university education church religious community family festival film movie music actor
      singer artist museum book culture cultural sport team match game player coach league season championship fan`.split(
      /\s+/,
    ),
  },
  {
    id: 'reactions',
    title: 'Reactions Around the World',
    names: ['reactions', 'reaction', 'response', 'responses', 'criticism', 'condemnation', 'support'],
    cues: `condemned condemn condemnation welcomed welcome criticised criticized criticism criticise reaction react reacted
      urged urge called praised praise concern concerned warned warning denounced protest protester responded response
      statement solidarity`.split(/\s+/),
  },
  {
    id: 'outcomes',
    title: 'Progress and Outcomes',
    names: ['progress', 'outcomes', 'outcome', 'results', 'result', 'next steps', 'plans', 'decision', 'consequences'],
    cues: `agreed announced announce plan planned decision decided approve approved signed launch launched result outcome
      expected deadline next step progress completed reached achieved implement implementation will`.split(/\s+/),
  },
  {
    id: 'background',
    title: 'Background',
    names: ['background', 'context', 'history'],
    cues: `since history historic previously earlier ago began decade decades last year past former first time`.split(
      /\s+/,
    ),
  },
];

const CUES = ASPECTS.map((a) => new Set(a.cues.map((c) => termOf(c) ?? c)));
const NAMES = new Set(ASPECTS.flatMap((a) => a.names.flatMap((n) => n.split(' ').map((w) => termOf(w) ?? w))));

/** How strongly one sentence is about each aspect: cue words it uses, each once. */
function cueCounts(sentence: string): number[] {
  const terms = new Set(
    words(sentence)
      .map((w) => termOf(w))
      .filter((t) => t !== undefined),
  );
  return CUES.map((cues) => {
    let n = 0;
    for (const t of terms) if (cues.has(t)) n++;
    return n;
  });
}

/**
 * One aspect per group of sentences, no aspect twice: groups and aspects are paired best first
 * (cue words per sentence); a group that matches no free aspect gets the first free of Background,
 * Progress and Outcomes, Reactions Around the World, then any.
 */
export function assignAspects(groups: ReadonlyArray<readonly string[]>): Aspect[] {
  const scores = groups.map((sentences) => {
    const sums = ASPECTS.map(() => 0);
    for (const s of sentences) {
      cueCounts(s).forEach((n, i) => {
        sums[i] = (sums[i] ?? 0) + n;
      });
    }
    return sums.map((x) => x / Math.sqrt(Math.max(1, sentences.length)));
  });
  const pairs = scores
    .flatMap((row, g) => row.map((score, a) => ({ g, a, score })))
    .filter((p) => p.score > 0)
    .sort((x, y) => y.score - x.score || x.a - y.a || x.g - y.g);
  const chosen = new Map<number, number>();
  const taken = new Set<number>();
  for (const { g, a } of pairs) {
    if (chosen.has(g) || taken.has(a)) continue;
    chosen.set(g, a);
    taken.add(a);
  }
  const fallback = ['background', 'outcomes', 'reactions', ...ASPECTS.map((a) => a.id)].map((id) =>
    ASPECTS.findIndex((a) => a.id === id),
  );
  return groups.map((_, g) => {
    let a = chosen.get(g);
    if (a === undefined) {
      a = fallback.find((i) => !taken.has(i)) ?? 0;
      taken.add(a);
    }
    return ASPECTS[a] as Aspect;
  });
}

/** An aspect's heading, narrowed by a place when one is given ("Health in Lombardy"). */
export function aspectHeading(aspect: Aspect, place?: string): string {
  return place ? `${aspect.title} in ${place}` : aspect.title;
}

/**
 * Why a heading is not about an aspect of the vocabulary, or undefined when it is: it must use
 * one of the aspects' names ("Ceasefire Talks in Cairo" names talks; "Bernie Sanders" names none).
 */
export function headingProblem(heading: string): string | undefined {
  const terms = words(heading).map((w) => termOf(w) ?? w.toLowerCase());
  if (terms.length === 0) return 'empty heading';
  if (!terms.some((t) => NAMES.has(t))) return 'names no aspect of the story (a bare name or phrase)';
  return undefined;
}
