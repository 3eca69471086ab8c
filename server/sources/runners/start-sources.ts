import { LeasedRunner } from './leased-runner.ts';
import { InProcessRunner } from './in-process-runner.ts';
import { withBoundedErrors } from '../error-text.ts';
import type { ConfiguredSource, MarkOutcome, MarkRequest, SourceContext, SourceReport, SourceState } from '../source.ts';
import type { Logger } from '../../log.ts';
import type { StoreConfig } from '../../store/store-config.ts';
import type { Leases, Store } from '../../store/store.ts';

/** A server's sources as its HTTP app sees them: /metrics, /healthz and mark-as-read. */
export interface SourcesView {
  states(): SourceState[] | Promise<SourceState[]>;
  reports(): Promise<SourceReport[]>;
  markRead(id: string, request: MarkRequest): Promise<MarkOutcome>;
  canMarkRead(id: string): boolean;
}

/** The sources running in this process. */
export interface ServerSources extends SourcesView {
  reload(next: readonly ConfiguredSource[]): Promise<{ kept: number; stopped: number; started: number }>;
  stop(): Promise<void>;
}

/**
 * The part of the server's config the runners read. A shape, not config/'s
 * ServerConfig: config/ reads each source's entry through sources/, so sources/
 * may not import it back.
 */
export interface SourcesConfig {
  sources: readonly ConfiguredSource[];
  store: StoreConfig;
  limits: { messagesPerMailbox: number };
}

export interface SourcesOptions {
  /** Read when a source starts: a reload changes it in place, so a source started later gets the limit then in force. */
  config: SourcesConfig;
  store: Store;
  /** A shared store's (OpenedStore): each source then runs on one instance at a time. */
  leases?: Leases;
  logFor: (type: string) => Logger;
  /** Pause between starting one source and the next, so many IMAP logins do not land at once. */
  spacingMs: number;
  onRefreshToken?: SourceContext['onRefreshToken'];
}

/**
 * Starts the config's sources in this process: all of them on the memory
 * store; on a shared store each under a lease, so each runs on one instance.
 */
export function startSources(options: SourcesOptions): ServerSources {
  const { config, store, logFor } = options;
  const contextFor = (configured: ConfiguredSource) => {
    const sourceContext: SourceContext = { store, log: logFor(configured.type), messagesPerMailbox: config.limits.messagesPerMailbox };
    if (options.onRefreshToken) sourceContext.onRefreshToken = options.onRefreshToken;
    return withBoundedErrors(sourceContext);
  };
  const { leases } = options;
  const sources = leases && config.store.type === 'redis'
    ? new LeasedRunner({ leases, contextFor, ttlMs: config.store.leaseSeconds * 1000, spacingMs: options.spacingMs, log: logFor('leases') })
    : new InProcessRunner(store, contextFor, options.spacingMs);
  sources.start(config.sources);

  const markRead = async (id: string, request: MarkRequest): Promise<MarkOutcome> => {
    const found = sources.sourceOf(id);
    if (!found) {
      const isConfigured = config.sources.some((s) => s.mailboxes.some((m) => m.id === id));
      // With a shared store the source may run on another instance, under its lease.
      const why = !isConfigured ? `no source on this server watches the mailbox "${id}" (its counts are pushed), so its messages cannot be marked read here`
        : config.store.type === 'redis' ? `the source of the mailbox "${id}" runs on another instance; try again in a moment`
          : `the source of the mailbox "${id}" has not started yet; try again in a moment`;
      return { refused: why };
    }
    if (!found.source.markRead) return { refused: `the mailbox "${id}" is fed by a ${found.type} source, which cannot mark messages read` };
    return found.source.markRead(id, request);
  };
  return {
    states: () => sources.states(),
    reports: () => sources.reports(),
    markRead,
    canMarkRead: (id) => sources.sourceOf(id)?.source.markRead !== undefined,
    reload: (next) => sources.reload(next),
    stop: () => sources.stop(),
  };
}
