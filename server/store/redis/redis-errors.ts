import { ErrorReply } from '@redis/client';
import { StoreUnavailableError } from '../store.ts';

// Replies that mean "not now" rather than "wrong": Redis is loading its data, busy, or a replica.
const transientReplyRe = /^(LOADING|BUSY|MASTERDOWN|READONLY|CLUSTERDOWN|TRYAGAIN)\b/;

/**
 * What a Redis failure means for the store: a StoreUnavailableError (503,
 * /healthz degraded) with a sentence an operator can act on, or, for a reply
 * that only a bug in the store can cause (a script error), the reply itself.
 */
export function toStoreError(error: unknown): Error {
  if (error instanceof StoreUnavailableError) return error;
  if (!(error instanceof ErrorReply) || transientReplyRe.test(error.message)) {
    return new StoreUnavailableError(`cannot reach Redis: ${describeRedisError(error)}`);
  }
  const refusal = refusalOf(error.message);
  return refusal === undefined ? error : new StoreUnavailableError(refusal);
}

/**
 * The sentence for a reply that says this Redis, or this Redis user, cannot
 * serve the store however often it is asked: retrying is no use, the
 * operator must change something.
 */
function refusalOf(message: string): string | undefined {
  const said = describeRedisError(message);
  if (message.startsWith('NOPERM')) {
    const what = /'(eval|evalsha|script)'/i.test(message) ? 'for scripts' : 'for a command, key or channel the store uses';
    return `the Redis user lacks permission ${what} (${said}); `
      + 'the store needs +@read +@write +@scripting +@pubsub on the keys and channel under its prefix';
  }
  if (/^(MOVED|ASK|CROSSSLOT)\b/.test(message)) {
    return `this Redis is a node of a Redis Cluster, and the server's keys are on another node (${said}); `
      + 'for a Redis Cluster, give store.cluster its nodes ({"nodes": ["redis://host:port", ...]}) instead of store.url';
  }
  if (/^ERR unknown command\b/.test(message)) {
    return `this server does not know a command the store needs (${said}); it must be Redis 7 or newer`;
  }
  return undefined;
}

/** The sentence when the URL names a Redis Sentinel (it knows none of the store's commands). */
export const sentinelRefusal = 'this URL names a Redis Sentinel, not a Redis server: give store.url the address of the Redis server itself, '
  + 'or give store.sentinel the Sentinels and the name they monitor the primary under, to follow a failover';

/** A short reason without the address (it may end up in /healthz, which needs no token). */
export function describeRedisError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code) return code;
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\b\d{1,3}(\.\d{1,3}){3}(:\d+)?/g, '');
}
