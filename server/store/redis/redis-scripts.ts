import { readFileSync } from 'node:fs';

/**
 * The Lua scripts that change the Redis store, from lua/ (the keys they use
 * are described in lua/head.lua). Each runs atomically inside Redis, so a
 * change and its version, the running total and the epoch can never be seen
 * half-made by another instance. Each file runs as it is, here and under
 * `redis-cli --eval`; the part they share and the part generated from
 * VISIBLE_FIELDS are written into them by `npm run lua:generate`
 * (scripts/lua-generate.ts), and a test fails when they are stale.
 */

/** How many changes the log keeps (about: Redis trims whole blocks); older cursors get whole answers. */
export const LOG_LENGTH = 100_000;

// Read once, when the Redis store is first loaded (store-config.ts loads it only for a Redis store).
// The build copies lua/ beside the compiled files (scripts/copy-lua.ts).
const lua = (name: string): string => readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8');

/** KEYS: the store's data keys; ARGV: epoch candidate, now, most mailboxes, PUBLISH or SPUBLISH, the updates as JSON. Returns {epoch, changed ids...} or {"full"}. */
export const setManyScript = lua('set-many');
/** KEYS: the store's data keys; ARGV: epoch candidate, now, PUBLISH or SPUBLISH, then id, name pairs. Returns the epoch. */
export const declareScript = lua('declare');
/** KEYS: the store's data keys; ARGV: epoch candidate, now, PUBLISH or SPUBLISH, then ids. Returns the epoch. */
export const forgetScript = lua('forget');
/** KEYS[1] the lease; ARGV: this instance, ttl in ms. 1 when this instance holds it now. */
export const claimScript = lua('claim');
/** KEYS[1] the lease; ARGV: this instance. Deletes it only if this instance holds it. */
export const releaseScript = lua('release');
/** KEYS[1] the instances' sorted set; ARGV: this instance, ttl in ms, "here" or "gone". How many instances are here. */
export const presenceScript = lua('presence');
/** KEYS: meta, the channel; ARGV: the primary's replication id, its previous one, epoch candidate. Returns the epoch (a new one after a promotion). */
export const failoverScript = lua('failover');
