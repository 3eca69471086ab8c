import { createHash, randomBytes } from 'node:crypto';
import { ErrorReply } from '@redis/client';
import { redisConnections, type RedisConnections } from './redis-connections.ts';
import { describeRedisError, toStoreError } from './redis-errors.ts';
import type { Logger } from '../../log.ts';
import type { SentinelConfig } from './redis-connections.ts';
import { StoreUnavailableError } from '../store.ts';

export interface RedisLinkOptions {
  url: string;
  /** Instead of `url`: the primary that these Sentinels name, followed through a failover. */
  sentinel?: SentinelConfig;
  /** The pub/sub channel the store's changes (and this link's probes) travel on. */
  channel: string;
  log: Logger;
  /** Called with each change message (not probes, not notices) in the order Redis delivered them. */
  onMessage: (text: string) => void;
  /** Called with each notice (publishNotice) any instance sent, this one's own too. */
  onNotice?: (text: string) => void;
  /**
   * Called when the subscription is live again after it was lost or renewed
   * (Redis restarted, the connection was killed): messages may have been
   * missed in between, so what held polls watch must be read again.
   */
  onResubscribed: () => void;
  /** The first pause before reconnecting; doubled on each failure up to 1 s. */
  reconnectDelayMs?: number;
  /**
   * Sentinel only: a replica was promoted and commands reach it now. Until the
   * returned promise resolves (redis-failover.ts decides about the epoch),
   * every command but those marked `duringFailover` is refused with a
   * StoreUnavailableError, so nothing is read from or answered with the new
   * primary's data under the old primary's epoch.
   */
  onPromoted?: () => Promise<void>;
}

export interface CallOptions {
  /** Runs while a failover is being settled (the failover check itself, probes). */
  duringFailover?: boolean;
}

// Probes and notices carry a prefix no change message can start with (those start with an epoch, [a-z0-9]).
const PROBE = '!probe';
const NOTICE = '!notice ';

/**
 * Two connections to one Redis: one for commands, one subscribed to the
 * store's channel. node-redis reconnects both by itself; this adds what it
 * cannot know: whether messages really arrive (a probe published and
 * received), and that a renewed subscription may have missed some.
 */
/** How long closing waits for Redis's replies to commands already sent. */
const CLOSE_WAIT_MS = 1000;

export class RedisLink {
  readonly #options: RedisLinkOptions;
  readonly #connections: RedisConnections;
  readonly #id = randomBytes(6).toString('hex');
  readonly #probes = new Map<string, () => void>();
  readonly #scriptShas = new Map<string, string>();
  #probeNumber = 0;
  #lastError = '';
  #isClosed = false;
  #hasConnected = false;
  /** Moves on each failover: a reply to a command sent before one may come from either primary. */
  #generation = 0;
  /** Why commands are refused now (a failover under way), or undefined. */
  #failover: string | undefined;

