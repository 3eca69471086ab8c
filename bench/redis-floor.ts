/**
 * The floor under the Redis store's cost per change: what a process spends on
 * nothing but the Redis exchange Mailtray's store makes for one change, the
 * set-many script run by EVALSHA (the PUT's one command) and the change
 * message received on the store's channel (once per instance). Each part runs
 * in its own process on the same paced load as the load bench, and reports
 * its own CPU:
 *
 * - `pacing`: the sender's loop with nothing sent (one wake-up per change,
 *   which a server spends on the PUT anyway);
 * - `raw`: the script sent and its message received in one process (what one
 *   instance does per change), over plain sockets with RESP written and read by
 *   the few lines below, no client library: the least a Node process could
 *   spend on it; `raw-receive`: the message alone, in another process (what
 *   each further instance does);
 * - `client` and `client-receive`: the same through @redis/client, on two
 *   connections as the store holds them;
 * - `store`: the Redis store itself (RedisStore.setShown, its own subscription
 *   receiving each message), no HTTP and no held polls.
 *
 * Each sender first gives every mailbox one change (not measured), then sends
 * `changes` changes at `rate` per second, each raising a mailbox's count, so
 * every one is a visible change and publishes one message. Every receiver
 * checks that each (mailbox, version) arrived exactly once.
 *
 * `node bench/instances.ts --floor` runs these beside the load rows and nchan
 * on Redis, in the same run (docs/benchmarks.md).
 */
import { fork } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from '@redis/client';
import { newEpoch } from '../server/store/cursor.ts';
import { forScript } from '../server/store/redis/redis-boxes.ts';
import { parseChangeMessage } from '../server/store/redis/redis-change-message.ts';
import { keysFor } from '../server/store/redis/redis-keys.ts';
import { setManyScript } from '../server/store/redis/redis-scripts.ts';
import { RedisStore } from '../server/store/redis/redis-store.ts';

export const FLOOR_PARTS = ['pacing', 'raw', 'raw-receive', 'client', 'client-receive', 'store'] as const;
export type FloorPart = (typeof FLOOR_PARTS)[number];

export interface FloorJob {
  part: FloorPart;
  url: string;
  /** The store's key prefix: one per round, so each starts from an empty store. */
  prefix: string;
  mailboxes: number;
  changes: number;
  rate: number;
}

export interface FloorResult {
  part: FloorPart;
  /** User + system CPU of the measured changes, in seconds. */
  cpuSeconds: number;
  /** Changes sent (senders), or change messages received (receivers). */
  changes: number;
  /** Anything not as it should be: a message missing, twice, or unreadable; a failed command. */
  problems: string[];
}

/** One round: the receivers subscribe, then the sender sends; each part in its own process. */
export async function measureFloorRound(url: string, sender: FloorPart, receivers: readonly FloorPart[], load: Omit<FloorJob, 'part' | 'url' | 'prefix'>): Promise<FloorResult[]> {
  const prefix = `floor-${sender}-${newEpoch()}:`;
  const job = (part: FloorPart): FloorJob => ({ part, url, prefix, ...load });
  const listening = receivers.map((part) => runPart(job(part)));
  await Promise.all(listening.map((r) => r.ready));
  const sent = runPart(job(sender));
  return Promise.all([sent.done, ...listening.map((r) => r.done)]);
}

/** CPU seconds per 1,000 changes of each part, as measured. */
export type FloorFigures = Record<FloorPart, number>;

export async function measureFloor(url: string, load: Omit<FloorJob, 'part' | 'url' | 'prefix'>): Promise<{ figures: FloorFigures; problems: string[] }> {
  const results = [
    ...await measureFloorRound(url, 'pacing', [], load),
    ...await measureFloorRound(url, 'raw', ['raw-receive'], load),
    ...await measureFloorRound(url, 'client', ['client-receive'], load),
    ...await measureFloorRound(url, 'store', [], load),
  ];
  const figures = Object.fromEntries(results.map((r) => [r.part, (r.cpuSeconds / load.changes) * 1000])) as FloorFigures;
  return { figures, problems: results.flatMap((r) => r.problems.map((p) => `${r.part}: ${p}`)) };
}

