import type { ClientConfig, IngestConfig, ServerConfig } from './config.ts';
import type { HeldPolls } from './held-polls.ts';
import type { Metrics } from './metrics.ts';
import type { MarkOutcome, MarkRequest } from './sources/source.ts';
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
  /** Marks messages read at the source of a mailbox (POST /v1/mailboxes/<id>/read). */
  markRead: MarkRead;
  /** Whether a source here can mark the mailbox's messages read; answers say so to clients that may. */
  canMarkRead: (mailboxId: string) => boolean;
  isClosing: () => boolean;
}

export type MarkRead = (mailboxId: string, request: MarkRequest) => Promise<MarkOutcome>;