  constructor(options: RedisLinkOptions) {
    this.#options = options;
    // Every reconnect waits a little longer, up to 1 s: an outage is noticed
    // and ended within a second of Redis coming back, without a busy loop.
    const firstDelay = options.reconnectDelayMs ?? 50;
    // Until the first connection is made, a few tries only: a start against a
    // Redis that is not there should say so, not hang.
    const reconnectStrategy = (retries: number, cause: Error) => {
      if (!this.#hasConnected && retries >= 3) return cause;
      return Math.min(firstDelay * 2 ** Math.min(retries, 5), Math.max(1000, firstDelay));
    };
    this.#connections = redisConnections({
      url: options.url, reconnectStrategy, ...(options.sentinel ? { sentinel: options.sentinel } : {}),
    });
    this.#connections.onError((role, error) => {
      const text = describeRedisError(error);
      if (text !== this.#lastError) options.log.warn({ role, err: text }, 'Redis connection problem; retrying');
      this.#lastError = text;
    });
    this.#connections.onResubscribed(() => {
      // A probe through the renewed subscription proves it is live before the store reads what it missed.
      options.log.info({}, 'Redis subscription renewed; re-reading what held polls watch');
      this.#awaitLiveSubscription();
    });
    this.#connections.onFailover({
      started: () => {
        this.#generation += 1;
        this.#failover = 'Redis Sentinel is moving the store to a promoted replica';
        options.log.warn({}, 'Redis Sentinel named a new primary; ingest answers 503 until it is settled');
      },
      promoted: () => this.#settleFailover(),
    });
  }

  /** Why the store cannot be used now although Redis may answer (a failover is being settled), or undefined. */
  get failover(): string | undefined {
    return this.#failover;
  }

  async connect(): Promise<void> {
    try {
      await this.#connections.connect();
      await this.#connections.subscribe(this.#options.channel, (message) => this.#receive(message));
      this.#hasConnected = true;
    } catch (error) {
      this.#connections.destroy();
      const problem = toStoreError(error);
      throw problem instanceof StoreUnavailableError ? problem : new StoreUnavailableError(`cannot reach Redis: ${describeRedisError(error)}`);
    }
  }

  /** What the server at the URL says it is (INFO's redis_mode: standalone, cluster, sentinel); undefined if it will not say. */
  async mode(): Promise<string | undefined> {
    try {
      const info = String(await this.#connections.send(['INFO', 'server']));
      return /^redis_mode:(\w+)/m.exec(info)?.[1];
    } catch {
      return undefined;
    }
  }

  /** Runs one command; a connection problem becomes a StoreUnavailableError. */
  call(args: string[], options: CallOptions = {}): Promise<unknown> {
    return this.#run(() => this.#connections.send(args), options);
  }

  /** Runs commands in one MULTI/EXEC, so they read one moment of the data. */
  atomically(commands: string[][], options: CallOptions = {}): Promise<unknown[]> {
    return this.#run(() => this.#connections.exec(commands), options);
  }

  /** Runs a Lua script by its SHA-1, sending its text only when Redis does not know it (after a restart). */
  async script(source: string, keys: readonly string[], args: readonly string[], options: CallOptions = {}): Promise<unknown> {
    let sha = this.#scriptShas.get(source);
    if (!sha) this.#scriptShas.set(source, (sha = createHash('sha1').update(source).digest('hex')));
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await this.#run(() => this.#connections.send(['EVALSHA', sha, ...tail]), options, false);
    } catch (error) {
      if (!(error instanceof ErrorReply && error.message.startsWith('NOSCRIPT'))) throw toStoreError(error);
    }
    return this.call(['EVAL', source, ...tail], options);
  }

  /**
   * Runs a command unless a failover is being settled; a reply that crossed a
   * failover is not trusted (it may be the old primary's, or the new one's
   * under the old epoch) and becomes a StoreUnavailableError as well.
   */
  async #run<T>(send: () => Promise<T>, { duringFailover = false }: CallOptions, isWrapped = true): Promise<T> {
    if (this.#failover !== undefined && !duringFailover) throw new StoreUnavailableError(this.#failover);
    const generation = this.#generation;
    let reply: T;
    try {
      reply = await send();
    } catch (error) {
      throw isWrapped ? toStoreError(error) : error;
    }
    if (generation !== this.#generation && !duringFailover) {
      throw new StoreUnavailableError('Redis Sentinel moved the store to a promoted replica while this command ran; try again');
    }
    return reply;
  }

  /**
   * Publishes a probe and waits for it to come back through the subscription:
   * proof that changes published now reach this instance, which an open
   * socket alone is not.
   */
  async probe(timeoutMs: number): Promise<void> {
    const text = `${PROBE} ${this.#id} ${++this.#probeNumber}`;
    let timer: NodeJS.Timeout | undefined;
    const received = new Promise<void>((resolve, reject) => {
      this.#probes.set(text, resolve);
      timer = setTimeout(() => reject(new StoreUnavailableError(
        `a test message published to Redis did not come back through the subscription within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      // Together, so the timeout also ends a PUBLISH that never returns (a frozen
      // connection) and its rejection always has a handler: alone, it killed the process.
      await Promise.all([this.call(['PUBLISH', this.#options.channel, text], { duringFailover: true }), received]);
    } finally {
      clearTimeout(timer);
      this.#probes.delete(text);
    }
  }

  /**
   * Sends a notice to every instance on the store's channel, beside the
   * changes and probes (instances asking each other, such as a forwarded mark
   * as read). Like a change message it is lost if no instance listens.
   */
  async publishNotice(text: string): Promise<void> {
    await this.call(['PUBLISH', this.#options.channel, `${NOTICE}${text}`]);
  }

  async close(): Promise<void> {
    this.#isClosed = true;
    // Waits a moment for replies in flight; a Redis that stopped answering would otherwise hold shutdown forever.
    let timer: NodeJS.Timeout | undefined;
    const moment = new Promise((resolve) => { timer = setTimeout(resolve, CLOSE_WAIT_MS); });
    await Promise.race([this.#connections.close(), moment]);
    clearTimeout(timer);
    this.#connections.destroy();
  }

  #receive(message: string): void {
    if (message.startsWith(NOTICE)) {
      this.#options.onNotice?.(message.slice(NOTICE.length));
      return;
    }
    if (!message.startsWith(PROBE)) {
      this.#options.onMessage(message);
      return;
    }
    this.#probes.get(message)?.();
  }

  /** The new primary answers: let the store settle the epoch, then accept commands and re-read what held polls watch. */
  #settleFailover(): void {
    const generation = this.#generation;
    const attempt = () => {
      if (this.#isClosed || generation !== this.#generation) return;
      const settle = this.#options.onPromoted?.() ?? Promise.resolve();
      settle.then(() => {
        if (generation !== this.#generation) return;
        this.#failover = undefined;
        this.#options.log.info({}, 'the promoted Redis primary serves the store');
        this.#awaitLiveSubscription();
      }, () => setTimeout(attempt, 200));
    };
    attempt();
  }

  #awaitLiveSubscription(): void {
    const attempt = () => {
      if (this.#isClosed) return;
      this.probe(2000).then(() => this.#options.onResubscribed(), () => setTimeout(attempt, 200));
    };
    attempt();
  }
}