/**
 * What Mailtray on Redis cannot go below, per 1,000 changes: the memory store's
 * cost (the same PUTs and answers, no Redis) plus what the Redis exchange adds
 * over the wake-up a PUT costs anyway; a second instance adds one message more.
 * `raw` with plain sockets (the floor), `client` through @redis/client (as built).
 */
export function floorOf(memoryStore: number, figures: FloorFigures): { raw: { x1: number; x2: number }; client: { x1: number; x2: number } } {
  const x1 = (exchange: number) => memoryStore + exchange - figures.pacing;
  return {
    raw: { x1: x1(figures.raw), x2: x1(figures.raw) + figures['raw-receive'] },
    client: { x1: x1(figures.client), x2: x1(figures.client) + figures['client-receive'] },
  };
}

const self = new URL(import.meta.url).pathname;

function runPart(job: FloorJob): { ready: Promise<void>; done: Promise<FloorResult> } {
  const child = fork(self, ['part'], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => { onReady = resolve; });
  const done = new Promise<FloorResult>((resolve, reject) => {
    let result: FloorResult | undefined;
    child.on('message', (message: { ready: true } | { result: FloorResult }) => {
      if ('ready' in message) onReady();
      else result = message.result;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      onReady();
      if (result) resolve(result);
      else reject(new Error(`floor part ${job.part} ended (${signal ?? `exit code ${code}`}) without a result`));
    });
  });
  child.send(job);
  return { ready, done };
}

// ---- senders ----

type Send = (mailbox: number, count: number) => Promise<unknown>;

/**
 * Every mailbox once (not measured), then `changes` changes paced at `rate`;
 * CPU from the first paced change to the last reply and, with a receiver in
 * this process, its last message.
 */
async function paced(job: FloorJob, send: Send, receiver?: Receiver): Promise<FloorResult> {
  const problems: string[] = [];
  const note = (error: unknown) => { if (problems.length < 5) problems.push((error as Error).message); };
  await Promise.all(Array.from({ length: job.mailboxes }, (_, m) => send(m, 1).catch(note)));
  await sleep(200);
  const pending: Array<Promise<unknown>> = [];
  const start = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < job.changes; i++) {
    pending.push(send(i % job.mailboxes, 2 + i).catch(note));
    const wait = t0 + ((i + 1) * 1000) / job.rate - performance.now();
    if (wait > 0) await sleep(wait);
  }
  await Promise.all(pending);
  await receiver?.allIn;
  const used = process.cpuUsage(start);
  return { part: job.part, cpuSeconds: (used.user + used.system) / 1e6, changes: job.changes, problems: [...problems, ...receiver?.problems() ?? []] };
}

/** The set-many script's arguments for each change, as RedisStore.setShown sends them (its keys made once, as the store holds them). */
function scriptArgs(job: FloorJob, sha: string): (mailbox: number, count: number) => string[] {
  const keys = keysFor(job.prefix).data;
  const head = ['EVALSHA', sha, String(keys.length), ...keys];
  return (mailbox, count) => [...head,
    newEpoch(), new Date().toISOString(), '100000', 'PUBLISH', JSON.stringify([forScript({ id: `m${mailbox}`, count })]), 'shown'];
}

async function raw(job: FloorJob): Promise<FloorResult> {
  const redis = await RawRedis.open(job.url);
  const args = scriptArgs(job, await redis.call(['SCRIPT', 'LOAD', setManyScript]) as string);
  const receiver = await listen(job, rawSubscription);
  try {
    return await paced(job, (mailbox, count) => redis.call(args(mailbox, count)), receiver);
  } finally {
    redis.close();
    await receiver.close();
  }
}

