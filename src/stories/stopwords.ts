/**
 * English function words. Only English gets a list: it is the language the archive is clustered
 * in (translations), and a capitalised function word at a sentence start must not pass for a name.
 * Other languages' function words are rare-term-weighted away by IDF.
 */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having he
her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
now of off on once only or other our ours ourselves out over own same she should so some such than that the
their theirs them themselves then there these they this those through to too under until up very was we were
what when where which while who whom why will with would you your yours yourself yourselves said says say
according told tell would also one two new news year years last first since around still even many much may
might must shall per via yet ago however although though whether across among amid toward towards upon within
without reuters ap afp dpa photo image video read copyright reserved rights`.split(/\s+/),
);

/** Words that are capitalised at a sentence start or in titles but are not names. */
export const NOT_NAMES: ReadonlySet<string> = new Set(
  `monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december mr mrs ms dr prof sir the a an in on at for from by with this that these those
he she it they we i you his her its their our my your but and or if when while after before as so yet
however meanwhile also there here what who why how where which breaking update live watch`.split(/\s+/),
);
