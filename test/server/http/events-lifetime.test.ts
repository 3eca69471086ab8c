import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../server/config/server-config.ts';
import { startServer } from '../../../server/run/start.ts';
import { testConfig, tokens, TestServer } from '../../helpers/count-server.ts';
import { EventReader, openEvents } from '../../helpers/event-reader.ts';
import { eventually } from '../../helpers/eventually.ts';
import { FakeTimers } from '../../helpers/fake-timers.ts';
import { startRedis, type TestRedis } from '../../helpers/redis.ts';
import { signToken } from '../../../server/tokens/signed-tokens.ts';

// docs/protocol.md, "Events": heartbeats, slow readers, the token in the address, reloads.
describe('an event stream over its life', () => {
  let server: TestServer | undefined;
  let timers: FakeTimers;
  const readers: EventReader[] = [];
  const sockets: Socket[] = [];
  let redis: TestRedis | undefined;

  async function start(overrides: Record<string, unknown> = {}): Promise<TestServer> {
    timers = new FakeTimers(Date.now());
    server = new TestServer(await startServer({ config: parseConfig(testConfig(overrides)), timers }));
    return server;
  }
  const open = async (token: string | undefined, query = '', headers: Record<string, string> = {}) => {
    const reader = await openEvents(server!.url, token, query, headers);
    readers.push(reader);
    return reader;
  };
  afterEach(async () => {
    for (const reader of readers.splice(0)) await reader.cancel();
    for (const socket of sockets.splice(0)) socket.destroy();
    await server?.stop();
    server = undefined;
    await redis?.stop();
    redis = undefined;
  });

  it('writes a heartbeat comment every 15 s on the server\'s clock, and nothing between', async () => {
    await start();
    const events = await open(tokens.ann);
    await events.nextEvent();
    await eventually(async () => (await server!.heldPolls()) === 1);
    expect(timers.delays()).toEqual([15_000]);
    timers.advance(14_999);
    // A round trip to the server: anything written before it would have arrived by now.
    await server!.counts(tokens.bob);
    expect(events.queued).toEqual([]);
    timers.advance(1);
    expect(await events.next()).toEqual({ kind: 'comment', text: '' });
    timers.advance(15_000);
    expect(await events.next()).toEqual({ kind: 'comment', text: '' });
    // The counts still arrive between heartbeats.
    await server!.setCount('ann', 1);
    expect((await events.nextEvent()).body.mailboxes[0]).toMatchObject({ id: 'ann', count: 1 });
  });

  it('http.events.heartbeatSeconds sets the beat; with no stream open no timer runs', async () => {
    await start({ http: { events: { heartbeatSeconds: 40 } } });
    expect(timers.delays()).toEqual([]);
    const events = await open(tokens.ann);
    await events.nextEvent();
    expect(timers.delays()).toEqual([40_000]);
    await events.cancel();
    await eventually(async () => (await server!.metric('mailtray_event_streams')) === 0);
    expect(timers.delays()).toEqual([]);
  });

  it('a reader that stops reading costs at most one event, not one per change, and is dropped after two heartbeats', async () => {
    // About 1.5 MB per answer: the socket's buffers fill after a few.
    const mailboxes = Array.from({ length: 5000 }, (_, i) => ({ id: `m${i}`, name: `${'n'.repeat(190)}${i}` }));
    await start({ mailboxes, clients: [{ name: 'ops', token: tokens.ops, mailboxes: '*' }] });
    const socket = connect(Number(new URL(server!.url).port), '127.0.0.1');
    sockets.push(socket);
    await once(socket, 'connect');
    socket.write(`GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${tokens.ops}\r\n\r\n`);
    // Read the first bytes, then nothing more.
    await once(socket, 'data');
    socket.pause();
    const changes = 30;
    for (let count = 1; count <= changes; count += 1) await server!.setCount('m0', count);
    // Each event the stream could write was one held poll ended by a change; the rest waited, merged into the next answer.
    const written = await server!.metric('mailtray_polls_ended_total{how="change"}');
    expect(written).toBeLessThan(10);
    expect(await server!.heldPolls()).toBe(0);

    // The first heartbeat finds its buffer full; the second drops it.
    timers.advance(15_000);
    expect(await server!.metric('mailtray_event_streams')).toBe(1);
    timers.advance(15_000);
    await eventually(async () => (await server!.metric('mailtray_event_streams_ended_total{how="slow"}')) === 1);
    expect(await server!.metric('mailtray_event_streams')).toBe(0);
    // Another client is served as ever.
    const events = await open(tokens.ops, '?delta=1');
    expect((await events.nextEvent()).body.mailboxes.find((m) => m.id === 'm0')?.count).toBe(changes);
  });

  it('takes the token as ?access_token= only when http.events.queryToken is on, and never beside Authorization', async () => {
    await start({ http: { events: { queryToken: true } } });
    const events = await open(undefined, `?access_token=${tokens.ann}`);
    expect(events.response.status).toBe(200);
    expect((await events.nextEvent()).body.mailboxes.map((m) => m.id)).toEqual(['ann', 'ann-work']);
    const both = await fetch(`${server!.url}/v1/events?access_token=${tokens.ann}`, { headers: { Authorization: `Bearer ${tokens.ann}` } });
    expect(both.status).toBe(400);
    expect(await both.json()).toMatchObject({ error: { message: 'send the token once: in Authorization or in access_token, not both' } });
    const unknown = await fetch(`${server!.url}/v1/events?access_token=not-a-token-of-this-server`);
    expect(unknown.status).toBe(401);
    // Only the stream takes it: a poll still needs the header.
    expect((await fetch(`${server!.url}/v1/counts?access_token=${tokens.ann}`)).status).toBe(401);
  });

  it('a reload that removes the client ends its stream, and the reconnect is refused with 401', async () => {
    await start();
    const events = await open(tokens.bob);
    await events.nextEvent();
    await eventually(async () => (await server!.heldPolls()) === 1);
    const without = testConfig();
    without.clients = (without.clients as Array<{ name: string }>).filter((c) => c.name !== 'bob-laptop');
    await server!.server.reload(parseConfig(without));
    await events.done;
    expect(events.failure).toBeUndefined();
    expect(await server!.metric('mailtray_event_streams_ended_total{how="access-changed"}')).toBe(1);
    expect((await fetch(`${server!.url}/v1/events`, { headers: { Authorization: `Bearer ${tokens.bob}` } })).status).toBe(401);
  });

  it('a stream whose signed token expires ends at its next poll, saying why in a comment; the reconnect hears 401', async () => {
    const secret = 'a-signing-key-of-this-test-0123456789abcdefghijklmnop';
    await start({ signedTokens: { keys: [{ id: 'k1', secret }] }, limits: { maxWaitSeconds: 1 } });
    const { token } = signToken({ id: 'k1', secret: Buffer.from(secret) }, { name: 'ann', mailboxes: ['ann'], exp: Math.floor(Date.now() / 1000) + 2 });
    const events = await open(token);
    expect((await events.nextEvent()).body.mailboxes.map((m) => m.id)).toEqual(['ann']);
    // Each held poll of the stream waits 1 s (limits.maxWaitSeconds), then the token is checked again.
    expect(await events.next()).toEqual({ kind: 'comment', text: 'this token has expired; ask for a new one' });
    await events.done;
    expect(events.failure).toBeUndefined();
    expect(await server!.metric('mailtray_event_streams_ended_total{how="refused"}')).toBe(1);
    expect((await fetch(`${server!.url}/v1/events`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('stays open and quiet while Redis is away, and goes on with the next change once it is back', async () => {
    redis = await startRedis();
    await start({ store: { type: 'redis', url: redis.url, prefix: 'events:' }, limits: { maxWaitSeconds: 1 } });
    const events = await open(tokens.ann);
    await events.nextEvent();
    await redis.kill();
    // The held poll runs out (1 s); the next finds Redis away and is asked again in 2 s, on the server's clock.
    await eventually(() => timers.delays().includes(2000));
    expect(events.isDone).toBe(false);
    await redis.restart();
    timers.advance(2000);
    await eventually(async () => (await server!.heldPolls()) === 1);
    await server!.setCount('ann', 8);
    expect((await events.nextEvent()).body.mailboxes[0]).toMatchObject({ id: 'ann', count: 8 });
    expect(await server!.metric('mailtray_event_streams_ended_total{how="failed"}')).toBe(0);
  });
});
