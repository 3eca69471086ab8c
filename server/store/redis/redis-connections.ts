import { createClient, createCluster, createSentinel } from '@redis/client';
import { keySlot } from './redis-slots.ts';

/** `"store": {"sentinel": ...}`: where the Sentinels are and the name they monitor the primary under. */
export interface SentinelConfig {
  name: string;
  /** The Sentinels, as host and port. */
  nodes: Array<{ host: string; port: number }>;
  /** The Redis servers' password, when they ask for one. */
  password?: string;
}

/** `"store": {"cluster": ...}`: some of a Redis Cluster's nodes; the client learns the rest from them. */
export interface ClusterConfig {
  nodes: Array<{ host: string; port: number }>;
  /** The nodes' password, when they ask for one. */
  password?: string;
}

/**
 * What RedisLink needs of a Redis deployment: commands, transactions and
 * subscriptions, over one server (`url`), over the primary that Sentinel
 * names (`sentinel`), or over the masters of a Redis Cluster (`cluster`),
 * whichever the config gives.
 */
export interface RedisConnections {
  /** `key`, for a keyless command (INFO, WAIT): on a cluster, it goes to the master of this key's slot and no other. */
  send(args: string[], key?: string): Promise<unknown>;
  /** Runs the commands in one MULTI/EXEC (on a cluster, all on the slot of `key`). */
  exec(commands: string[][], key?: string): Promise<unknown[]>;
  connect(): Promise<void>;
  subscribe(channel: string, listener: (message: string) => void): Promise<void>;
  /** PUBLISH, or on a cluster SPUBLISH: a message goes to the subscribers of the channel's slot only (sharded pub/sub, Redis 7). */
  readonly publish: 'PUBLISH' | 'SPUBLISH';
  /** `commands` or `subscription` had a connection problem. */
  onError(listener: (role: 'commands' | 'subscription', error: Error) => void): void;
  /** The subscription is live again after it was lost (a reconnect, or a new primary). */
  onResubscribed(listener: () => void): void;
  /** Sentinel only: the primary is being replaced; `promoted` once the new one is connected. */
  onFailover(listener: { started: () => void; promoted: () => void }): void;
  close(): Promise<unknown>;
  destroy(): void;
}

export interface ConnectionOptions {
  url: string;
  sentinel?: SentinelConfig;
  cluster?: ClusterConfig;
  reconnectStrategy: (retries: number, cause: Error) => number | Error;
}

type Client = ReturnType<typeof createClient<Record<string, never>, Record<string, never>, Record<string, never>, 2>>;

export function redisConnections(options: ConnectionOptions): RedisConnections {
  if (options.cluster) return clusterConnections(options.cluster, options);
  return options.sentinel ? sentinelConnections(options.sentinel, options) : serverConnections(options);
}

/** Two connections to one Redis server: one for commands, one subscribed. */
function serverConnections({ url, reconnectStrategy }: ConnectionOptions): RedisConnections {
  const client: Client = createClient({
    url, RESP: 2,
    // A command while Redis is unreachable fails at once (ingest answers 503) instead of waiting in a queue.
    disableOfflineQueue: true,
    socket: { reconnectStrategy, connectTimeout: 2000 },
  });
  const subscriber = client.duplicate();
  return {
    publish: 'PUBLISH',
    send: (args) => client.sendCommand(args),
    exec: async (commands) => {
      const multi = client.multi();
      for (const args of commands) multi.addCommand(args);
      return await multi.exec() as unknown[];
    },
    connect: async () => {
      await client.connect();
      await subscriber.connect();
    },
    subscribe: async (channel, listener) => { await subscriber.subscribe(channel, listener); },
    onError(listener) {
      client.on('error', (error: Error) => listener('commands', error));
      subscriber.on('error', (error: Error) => listener('subscription', error));
    },
    onResubscribed(listener) {
      // node-redis subscribes again on reconnect; the first ready is the first connection.
      let isFirstReady = true;
      subscriber.on('ready', () => {
        if (isFirstReady) isFirstReady = false;
        else listener();
      });
    },
    onFailover() {},
    close: () => Promise.allSettled([client.close(), subscriber.close()]),
    destroy() {
      client.destroy();
      subscriber.destroy();
    },
  };
}

/**
 * node-redis's Sentinel client: it asks the Sentinels where the primary is,
 * sends commands and keeps the subscription there, and moves both to the
 * replica Sentinel promotes.
 */
