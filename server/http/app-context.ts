import type { IngestConfig, ServerConfig } from '../config/server-config.ts';
import type { HeldPolls } from '../polls/held-polls.ts';
import type { Metrics } from './metrics.ts';
import type { MarkOutcome, MarkRequest, SourceReport } from '../sources/source.ts';
import type { ServedStore } from '../store/store.ts';
import type { ClientTokens } from '../tokens/client-tokens.ts';
import type { TokenTable } from '../tokens/token-table.ts';

/**
 * What the routes share; `build` in app.ts makes it and registers the routes
 * with it. A reload (config-reload.ts) changes `config`, the token tables and
 * the held polls' limit in place, so routes read them when a request comes.
 */
export interface AppContext {
  config: ServerConfig;
  clientTokens: ClientTokens;
  ingestTokens: TokenTable<IngestConfig>;
  store: ServedStore;
  heldPolls: HeldPolls;
  metrics: Metrics;
  /** Marks messages read at the source of a mailbox (POST /v1/mailboxes/<id>/read). */
  markRead: MarkRead;
  /** Whether a source here can mark the mailbox's messages read; answers say so to clients that may. */
  canMarkRead: (mailboxId: string) => boolean;
  isClosing: () => boolean;
  /** A worker of a server on several cores, before all its fellow workers listen. */
  isStarting: () => boolean;
  /** Each source's type, place in the config, state and problem, for /healthz. */
  sourceReports: () => Promise<SourceReport[]>;
}

export type MarkRead = (mailboxId: string, request: MarkRequest) => Promise<MarkOutcome>;
