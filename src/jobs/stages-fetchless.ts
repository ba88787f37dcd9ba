import type { Fetcher } from '../net/fetcher.ts';
import type { Stages } from './stages.ts';

/**
 * The stages of a worker that does not run the fetch stage (`--stages translate,stories`): feeds,
 * pages and language detection are never called there, and binding them would load what they need
 * for nothing, above all the language model (eld's large database, about 400 MB resident of a
 * worker's 560). Calling one is a wiring mistake and says so.
 */
export function fetchlessStages(fetcher: Fetcher): Stages & { fetcher: Fetcher } {
  const absent = (what: string) => (): never => {
    throw new Error(`${what} called in a worker without the fetch stage`);
  };
  return {
    fetcher,
    fetchImage: absent('fetchImage'),
    parseFeed: absent('parseFeed'),
    extract: absent('extract'),
    detectLanguage: absent('detectLanguage'),
  };
}
