/**
 * A Redis Cluster for tests and benchmarks: three masters (and, asked for,
 * one replica each) of Debian's redis-server on free 127.0.0.1 ports, each
 * in its own temporary folder (startRedis), joined by `redis-cli --cluster
 * create`. A short node timeout lets a replica take over a killed master in
 * about two seconds. Start it once per test file and give each test its own
 * key prefix: starting one takes a second or two.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { freePort } from './dovecot.ts';
import { eventually } from './eventually.ts';
import { startRedis, type TestRedis } from './redis.ts';

const run = promisify(execFile);

export interface ClusterNode extends TestRedis {
  /** The node's cluster id (CLUSTER MYID). */
  id: string;
}

export interface TestCluster {
  nodes: ClusterNode[];
  /** The nodes' URLs, as store.cluster.nodes takes them. */
  urls: string[];
  /** The node that serves `slot` now (a master that answers). */
  masterOf(slot: number): Promise<ClusterNode>;
  /** The masters now, as the live nodes say. */
  masters(): Promise<ClusterNode[]>;
  /** Kills the master of `slot` (SIGKILL) and resolves once a replica serves the slot and the cluster is ok again. */
  killMasterOf(slot: number): Promise<{ killed: ClusterNode; promoted: ClusterNode }>;
  /** Moves `slot` with its keys from its master to `to`, the way redis-cli --cluster reshard does (MIGRATING, MIGRATE, SETSLOT NODE). */
  migrateSlot(slot: number, to: ClusterNode, options?: { betweenKeys?: () => Promise<void> }): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `masters` masters with `replicasEach` replicas each; every slot is served when it resolves. */
export async function startCluster({ masters = 3, replicasEach = 0 } = {}): Promise<TestCluster> {
  const nodes: ClusterNode[] = [];
  const stop = async () => { await Promise.allSettled(nodes.map((node) => node.stop())); };
  try {
    for (let i = 0; i < masters * (1 + replicasEach); i++) {
      // The cluster bus port is set explicitly: the default (port + 10000) may not exist for a high port.
      const node = await startRedis({
        args: ['--cluster-enabled', 'yes', '--cluster-port', String(await freePort()), '--cluster-node-timeout', '1000',
          // A replica takes over however long its master was away from it.
          '--cluster-replica-validity-factor', '0'],
      });
      nodes.push(Object.assign(node, { id: String(await node.command('CLUSTER', 'MYID')) }));
    }
    await run('redis-cli', ['--cluster', 'create', ...nodes.map((node) => `127.0.0.1:${node.port}`),
      '--cluster-replicas', String(replicasEach), '--cluster-yes'], { timeout: 30_000 });
    await eventually(async () => {
      for (const node of nodes) {
        if (!String(await node.command('CLUSTER', 'INFO')).includes('cluster_state:ok')) return false;
        // A replica still in its first sync would be promoted empty.
        const replication = String(await node.command('INFO', 'replication'));
        if (replication.includes('role:slave') && !replication.includes('master_link_status:up')) return false;
      }
      return true;
    }, 30_000);
  } catch (error) {
    await stop();
    throw error;
  }

  const alive = new Set(nodes);
  const byId = (id: string) => nodes.find((node) => node.id === id);
  /** CLUSTER SHARDS as a live node sees it: each shard's master id and slot ranges. */
  const shards = async (): Promise<Array<{ master: ClusterNode; ranges: Array<[number, number]> }>> => {
    const [asked] = [...alive];
    const reply = await asked!.command('CLUSTER', 'SLOTS') as Array<[number, number, [string, number, string]]>;
    return reply.map(([from, to, [, , id]]) => ({ master: byId(id)!, ranges: [[Number(from), Number(to)]] }));
  };
  const masterOf = async (slot: number): Promise<ClusterNode> => {
    const found = (await shards()).find(({ ranges }) => ranges.some(([from, to]) => slot >= from && slot <= to));
    if (!found) throw new Error(`no node serves slot ${slot}`);
    return found.master;
  };
  const isOk = async () => {
    for (const node of alive) if (!String(await node.command('CLUSTER', 'INFO')).includes('cluster_state:ok')) return false;
    return true;
  };

  return {
    nodes,
    urls: nodes.map((node) => node.url),
    masterOf,
    async masters() {
      return [...new Set((await shards()).map(({ master }) => master))];
    },
    async killMasterOf(slot) {
      const killed = await masterOf(slot);
      await killed.kill();
      alive.delete(killed);
      const promoted = await eventually(async () => {
        const now = await masterOf(slot).catch(() => killed);
        return now !== killed && await isOk() ? now : undefined;
      }, 30_000);
      return { killed, promoted };
    },
    async migrateSlot(slot, to, { betweenKeys } = {}) {
      const from = await masterOf(slot);
      if (from === to) return;
      await to.command('CLUSTER', 'SETSLOT', String(slot), 'IMPORTING', from.id);
      await from.command('CLUSTER', 'SETSLOT', String(slot), 'MIGRATING', to.id);
      for (;;) {
        const keys = await from.command('CLUSTER', 'GETKEYSINSLOT', String(slot), '1') as string[];
        if (keys.length === 0) break;
        await from.command('MIGRATE', '127.0.0.1', String(to.port), '', '0', '5000', 'KEYS', ...keys);
        await betweenKeys?.();
      }
      // The new owner first, then the old one, then the rest learn it (as redis-cli does).
      for (const node of [to, from, ...[...alive].filter((node) => node !== to && node !== from)]) {
        await node.command('CLUSTER', 'SETSLOT', String(slot), 'NODE', to.id).catch(() => undefined);
      }
      await eventually(async () => (await masterOf(slot)) === to && await isOk(), 20_000);
    },
    stop,
  };
}
