import { createHash, randomBytes } from 'node:crypto';
import { createClient, ErrorReply } from '@redis/client';
import { describeRedisError, toStoreError } from './redis-errors.ts';
import type { Logger } from '../../log.ts';
import { StoreUnavailableError } from '../store.ts';

export interface RedisLinkOptions {
  url: string;
  /** The pub/sub channel the store's changes (and this link's probes) travel on. */
  channel: string;
  log: Logger;
  /** Called with each change message (not probes) in the order Redis delivered them. */
  onMessage: (text: string) => void;
  /**
   * Called when the subscription is live again after it was lost or renewed
   * (Redis restarted, the connection was killed): messages may have been
   * missed in between, so what held polls watch must be read again.
   */
  onResubscribed: () => void;
  /** The first pause before reconnecting; doubled on each failure up to 1 s. */
  reconnectDelayMs?: number;
}

// Probes carry a prefix no change message can start with (those start with an epoch, [a-z0-9]).
const PROBE = '!probe';

type Client = ReturnType<typeof createClient<Record<string, never>, Record<string, never>, Record<string, never>, 2>>;

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
  readonly #client: Client;
  readonly #subscriber: Client;
  readonly #id = randomBytes(6).toString('hex');
  readonly #probes = new Map<string, () => void>();
  readonly #scriptShas = new Map<string, string>();
  #probeNumber = 0;
  #lastError = '';
  #isClosed = false;
  #hasConnected = false;

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
    this.#client = createClient({
      url: options.url, RESP: 2,
      // A command while Redis is unreachable fails at once (ingest answers 503) instead of waiting in a queue.
      disableOfflineQueue: true,
      socket: { reconnectStrategy, connectTimeout: 2000 },
    });
    this.#subscriber = this.#client.duplicate();
    for (const [client, role] of [[this.#client, 'commands'], [this.#subscriber, 'subscription']] as const) {
      client.on('error', (error: Error) => {
        const text = describeRedisError(error);
        if (text !== this.#lastError) options.log.warn({ role, err: text }, 'Redis connection problem; retrying');
        this.#lastError = text;
      });
    }
    let isFirstReady = true;
    this.#subscriber.on('ready', () => {
      if (isFirstReady) {
        isFirstReady = false;
        return;
      }
      // node-redis subscribes again on reconnect; a probe through the new
      // subscription proves it is live before the store reads what it missed.
      options.log.info({}, 'Redis subscription renewed; re-reading what held polls watch');
      this.#awaitLiveSubscription();
    });
  }

  async connect(): Promise<void> {
    try {
      await this.#client.connect();
      await this.#subscriber.connect();
      await this.#subscriber.subscribe(this.#options.channel, (message) => this.#receive(message));
      this.#hasConnected = true;
    } catch (error) {
      this.#client.destroy();
      this.#subscriber.destroy();
      const problem = toStoreError(error);
      throw problem instanceof StoreUnavailableError ? problem : new StoreUnavailableError(`cannot reach Redis: ${describeRedisError(error)}`);
    }
  }

  /** What the server at the URL says it is (INFO's redis_mode: standalone, cluster, sentinel); undefined if it will not say. */
  async mode(): Promise<string | undefined> {
    try {
      const info = String(await this.#client.sendCommand(['INFO', 'server']));
      return /^redis_mode:(\w+)/m.exec(info)?.[1];
    } catch {
      return undefined;
    }
  }

  /** Runs one command; a connection problem becomes a StoreUnavailableError. */
  async call(args: string[]): Promise<unknown> {
    try {
      return await this.#client.sendCommand(args);
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /** Runs commands in one MULTI/EXEC, so they read one moment of the data. */
  async atomically(commands: string[][]): Promise<unknown[]> {
    const multi = this.#client.multi();
    for (const args of commands) multi.addCommand(args);
    try {
      return await multi.exec() as unknown[];
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /** Runs a Lua script by its SHA-1, sending its text only when Redis does not know it (after a restart). */
  async script(source: string, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    let sha = this.#scriptShas.get(source);
    if (!sha) this.#scriptShas.set(source, (sha = createHash('sha1').update(source).digest('hex')));
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await this.#client.sendCommand(['EVALSHA', sha, ...tail]);
    } catch (error) {
      if (!(error instanceof ErrorReply && error.message.startsWith('NOSCRIPT'))) throw toStoreError(error);
    }
    return this.call(['EVAL', source, ...tail]);
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
      await Promise.all([this.call(['PUBLISH', this.#options.channel, text]), received]);
    } finally {
      clearTimeout(timer);
      this.#probes.delete(text);
    }
  }

  async close(): Promise<void> {
    this.#isClosed = true;
    // Waits a moment for replies in flight; a Redis that stopped answering would otherwise hold shutdown forever.
    let timer: NodeJS.Timeout | undefined;
    const moment = new Promise((resolve) => { timer = setTimeout(resolve, CLOSE_WAIT_MS); });
    await Promise.race([Promise.allSettled([this.#client.close(), this.#subscriber.close()]), moment]);
    clearTimeout(timer);
    this.#client.destroy();
    this.#subscriber.destroy();
  }

  #receive(message: string): void {
    if (!message.startsWith(PROBE)) {
      this.#options.onMessage(message);
      return;
    }
    this.#probes.get(message)?.();
  }

  #awaitLiveSubscription(): void {
    const attempt = () => {
      if (this.#isClosed) return;
      this.probe(2000).then(() => this.#options.onResubscribed(), () => setTimeout(attempt, 200));
    };
    attempt();
  }
}
