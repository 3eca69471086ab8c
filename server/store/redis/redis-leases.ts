import { randomBytes } from 'node:crypto';
import type { RedisKeys } from './redis-keys.ts';
import type { RedisLink } from './redis-link.ts';
import { claimScript, presenceScript, releaseScript } from './redis-scripts.ts';
import type { DenyList, InstanceMessages, Leases } from '../store.ts';

/** A random name for this instance, one per store opened: its leases hold it, notes to it are addressed to it. */
export const newInstanceName = () => randomBytes(9).toString('base64url');

/**
 * Notes between instances as notices on the store's channel: every instance
 * receives each and keeps those addressed to it. Few are sent (one per
 * forwarded mark as read and its answer), so one channel for all is enough.
 */
export class RedisMessages implements InstanceMessages {
  readonly instance: string;
  readonly #link: RedisLink;
  readonly #listeners: Array<(body: unknown) => void> = [];

  constructor(link: RedisLink, instance: string) {
    this.#link = link;
    this.instance = instance;
  }

  async send(to: string, body: unknown): Promise<void> {
    await this.#link.publishNotice(JSON.stringify({ to, body }));
  }

  onMessage(listener: (body: unknown) => void): void {
    this.#listeners.push(listener);
  }

  /** A notice from the channel (RedisLink's onNotice). */
  receive(text: string): void {
    let note: { to?: unknown; body?: unknown };
    try {
      note = JSON.parse(text) as typeof note;
    } catch {
      return;
    }
    if (note.to !== this.instance) return;
    for (const listener of this.#listeners) listener(note.body);
  }
}

/** Leases in Redis held in this instance's name (a random one per store opened), so each source runs on one instance. */
export function redisLeases(link: RedisLink, keys: RedisKeys, instance: string): Leases {
  return {
    instance,
    claim: async (key, ttlMs) => (await link.script(claimScript, [keys.lease(key)], [instance, String(ttlMs)])) === 1,
    release: async (key) => { await link.script(releaseScript, [keys.lease(key)], [instance]); },
    present: async (ttlMs) => Number(await link.script(presenceScript, [keys.instances], [instance, String(ttlMs), 'here'])),
    leave: async () => { await link.script(presenceScript, [keys.instances], [instance, '0', 'gone']); },
    holder: async (key) => ((await link.call(['GET', keys.lease(key)])) as string | null) ?? undefined,
  };
}

/** The deny list in a Redis set; `has` answers from this instance's copy, which the store's heartbeat refreshes. */
export class RedisDenyList implements DenyList {
  readonly #link: RedisLink;
  readonly #key: string;
  /** Revoked signed-token ids, as of the last heartbeat (or this instance's own revocation). */
  #denied = new Set<string>();

  constructor(link: RedisLink, keys: RedisKeys) {
    this.#link = link;
    this.#key = keys.denied;
  }

  has(tokenId: string): boolean {
    return this.#denied.has(tokenId);
  }

  async add(tokenId: string): Promise<void> {
    await this.#link.call(['SADD', this.#key, tokenId]);
    this.#denied.add(tokenId);
  }

  /** The set as the heartbeat read it. */
  refresh(ids: readonly string[]): void {
    this.#denied = new Set(ids);
  }
}