async function client(job: FloorJob): Promise<FloorResult> {
  const client = createClient({ url: job.url, RESP: 2 });
  await client.connect();
  const args = scriptArgs(job, String(await client.sendCommand(['SCRIPT', 'LOAD', setManyScript])));
  const receiver = await listen(job, clientSubscription);
  try {
    return await paced(job, (mailbox, count) => client.sendCommand(args(mailbox, count)), receiver);
  } finally {
    await client.close();
    await receiver.close();
  }
}

async function storeSend(job: FloorJob): Promise<FloorResult> {
  const store = await RedisStore.connect({ url: job.url, prefix: job.prefix, maxMailboxes: 100_000 });
  try {
    return await paced(job, (mailbox, count) => store.setShown({ id: `m${mailbox}`, count }));
  } finally {
    await store.close();
  }
}

// ---- receivers ----

/** Counts the channel's change messages and checks each (mailbox, version) arrives once. */
export class Tally {
  readonly #seen = new Set<string>();
  readonly problems: string[] = [];
  received = 0;
  readonly #expected: number;

  constructor(expected: number) {
    this.#expected = expected;
  }

  message(text: string): void {
    const message = parseChangeMessage(text);
    if (!message?.state) this.problem(`a change message without its state: ${text.slice(0, 80)}`);
    for (const { id, version } of message?.state?.boxes ?? []) {
      const key = `${id}@${version}`;
      if (this.#seen.has(key)) this.problem(`${key} arrived twice`);
      this.#seen.add(key);
    }
    this.received += 1;
  }

  get isComplete(): boolean {
    return this.received >= this.#expected;
  }

  check(): string[] {
    if (this.#seen.size !== this.#expected) this.problem(`${this.#seen.size} distinct changes arrived of ${this.#expected}`);
    return this.problems;
  }

  problem(what: string): void {
    if (this.problems.length < 5) this.problems.push(what);
  }
}

/** A subscription to the store's channel: resolves once subscribed, to its closing. */
type Subscribe = (job: FloorJob, onMessage: (text: string) => void) => Promise<() => Promise<void> | void>;

interface Receiver {
  tally: Tally;
  /** Every message in, or 10 s without one. */
  allIn: Promise<void>;
  /** The warm-up's messages in: where a receiver's measured part starts. */
  warm: Promise<void>;
  problems(): string[];
  close(): Promise<void>;
}

async function listen(job: FloorJob, subscribe: Subscribe): Promise<Receiver> {
  const tally = new Tally(job.mailboxes + job.changes);
  let last = performance.now();
  let onWarm: () => void = () => {};
  let onAllIn: () => void = () => {};
  const warm = new Promise<void>((resolve) => { onWarm = resolve; });
  const complete = new Promise<void>((resolve) => { onAllIn = resolve; });
  const close = await subscribe(job, (text) => {
    last = performance.now();
    tally.message(text);
    if (tally.received === job.mailboxes) onWarm();
    if (tally.isComplete) onAllIn();
  });
  const stalled = (async () => {
    while (!tally.isComplete && performance.now() - last < 10_000) await sleep(250);
  })();
  return {
    tally, warm, allIn: Promise.race([complete, stalled]),
    problems: () => tally.check(),
    close: async () => { await close(); },
  };
}

/** A receiver alone, as a second instance is: CPU from the end of the warm-up to the last message. */
async function receiveOnly(job: FloorJob, subscribe: Subscribe): Promise<FloorResult> {
  const receiver = await listen(job, subscribe);
  process.send!({ ready: true });
  await Promise.race([receiver.warm, receiver.allIn]);
  const start = process.cpuUsage();
  await receiver.allIn;
  const used = process.cpuUsage(start);
  await receiver.close();
  return { part: job.part, cpuSeconds: (used.user + used.system) / 1e6, changes: receiver.tally.received - job.mailboxes, problems: receiver.problems() };
}

const rawSubscription: Subscribe = async (job, onMessage) => {
  const redis = await RawRedis.open(job.url);
  await redis.subscribe(keysFor(job.prefix).channel, onMessage);
  return () => redis.close();
};

const clientSubscription: Subscribe = async (job, onMessage) => {
  const subscriber = createClient({ url: job.url, RESP: 2 });
  await subscriber.connect();
  await subscriber.subscribe(keysFor(job.prefix).channel, onMessage);
  return async () => { await subscriber.close(); };
};

// ---- the least a client can be ----

type Resp = string | number | null | Error | Resp[];

/** Reads one RESP2 value from `at`; undefined when the buffer does not hold all of it yet. */
function readResp(buffer: Buffer, at: number): { value: Resp; end: number } | undefined {
  const eol = buffer.indexOf('\r\n', at);
  if (eol < 0) return undefined;
  const head = buffer.toString('latin1', at + 1, eol);
  switch (buffer[at]) {
    case 0x2b: return { value: head, end: eol + 2 }; // +
    case 0x2d: return { value: new Error(head), end: eol + 2 }; // -
    case 0x3a: return { value: Number(head), end: eol + 2 }; // :
    case 0x24: { // $
      const length = Number(head);
      if (length < 0) return { value: null, end: eol + 2 };
      if (buffer.length < eol + 4 + length) return undefined;
      return { value: buffer.toString('utf8', eol + 2, eol + 2 + length), end: eol + 4 + length };
    }
    case 0x2a: { // *
      const items: Resp[] = [];
      let end = eol + 2;
      for (let i = 0; i < Number(head); i++) {
        const item = readResp(buffer, end);
        if (!item) return undefined;
        items.push(item.value);
        end = item.end;
      }
      return { value: items, end };
    }
    default: throw new Error(`not RESP: ${buffer.toString('latin1', at, Math.min(at + 20, buffer.length))}`);
  }
}

const writeResp = (args: readonly string[]) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;

/** One socket to Redis, commands pipelined and answered in order; or, once subscribed, a channel's messages. */
class RawRedis {
  readonly #socket: Socket;
  #buffer: Buffer = Buffer.alloc(0);
  readonly #waiting: Array<{ resolve: (value: Resp) => void; reject: (error: Error) => void }> = [];
  #onPush: ((value: Resp[]) => void) | undefined;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.#read(chunk));
    socket.on('error', (error) => { for (const w of this.#waiting.splice(0)) w.reject(error); });
  }

  static open(url: string): Promise<RawRedis> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port || 6379), hostname, () => resolve(new RawRedis(socket))).once('error', reject);
    });
  }

  call(args: readonly string[]): Promise<Resp> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ resolve, reject });
      this.#socket.write(writeResp(args));
    });
  }

  async subscribe(channel: string, onMessage: (text: string) => void): Promise<void> {
    const subscribed = this.call(['SUBSCRIBE', channel]);
    this.#onPush = ([kind, , text]) => { if (kind === 'message') onMessage(text as string); };
    await subscribed;
  }

  close(): void {
    this.#socket.destroy();
  }

  #read(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    let at = 0;
    for (let item = readResp(this.#buffer, at); item; item = readResp(this.#buffer, at)) {
      at = item.end;
      const { value } = item;
      if (this.#onPush && Array.isArray(value) && value[0] === 'message') this.#onPush(value);
      else if (value instanceof Error) this.#waiting.shift()?.reject(value);
      else this.#waiting.shift()?.resolve(value);
    }
    this.#buffer = this.#buffer.subarray(at);
  }
}

// ---- a part, run as its own process ----

const parts: Record<FloorPart, (job: FloorJob) => Promise<FloorResult>> = {
  pacing: (job) => paced(job, async () => {}),
  raw,
  'raw-receive': (job) => receiveOnly(job, rawSubscription),
  client,
  'client-receive': (job) => receiveOnly(job, clientSubscription),
  store: storeSend,
};

if (process.argv[2] === 'part' && process.send) {
  process.once('message', async (job: FloorJob) => {
    try {
      const result = await parts[job.part](job);
      process.send!({ result }, () => process.exit(0));
    } catch (error) {
      process.stderr.write(`floor part ${job.part}: ${(error as Error).stack}\n`);
      process.exit(1);
    }
  });
}
