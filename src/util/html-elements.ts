/**
 * HTML's void elements (WHATWG HTML §13.1.2): they have no content and no end tag. Read by the
 * JSX runtime, which writes them without one, and by extraction's nesting cap, for which they
 * open no level.
 */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
