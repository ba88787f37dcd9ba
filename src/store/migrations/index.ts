import type { Migration } from 'kysely';
import * as m001 from './001-initial.ts';
import * as m002 from './002-translation.ts';
import * as m003 from './003-search.ts';
import * as m004 from './004-reader-indexes.ts';
import * as m005 from './005-take-basis.ts';
import * as m006 from './006-near-duplicates.ts';
import * as m007 from './007-story-takes.ts';
import * as m008 from './008-feed-freshness.ts';
import * as m009 from './009-host-turns.ts';
import * as m010 from './010-translation-budget.ts';
import * as m011 from './011-stored-images.ts';
import * as m012 from './012-article-vectors.ts';

/** Every migration, in order. Names sort in the order they must run; never rename one. */
export const migrations: Record<string, Migration> = {
  '001-initial': m001,
  '002-translation': m002,
  '003-search': m003,
  '004-reader-indexes': m004,
  '005-take-basis': m005,
  '006-near-duplicates': m006,
  '007-story-takes': m007,
  '008-feed-freshness': m008,
  '009-host-turns': m009,
  '010-translation-budget': m010,
  '011-stored-images': m011,
  '012-article-vectors': m012,
};
