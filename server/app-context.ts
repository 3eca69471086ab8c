import type { ClientConfig, IngestConfig, ServerConfig } from './config.ts';
import type { HeldPolls } from './held-polls.ts';
import type { Metrics } from './metrics.ts';
import type { Store } from './store.ts';
import type { TokenTable } from './tokens.ts';

/** What the routes share; `build` in app.ts makes it and registers the routes with it. */
export interface AppContext {
  config: ServerConfig;
  clientTokens: TokenTable<ClientConfig>;
  ingestTokens: TokenTable<IngestConfig>;
  store: Store;
  heldPolls: HeldPolls;
  metrics: Metrics;
  isClosing: () => boolean;
}