function sentinelConnections(config: SentinelConfig, { reconnectStrategy }: ConnectionOptions): RedisConnections {
  const sentinel = createSentinel({
    name: config.name,
    sentinelRootNodes: config.nodes,
    RESP: 2,
    // One connection to the primary: WAIT after a write (redis-store.ts) counts that connection's writes.
    masterPoolSize: 1,
    reserveClient: false,
    // Each rediscovery waits 1 s: a start against Sentinels that are not there says so in about 4 s, not 16.
    maxCommandRediscovers: 4,
    // The Sentinels are asked again on every +switch-master; the scan is the fallback for a missed one.
    scanInterval: 2000,
    passthroughClientErrorEvents: false,
    nodeClientOptions: {
      disableOfflineQueue: true,
      socket: { reconnectStrategy, connectTimeout: 2000 },
      ...(config.password === undefined ? {} : { password: config.password }),
    },
    sentinelClientOptions: { socket: { connectTimeout: 2000 } },
  });
  return {
    publish: 'PUBLISH',
    send: (args) => sentinel.sendCommand(false, args),
    exec: async (commands) => {
      const multi = sentinel.multi();
      for (const args of commands) multi.addCommand(false, args);
      return await multi.exec() as unknown[];
    },
    connect: async () => { await sentinel.connect(); },
    subscribe: async (channel, listener) => { await sentinel.subscribe(channel, listener); },
    onError(listener) {
      sentinel.on('error', (error: unknown) => listener('commands', error instanceof Error ? error : new Error(String(error))));
      sentinel.on('client-error', (event: { type: string; error: Error }) => listener(event.type === 'MASTER' ? 'commands' : 'subscription', event.error));
    },
    onResubscribed() {
      // The subscription moves with the primary: onFailover's `promoted` says when.
    },
    onFailover({ started, promoted }) {
      // `reconnecting`: the Sentinels named another primary and the client is moving to it;
      // `ready` after it: commands and the subscription now go to the new one.
      let isMoving = false;
      sentinel.on('reconnecting', () => {
        isMoving = true;
        started();
      });
      sentinel.on('ready', () => {
        if (!isMoving) return;
        isMoving = false;
        promoted();
      });
    },
    close: () => sentinel.close().catch(() => undefined),
    destroy: () => { void sentinel.destroy().catch(() => undefined); },
  };
}

/**
 * node-redis's cluster client: one connection to each master, learnt from the
 * nodes given; it follows MOVED and ASK (a reshard, a promoted replica) and
 * keeps each sharded subscription on the master of its channel's slot.
 */
function clusterConnections(config: ClusterConfig, { reconnectStrategy }: ConnectionOptions): RedisConnections {
  const cluster = createCluster({
    rootNodes: config.nodes.map(({ host, port }) => ({ socket: { host, port } })),
    RESP: 2,
    defaults: {
      disableOfflineQueue: true,
      socket: { reconnectStrategy, connectTimeout: 2000 },
      ...(config.password === undefined ? {} : { password: config.password }),
    },
    // A promotion takes the cluster a second or two; MOVED after it is followed at once.
    maxCommandRedirections: 8,
    // While a node is unreachable, ask the cluster who serves its slots every half second (node-redis waits 5 s):
    // the ingest gap after a promotion is then the cluster's own, not the client's.
    topologyRefreshOnReconnectionAttemptStrategy: 500,
  });
  let isConnected = false;
  return {
    publish: 'SPUBLISH',
    send: async (args, key) => {
      // A keyless command sent for a key (INFO, WAIT: redis-link.ts) goes to that key's master itself.
      // node-redis would otherwise follow its command table: WAIT to every master, answering with the
      // least (one master without a replica made every change there wait 1 s and fail), INFO to any
      // node (a part read another master's replicas and replication id).
      const master = key === undefined ? undefined : cluster.slots[keySlot(key)]?.master;
      if (master) return (await cluster.nodeClient(master)).sendCommand(args);
      return cluster.sendCommand(key ?? firstKeyOf(args), false, args);
    },
    exec: async (commands, key) => {
      const multi = cluster.multi(key ?? firstKeyOf(commands[0]!));
      for (const args of commands) multi.addCommand(firstKeyOf(args), false, args);
      return await multi.exec() as unknown[];
    },
    connect: async () => {
      await cluster.connect();
      isConnected = true;
    },
    subscribe: async (channel, listener) => { await cluster.sSubscribe(channel, listener); },
    onError(listener) {
      cluster.on('error', (error: Error) => listener('commands', error));
      cluster.on('node-error', (error: Error) => listener('commands', error));
      cluster.on('sharded-channel-moved-error', (error: Error) => listener('subscription', error));
    },
    onResubscribed(listener) {
      // A node's connection came back (a master restarted, or the client moved to a promoted one): messages may have been missed.
      cluster.on('node-ready', () => { if (isConnected) listener(); });
    },
    onFailover() {
      // A cluster promotes replicas by itself; each part notices its new master (redis-failover.ts, through the part's link).
    },
    close: () => cluster.close().catch(() => undefined),
    destroy: () => cluster.destroy(),
  };
}

/** The key a command routes by on a cluster: a script's first key, or the command's first argument. */
function firstKeyOf(args: readonly string[]): string | undefined {
  const name = args[0]!.toUpperCase();
  if (name === 'EVAL' || name === 'EVALSHA') return Number(args[2]) > 0 ? args[3] : undefined;
  return args[1];
}
