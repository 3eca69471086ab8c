import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../../helpers/eventually.ts';
import { tokens, type TestServer } from '../../helpers/count-server.ts';
import { EventReader, openEvents } from '../../helpers/event-reader.ts';
import { protocolRuns, useStore } from '../../helpers/stores.ts';

const countOf = (body: { mailboxes: Array<{ id: string; count: number }> }, id: string) => body.mailboxes.find((m) => m.id === id)?.count;

// docs/protocol.md, "Events": the same answers as GET /v1/counts, as a stream.
describe.each(protocolRuns)('GET /v1/events on the %s store, via %s', (kind, httpPath) => {
  const stores = useStore(kind, httpPath);
  let server: TestServer;
  const readers: EventReader[] = [];
  const open = async (token: string | undefined, query = '', headers: Record<string, string> = {}) => {
    const reader = await openEvents(server.url, token, query, headers);
    readers.push(reader);
    return reader;
  };
  /** Waits until the server holds `n` polls: a change made next then lands on a held poll. */
  const waitUntilHeld = (n: number) => eventually(async () => (await server.heldPolls()) === n);
  beforeEach(async () => { server = await stores.start(); });
  afterEach(async () => {
    for (const reader of readers.splice(0)) await reader.cancel();
    await server.stop();
  });

  it('sends the current state first, as an event whose id is its cursor, then one event per change', async () => {
    await server.setCount('ann', 2);
    const now = await server.counts(tokens.ann);
    const events = await open(tokens.ann);
    expect(events.response.status).toBe(200);
    expect(events.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(events.response.headers.get('cache-control')).toBe('no-store');
    const first = await events.nextEvent();
    expect(first.id).toBe(now.cursor);
    expect(first.body).toEqual(now);

    await waitUntilHeld(1);
    await server.setCount('ann', 3);
    const second = await events.nextEvent();
    expect(countOf(second.body, 'ann')).toBe(3);
    expect(second.id).toBe(second.body.cursor);
    expect(second.id).toBe((await server.counts(tokens.ann)).cursor);
    await waitUntilHeld(1);
    await server.setCount('ann-work', 1);
    expect(countOf((await events.nextEvent()).body, 'ann-work')).toBe(1);
  });

  it('a change the token cannot see sends nothing, and a count set to its value sends nothing', async () => {
    await server.setCount('ann', 1);
    const events = await open(tokens.ann);
    await events.nextEvent();
    await waitUntilHeld(1);
    await server.setCount('bob', 7);
    await server.setCount('ann', 1);
    await server.setCount('ann', 2);
    const next = await events.nextEvent();
    // The first event after the state is the one change ann can see.
    expect(countOf(next.body, 'ann')).toBe(2);
    expect(JSON.stringify(next.body)).not.toContain('bob');
  });

  it('a reconnect with Last-Event-ID resumes as since= would: the current state if it moved, nothing until a change if not', async () => {
    const events = await open(tokens.ann);
    const { id } = await events.nextEvent();
    await events.cancel();
    await server.setCount('ann', 5);
    await server.setCount('ann', 6);
    // Moved since: the current state at once, with the cursor a poll would give.
    const resumed = await open(tokens.ann, '', { 'Last-Event-ID': id! });
    const caughtUp = await resumed.nextEvent();
    expect(countOf(caughtUp.body, 'ann')).toBe(6);
    expect(caughtUp.id).toBe((await server.counts(tokens.ann, `?since=${id}&wait=0`)).cursor);
    await resumed.cancel();

    // Not moved: held like a poll with that cursor, and the next event is the next change.
    const current = await open(tokens.ann, '', { 'Last-Event-ID': caughtUp.id! });
    await waitUntilHeld(1);
    expect(current.queued).toEqual([]);
    await server.setCount('ann', 7);
    const next = await current.nextEvent();
    expect(countOf(next.body, 'ann')).toBe(7);
  });

  it('Last-Event-ID wins over the since in the address, which an EventSource keeps sending as it was', async () => {
    const { cursor: old } = await server.counts(tokens.ann);
    await server.setCount('ann', 1);
    const { cursor: current } = await server.counts(tokens.ann);
    const events = await open(tokens.ann, `?since=${old}`, { 'Last-Event-ID': current });
    await waitUntilHeld(1);
    expect(events.queued).toEqual([]);
    const withSince = await open(tokens.ann, `?since=${old}`);
    expect((await withSince.nextEvent()).id).toBe(current);
  });

  it('with delta=1: the whole state first, then only the mailboxes that changed, and a sealed cursor that resumes as a delta', async () => {
    const events = await open(tokens.ops, '?delta=1');
    const first = await events.nextEvent();
    expect(first.body.delta).toBe(false);
    expect(first.body.mailboxes.map((m) => m.id)).toEqual(['ann', 'ann-work', 'bob']);
    await waitUntilHeld(1);
    await server.setCount('bob', 4);
    const second = await events.nextEvent();
    expect(second.body).toMatchObject({ delta: true, mailboxes: [{ id: 'bob', count: 4 }] });
    expect(second.id!.split('.')).toHaveLength(3);
    await events.cancel();

    await server.setCount('ann', 9);
    const resumed = await open(tokens.ops, '?delta=1', { 'Last-Event-ID': second.id! });
    expect((await resumed.nextEvent()).body).toMatchObject({ delta: true, mailboxes: [{ id: 'ann', count: 9 }] });
  });

  it('is refused with the protocol\'s errors before the stream opens: no token, an ingest token, a cursor it never made', async () => {
    const refusals = [
      [await fetch(`${server.url}/v1/events`), 401, 'unauthorized'],
      [await fetch(`${server.url}/v1/events`, { headers: { Authorization: `Bearer ${tokens.ingest}` } }), 403, 'forbidden'],
      [await fetch(`${server.url}/v1/events`, { headers: { Authorization: `Bearer ${tokens.ann}`, 'Last-Event-ID': 'nonsense' } }), 400, 'bad_request'],
      [await fetch(`${server.url}/v1/events?access_token=${tokens.ann}`), 400, 'bad_request'],
      [await fetch(`${server.url}/v1/events`, { method: 'HEAD', headers: { Authorization: `Bearer ${tokens.ann}` } }), 405, undefined],
    ] as const;
    for (const [response, status, code] of refusals) {
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      if (code) expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    expect(await server.metric('mailtray_event_streams')).toBe(0);
  });

  it('a stream counts as a held poll against its token\'s limit, from its first event to its end', async () => {
    await server.stop();
    server = await stores.start({ limits: { heldPollsPerToken: 2 } });
    const one = await open(tokens.ann);
    const two = await open(tokens.ann);
    // Between events neither holds a poll; each still keeps its place.
    await one.nextEvent();
    await two.nextEvent();
    const third = await fetch(`${server.url}/v1/events`, { headers: { Authorization: `Bearer ${tokens.ann}` } });
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('10');
    expect((await server.poll(tokens.ann, `?since=${(await server.counts(tokens.ann)).cursor}&wait=5`)).status).toBe(429);
    // Another token is not affected.
    const bobs = await open(tokens.bob);
    await bobs.nextEvent();
    expect(await server.metric('mailtray_event_streams')).toBe(3);

    await one.cancel();
    await eventually(async () => (await server.metric('mailtray_event_streams_ended_total{how="gone"}')) === 1);
    const again = await open(tokens.ann);
    expect(again.response.status).toBe(200);
  });

  it('ends every stream cleanly when the server stops, so the client reconnects; nothing is left held', async () => {
    const events = await open(tokens.ann);
    await events.nextEvent();
    await waitUntilHeld(1);
    await server.stop();
    await events.done;
    // Ended with the stream's last chunk, not cut: EventSource reconnects after a clean end.
    expect(events.failure).toBeUndefined();
    expect(events.queued).toEqual([]);
    server = await stores.start();
  });
});
