/**
 * A mail host's 100,000 users, measured in one process (no HTTP): config load,
 * what a "*" client's answer costs whole and as a delta, what a client listing
 * all 100,000 mailboxes costs per cursor and per held poll, and signed tokens.
 * Run: node bench/host-scale.ts
 */
import { loadavg } from 'node:os';
import { parseConfig } from '../server/config/server-config.ts';
import { MemoryStore } from '../server/store/memory-store.ts';
import { ClientTokens } from '../server/tokens/client-tokens.ts';
import { signToken } from '../server/tokens/signed-tokens.ts';
import { TokenTable } from '../server/tokens/token-table.ts';
import { setOne } from '../server/store/store.ts';

const N = 100_000;
const ids = Array.from({ length: N }, (_, i) => `user${i}@example.org`);
const ms = (started: number) => `${(performance.now() - started).toFixed(1)} ms`;
const best = <T>(runs: number, work: () => T): [string, T] => {
  let fastest = Infinity;
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = work();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return [`${fastest < 1 ? fastest.toFixed(3) : fastest.toFixed(1)} ms`, result];
};

console.log(`host scale, ${N} users; node ${process.version}; load average ${loadavg()[0]!.toFixed(1)} (a machine shared with five other builds)`);

let started = performance.now();
parseConfig({
  clients: ids.map((id, i) => ({ name: `client-${i}`, token: `token-of-user-${i}-0123456789`, mailboxes: [id] })),
  mailboxes: ids.map((id) => ({ id })),
});
console.log(`config with ${N} clients and mailboxes loads in ${ms(started)}`);

const store = new MemoryStore({ maxMailboxes: N });
await store.declare(ids.map((id) => ({ id, name: id })));
await store.setMany(ids.map((id, i) => ({ id, count: i % 7 })));
const whole = await store.changes('*', undefined);
const [wholeMs] = best(3, () => JSON.stringify(whole.answer));
const seq = Number(whole.answer.cursor.split('.')[2]);
await setOne(store, { id: ids[4711]!, count: 99 });
let delta = '';
let deltaMs = Infinity;
for (let run = 0; run < 3; run++) {
  started = performance.now();
  delta = JSON.stringify((await store.changes('*', seq)).answer);
  deltaMs = Math.min(deltaMs, performance.now() - started);
}
console.log(`"*" client: whole answer ${(JSON.stringify(whole.answer).length / 1e6).toFixed(1)} MB, ${wholeMs} to serialise; delta after one change ${delta.length} bytes, ${deltaMs.toFixed(3)} ms to make and serialise`);

const list: readonly string[] = [...ids];
started = performance.now();
await store.cursor(list);
const firstCursor = ms(started);
await setOne(store, { id: ids[42]!, count: 100 });
await store.cursor(list); // the first incremental count makes the list's Set, once
await setOne(store, { id: ids[43]!, count: 100 });
started = performance.now();
await store.cursor(list);
console.log(`client listing ${N}: first cursor ${firstCursor}, a cursor after one more change ${ms(started)}`);
const cursor = await store.cursor(list);
const [watchMs] = best(5, () => store.watch(list, cursor, () => {})());
console.log(`client listing ${N}: watch + unwatch ${watchMs}`);

const key = { id: 'k1', secret: Buffer.from('a-signing-key-of-at-least-32-characters') };
const tokens = ids.slice(0, 10_000).map((id) => signToken(key, { name: id, mailboxes: ['%u'], exp: Math.floor(Date.now() / 1000) + 3600 }).token);
const clients = new ClientTokens(new TokenTable([]), { keys: () => new Map([[key.id, key.secret]]), isDenied: () => false });
started = performance.now();
for (const token of tokens) clients.find(token);
const firstUs = ((performance.now() - started) * 1000 / tokens.length).toFixed(1);
started = performance.now();
for (const token of tokens) clients.find(token);
console.log(`signed tokens: ${firstUs} µs to verify one, ${((performance.now() - started) * 1000 / tokens.length).toFixed(2)} µs once verified`);
