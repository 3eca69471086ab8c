import type { CountsAnswer, Mailbox } from '../../common/protocol.ts';
import type { Timers } from '../../common/timers.ts';
import type { AnswerCut, ServerLabel } from '../ipc-contract.ts';
import type { RequestCounts, ServerEndpoint } from './counts-client.ts';
import type { PollerStatus } from './poller-options.ts';
import { Poller } from './poller.ts';
import { serverLabel } from './server-label.ts';
import { BUNDLED_KEY } from './servers-state.ts';

export interface ServerLinkOptions {
  requestCounts: RequestCounts;
  timers: Timers;
  random: () => number;
  waitSeconds?: number;
  isOnline?: () => boolean;
  onStatus(link: ServerLink): void;
  onAnswer(link: ServerLink, answer: CountsAnswer, info: { isFirst: boolean; cut?: AnswerCut }): void;
}

/**
 * One followed server: its own poll loop, connection state and last counts,
 * so that one server going down, or being edited, leaves the others' polls
 * held as they are (issue 22).
 */
export class ServerLink {
  readonly key: string;
  /** The name the user gave it; '' for the bundled server. */
  name: string;
  readonly #poller: Poller;
  readonly #timers: Timers;
  #endpoint: ServerEndpoint | undefined;
  #label: ServerLabel;
  #status: PollerStatus = { state: 'stopped' };
  /** Its last answer's mailboxes, with its own ids; kept while it is not live, shown as stale. */
  mailboxes: readonly Mailbox[] = [];
  cut: AnswerCut | undefined;
  /** When it last vouched for its counts: its last answer, or the moment it stopped being live. */
  confirmedAt: number | null = null;

  constructor(key: string, name: string, options: ServerLinkOptions) {
    this.key = key;
    this.name = name;
    this.#timers = options.timers;
    this.#label = serverLabel({ mode: 'bundled' });
    this.#poller = new Poller({
      requestCounts: options.requestCounts,
      timers: options.timers,
      random: options.random,
      ...(options.waitSeconds === undefined ? {} : { waitSeconds: options.waitSeconds }),
      ...(options.isOnline ? { isOnline: options.isOnline } : {}),
      onStatus: (status) => {
        // Live until now: its counts held good up to this moment.
        if (this.#status.state === 'live' && status.state !== 'live') this.confirmedAt = this.#timers.now();
        this.#status = status;
        options.onStatus(this);
      },
      onAnswer: (answer, info) => {
        this.confirmedAt = this.#timers.now();
        options.onAnswer(this, answer, info);
      },
    });
  }

  get isBundled(): boolean {
    return this.key === BUNDLED_KEY;
  }

  get endpoint(): ServerEndpoint | undefined {
    return this.#endpoint;
  }

  get label(): ServerLabel {
    return this.#label;
  }

  get status(): PollerStatus {
    return this.#status;
  }

  /** Whether `endpoint` is where this link polls already, with the same token. */
  pollsAt(endpoint: ServerEndpoint): boolean {
    return this.#endpoint?.url === endpoint.url && this.#endpoint.token === endpoint.token;
  }

  /** Polls `endpoint` from now on; its next answer is a silent baseline. */
  connect(endpoint: ServerEndpoint): void {
    this.#endpoint = endpoint;
    if (!this.isBundled) this.#label = serverLabel({ mode: 'remote', url: endpoint.url });
    this.#poller.connect(endpoint);
  }

  /** Forgets what another server (or this one before an edit) said: its counts are not this server's. */
  forgetCounts(): void {
    this.mailboxes = [];
    this.cut = undefined;
    this.confirmedAt = null;
  }

  stop(): void {
    this.#endpoint = undefined;
    this.#poller.stop();
  }

  retryNow(options?: { evenAfterAuthFailure?: boolean }): void {
    this.#poller.retryNow(options);
  }
}
