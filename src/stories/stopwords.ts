/** Words that are capitalised at a sentence start or in titles but are not names. */
export const NOT_NAMES: ReadonlySet<string> = new Set(
  `monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december mr mrs ms dr prof sir the a an in on at for from by with this that these those
he she it they we i you his her its their our my your but and or if when while after before as so yet
however meanwhile also there here what who why how where which breaking update live watch`.split(/\s+/),
);
