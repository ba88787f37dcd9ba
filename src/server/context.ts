import type { Config } from '../config/config.ts';
import type { Country, Outlet } from '../model/outlet.ts';
import type { Store } from '../store/store.ts';

/** What every route handler may use. Handlers stay thin: they call repositories and render. */
export interface ServerContext {
  store: Store;
  config: Config;
  countries: readonly Country[];
  /** The effective catalog (built-in merged with the operator's file). */
  outlets: readonly Outlet[];
  startedAt: Date;
}
