/**
 * The store's keys and channel under a deployment's prefix. The data keys'
 * order is the order every data script (lua/head.lua) takes them in.
 */
export type RedisKeys = ReturnType<typeof keysFor>;

export function keysFor(prefix: string) {
  // One hash tag for every key and the channel: a Redis Cluster keeps them in
  // one slot, so one script can change them all atomically.
  const at = (name: string) => `{${prefix}}${name}`;
  const data = ['meta', 'boxes', 'versions', 'total', 'states', 'seq', 'changes', 'log'].map(at);
  return {
    data,
    meta: data[0]!, boxes: data[1]!, versions: data[2]!, total: data[3]!, states: data[4]!, channel: data[6]!, log: data[7]!,
    lease: (key: string) => at(`lease:${key}`),
    /** The instances that run sources, each until its presence runs out (leased-runner.ts shares the sources among them). */
    instances: at('instances'),
    denied: at('denied'),
  };
}
