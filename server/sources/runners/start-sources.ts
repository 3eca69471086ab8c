import { LeasedRunner } from './leased-runner.ts';
import { InProcessRunner } from './in-process-runner.ts';
import { MarkForwarding } from './mark-forwarding.ts';
import { withBoundedErrors } from '../error-text.ts';
import type { ConfiguredSource, MarkOutcome, MarkRequest, SourceContext, SourceReport, SourceState } from '../source.ts';
import type { Logger } from '../../log.ts';
import type { StoreConfig } from '../../store/store-config.ts';
import type { InstanceMessages, Leases, Store } from '../../store/store.ts';

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
  /** A shared store's: a mark as read for a source running on another instance is forwarded to it. */
  messages?: InstanceMessages;
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

  /** Marks with the source running here; undefined when the mailbox's source does not run here. */
  const markHere = async (id: string, request: MarkRequest): Promise<MarkOutcome | undefined> => {
    const found = sources.sourceOf(id);
    if (!found) return undefined;
    if (!found.source.markRead) return { refused: `the mailbox "${id}" is fed by a ${found.type} source, which cannot mark messages read` };
    return found.source.markRead(id, request);
  };
  const configuredFor = (id: string) => config.sources.find((s) => s.mailboxes.some((m) => m.id === id));
  const forwarding = leases && options.messages && config.store.type === 'redis'
    ? new MarkForwarding({ leases, messages: options.messages, markHere, log: logFor('leases') })
    : undefined;

  const markRead = async (id: string, request: MarkRequest): Promise<MarkOutcome> => {
    const here = await markHere(id, request);
    if (here) return here;
    const configured = configuredFor(id);
    if (!configured) {
      return { refused: `no source on this server watches the mailbox "${id}" (its counts are pushed), so its messages cannot be marked read here` };
    }
    if (!configured.canMarkRead) return { refused: `the mailbox "${id}" is fed by a ${configured.type} source, which cannot mark messages read` };
    // With a shared store the source runs on the instance holding its lease: ask that one.
    if (forwarding) return forwarding.forward(configured.key, id, request);
    return { refused: `the source of the mailbox "${id}" has not started yet; try again in a moment` };
  };
  return {
    states: () => sources.states(),
    reports: () => sources.reports(),
    markRead,
    // A source running elsewhere marks through its instance: the answer says so on every instance alike.
    canMarkRead: (id) => {
      const found = sources.sourceOf(id);
      return found ? found.source.markRead !== undefined : forwarding !== undefined && configuredFor(id)?.canMarkRead === true;
    },
    reload: (next) => sources.reload(next),
    stop: () => sources.stop(),
  };
}
