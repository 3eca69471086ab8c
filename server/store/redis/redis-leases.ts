import { randomBytes } from 'node:crypto';
import type { RedisKeys } from './redis-keys.ts';
import type { RedisLink } from './redis-link.ts';
import { claimScript, presenceScript, releaseScript } from './redis-scripts.ts';
import type { DenyList, Leases } from '../store.ts';

/** Leases in Redis held in this instance's name (a random one per store opened), so each source runs on one instance. */
export function redisLeases(link: RedisLink, keys: RedisKeys): Leases {
  const instance = randomBytes(9).toString('base64url');
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
