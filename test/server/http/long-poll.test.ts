import { eventually } from '../../helpers/eventually.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readWait } from '../../../server/http/counts-poll.ts';
import { parseConfig } from '../../../server/config/server-config.ts';
import { testConfig, tokens, type CountsBody, type TestServer } from '../../helpers/count-server.ts';
import { protocolRuns, useStore } from '../../helpers/stores.ts';
import { parseCursor } from '../../../server/store/cursor.ts';
import { setOne } from '../../../server/store/store.ts';

const countOf = (body: CountsBody, id: string) => body.mailboxes.find((m) => m.id === id)?.count;

describe.each(protocolRuns)('the protocol on the %s store, via %s', (kind, httpPath) => {
  const stores = useStore(kind, httpPath);
  const startTestServer = (overrides: Record<string, unknown> = {}) => stores.start(overrides);
  let server: TestServer;
  beforeEach(async () => { server = await startTestServer(); });
  /** Waits for polls to be held, so that a change made next lands on a held poll, not before it. */
  const waitUntilHeld = (n: number) => eventually(async () => (await server.heldPolls()) === n);
  /** How many held polls ended by a change and by their wait running out, as /metrics counts them. */
  const endedBy = async () => ({
    change: await server.metric('mailtray_polls_ended_total{how="change"}'),
    timeout: await server.metric('mailtray_polls_ended_total{how="timeout"}'),
  });
  afterEach(async () => { await server.stop(); });

  // docs/protocol.md, "Watching counts": "When a poll is answered", "The cursor" and "Every answer" (no-store).
  describe('GET /v1/counts', () => {
    it('answers at once without since, with every mailbox of the token, pending until counted', async () => {
      const body = await server.counts(tokens.ann);
      expect(body.mailboxes.map((m) => [m.id, m.name, m.count, m.state])).toEqual([
        ['ann', 'Ann', 0, 'pending'],
        ['ann-work', 'Ann (work)', 0, 'pending'],
      ]);
      // Nothing counted yet: version 0 (a cluster's cursor names its parts too, all 0).
      expect(parseCursor(body.cursor)?.version).toBe(0);
    });

    // How fast is for the benchmark (npm run bench); here: answered by the change, not by its wait running out.
    it('a poll held when the count changes is answered by the change, with the new count, not at the end of its wait', async () => {
      const { cursor } = await server.counts(tokens.ann);
      const held = server.counts(tokens.ann, `?since=${cursor}&wait=60`);
      await eventually(async () => (await server.metric('mailtray_held_polls')) === 1);
      await server.setCount('ann', 4);
      const body = await held;
      expect(await server.metric('mailtray_polls_ended_total{how="change"}')).toBe(1);
      expect(await server.metric('mailtray_polls_ended_total{how="timeout"}')).toBe(0);
      expect(countOf(body, 'ann')).toBe(4);
      expect(body.mailboxes.find((m) => m.id === 'ann')?.state).toBe('ok');
      expect(body.cursor).not.toBe(cursor);
    });

    it('a held poll is not answered when another token\'s mailbox changes', async () => {
      const { cursor } = await server.counts(tokens.ann);
      const held = server.counts(tokens.ann, `?since=${cursor}&wait=1`);
      await waitUntilHeld(1);
      await server.setCount('bob', 7);
      const body = await held;
      // Its wait ran out: the server counts how each held poll ended, and a change did not end this one.
      expect(await endedBy()).toEqual({ change: 0, timeout: 1 });
      expect(body.cursor).toBe(cursor);
      expect(body.mailboxes.map((m) => m.id)).not.toContain('bob');
    });

    it('a timeout answers 200 with the same cursor', async () => {
      const { cursor } = await server.counts(tokens.ann);
      const started = Date.now();
      const response = await server.poll(tokens.ann, `?since=${cursor}&wait=1`);
      expect(response.status).toBe(200);
      expect(await endedBy()).toEqual({ change: 0, timeout: 1 });
      // A lower bound only: a busy machine makes it longer, never shorter.
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
      expect(((await response.json()) as CountsBody).cursor).toBe(cursor);
    });

    it('5 -> 6 -> 5 between two polls moves the cursor, so the client is answered at once', async () => {
      await server.setCount('ann', 5);
      const { cursor } = await server.counts(tokens.ann);
      await server.setCount('ann', 6);
      await server.setCount('ann', 5);
      const body = await server.counts(tokens.ann, `?since=${cursor}&wait=10`);
      // Answered without being held: not by a change, and not by its wait running out (that answers the cursor sent).
      expect(await endedBy()).toEqual({ change: 0, timeout: 0 });
      expect(body.cursor).not.toBe(cursor);
      expect(countOf(body, 'ann')).toBe(5);
    });

    it('a cursor from another epoch (a server restart) is answered at once', async () => {
      await server.setCount('ann', 2);
      const { cursor } = await server.counts(tokens.ann);
      await server.stop();
      server = await startTestServer();
      await server.setCount('ann', 3);
      await server.setCount('ann', 2); // same version number as before the restart, other epoch
      const body = await server.counts(tokens.ann, `?since=${cursor}&wait=10`);
      expect(await endedBy()).toEqual({ change: 0, timeout: 0 });
      expect(countOf(body, 'ann')).toBe(2);
      expect(body.cursor).not.toBe(cursor);
    });

    it('setting a count to the value it has wakes nobody and keeps the cursor', async () => {
      await server.setCount('ann', 3);
      const { cursor } = await server.counts(tokens.ann);
      const held = server.counts(tokens.ann, `?since=${cursor}&wait=1`);
      await waitUntilHeld(1);
      const response = await server.put('ann', { count: 3 });
      expect(await response.json()).toMatchObject({ changed: false });
      expect((await held).cursor).toBe(cursor);
      expect(await endedBy()).toEqual({ change: 0, timeout: 1 });
    });

    it('a renamed mailbox or a changed state moves the cursor like a count does', async () => {
      await server.setCount('ann', 1);
      const first = await server.counts(tokens.ann);
      await server.put('ann', { count: 1, name: 'Ann (home)' });
      const renamed = await server.counts(tokens.ann, `?since=${first.cursor}&wait=5`);
      expect(renamed.mailboxes[0]!.name).toBe('Ann (home)');
      expect(renamed.cursor).not.toBe(first.cursor);
      await setOne(server.server.store, { id: 'ann', state: 'error', error: 'IMAP login failed' });
      const failed = await server.counts(tokens.ann, `?since=${renamed.cursor}&wait=5`);
      expect(failed.mailboxes[0]).toMatchObject({ state: 'error', error: 'IMAP login failed', count: 1 });
    });

    it('a reload that renames a mailbox answers its held polls at once with the new name and a new cursor', async () => {
      const first = await server.counts(tokens.ann);
      const held = server.counts(tokens.ann, `?since=${first.cursor}&wait=8`);
      await eventually(async () => (await server.metric('mailtray_held_polls')) === 1);
      const renamedAt = Date.now();
      await server.server.reload(parseConfig(testConfig({
        ...stores.config(),
        mailboxes: [{ id: 'ann', name: 'Ann (home)' }, { id: 'ann-work', name: 'Ann (work)' }, { id: 'bob', name: 'Bob' }],
      })));
      const body = await held;
      expect(Date.now() - renamedAt).toBeLessThan(5000);
      expect(body.mailboxes.map((m) => m.name)).toEqual(['Ann (home)', 'Ann (work)']);
      expect(body.cursor).not.toBe(first.cursor);
      // The new cursor is the current one: a poll with it is held, not answered again.
      expect((await server.poll(tokens.ann, `?since=${body.cursor}&wait=0.3`).then((r) => r.json()) as CountsBody).cursor).toBe(body.cursor);
    });

    it('a change that lands while polls are being registered still answers every one of them', async () => {
      await server.stop();
      server = await startTestServer({ limits: { heldPollsPerToken: 100 } });
      const { cursor } = await server.counts(tokens.ops);
      // Fire polls and changes interleaved: none may be left waiting for the full wait.
      const polls = Array.from({ length: 50 }, () => server.counts(tokens.ops, `?since=${cursor}&wait=20`));
      const puts = Array.from({ length: 5 }, (_, i) => server.setCount('bob', i + 1));
      const answers = await Promise.all(polls);
      await Promise.all(puts);
      // A poll left waiting would have been answered by its 20 s wait, with the cursor it sent.
      for (const answer of answers) expect(answer.cursor).not.toBe(cursor);
      expect((await endedBy()).timeout).toBe(0);
    });

    it('a token with "*" sees mailboxes created by ingest, and a listed token never learns of them', async () => {
      await server.setCount('carol', 9);
      const all = await server.counts(tokens.ops);
      expect(all.mailboxes.map((m) => m.id)).toContain('carol');
      const ann = await server.counts(tokens.ann);
      // The ids, not the whole text: the random base-36 cursor can spell a name.
      expect(ann.mailboxes.map((m) => m.id)).not.toContain('carol');
    });

    it('the 17th held poll of one token gets 429 with Retry-After, other tokens are unaffected', async () => {
      const { cursor } = await server.counts(tokens.ann);
      const controllers = Array.from({ length: 16 }, () => new AbortController());
      const held = controllers.map((c) => server.poll(tokens.ann, `?since=${cursor}&wait=30`, { signal: c.signal }).catch(() => undefined));
      await eventually(async () => (await server.metric('mailtray_held_polls')) === 16);
      const refused = await server.poll(tokens.ann, `?since=${cursor}&wait=30`);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await refused.json()).toMatchObject({ error: { code: 'too_many_polls' } });
      const bob = await server.counts(tokens.bob);
      const bobPoll = server.poll(tokens.bob, `?since=${bob.cursor}&wait=0.2`);
      expect((await bobPoll).status).toBe(200);
      for (const c of controllers) c.abort();
      await Promise.all(held);
    });

    it('a client that goes away frees its held poll at once (seen in /metrics)', async () => {
      const { cursor } = await server.counts(tokens.ann);
      const controller = new AbortController();
      const held = server.poll(tokens.ann, `?since=${cursor}&wait=60`, { signal: controller.signal }).catch(() => 'aborted');
      await eventually(async () => (await server.metric('mailtray_held_polls')) === 1);
      controller.abort();
      expect(await held).toBe('aborted');
      await eventually(async () => (await server.metric('mailtray_held_polls')) === 0);
      expect(await server.metric('mailtray_polls_ended_total{how="gone"}')).toBe(1);
    });

    it('wait=0 answers at once, with the same cursor', async () => {
      const { cursor } = await server.counts(tokens.ann);
      const now = await server.poll(tokens.ann, `?since=${cursor}&wait=0`);
      expect(now.status).toBe(200);
      expect(((await now.json()) as CountsBody).cursor).toBe(cursor);
    });

    it('a wait above the server\'s limit is clamped to it rather than refused', async () => {
      // A server whose limit is 1 s: a poll asking for 500 s is held 1 s, then answered as a timeout.
      const strict = await startTestServer({ limits: { maxWaitSeconds: 1 } });
      try {
        const { cursor } = await strict.counts(tokens.ann);
        const started = performance.now();
        const answer = await strict.poll(tokens.ann, `?since=${cursor}&wait=500`);
        const heldMs = performance.now() - started;
        expect(answer.status).toBe(200);
        expect(((await answer.json()) as CountsBody).cursor).toBe(cursor);
        expect(await strict.metric('mailtray_polls_ended_total{how="timeout"}')).toBe(1);
        // Held for the limit: not answered at once, and not held anywhere near 500 s.
        expect(heldMs).toBeGreaterThanOrEqual(950);
        expect(heldMs).toBeLessThan(30_000);
      } finally {
        await strict.stop();
      }
    });

    it.each([
      [undefined, 120, 30],
      [undefined, 10, 10],
      ['0', 120, 0],
      ['2.5', 120, 2.5],
      ['120', 120, 120],
      ['121', 120, 120],
      ['500', 120, 120],
      ['500', 1, 1],
    ])('wait=%s with a limit of %i s holds a poll %f s', (wait, limit, seconds) => {
      expect(readWait(wait, limit)).toBe(seconds);
    });

    it.each(['-1', 'abc', '', '1e3', 'Infinity'])('wait=%j is refused with a sentence', (wait) => {
      expect(() => readWait(wait, 120)).toThrow('wait must be a number of seconds from 0 to 120');
    });

    it('every answer says Cache-Control: no-store', async () => {
      for (const path of ['/v1/counts', '/healthz', '/metrics', '/nope']) {
        const response = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${tokens.ann}` } });
        expect(response.headers.get('cache-control'), path).toBe('no-store');
      }
    });
  });

  // docs/protocol.md, "Delta answers (opt-in)" and "The sealed delta cursor".
  describe('delta answers (delta=1)', () => {
    const delta = (token: string, query = '') => server.counts(token, `?delta=1${query}`) as Promise<CountsBody & { delta: boolean }>;

    it('start with the whole state, then answer only the mailboxes that changed, with an exact cursor', async () => {
      const first = await delta(tokens.ops);
      expect(first.delta).toBe(false);
      expect(first.mailboxes.map((m) => m.id)).toEqual(['ann', 'ann-work', 'bob']);
      const held = delta(tokens.ops, `&since=${first.cursor}&wait=20`);
      await waitUntilHeld(1);
      await server.setCount('ann-work', 3);
      const next = await held;
      expect(next.delta).toBe(true);
      expect(next.mailboxes.map((m) => [m.id, m.count])).toEqual([['ann-work', 3]]);
      // Nothing changed since: held, and a timeout answers the same cursor with nothing in it.
      const started = Date.now();
      const quiet = await delta(tokens.ops, `&since=${next.cursor}&wait=1`);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(quiet).toEqual({ cursor: next.cursor, delta: true, mailboxes: [] });
    });

    // docs/protocol.md, "Folders of a mailbox": the breakdown travels in whole and delta answers alike, and a change in it alone wakes a poll.
    it('carry a mailbox\'s folders, and a mail moved between two of its folders answers a held delta poll', async () => {
      const folders = [{ name: 'INBOX', count: 1 }, { name: '받은편지함', count: 2 }];
      await setOne(server.server.store, { id: 'ann-work', count: 3, folders });
      const first = await server.counts(tokens.ops);
      expect(first.mailboxes.find((m) => m.id === 'ann-work')).toMatchObject({ count: 3, folders });
      expect(first.mailboxes.find((m) => m.id === 'bob')).not.toHaveProperty('folders');
      const { cursor } = await delta(tokens.ops);
      const held = delta(tokens.ops, `&since=${cursor}&wait=20`);
      await waitUntilHeld(1);
      const moved = [{ name: 'INBOX', count: 2 }, { name: '받은편지함', count: 1 }];
      await setOne(server.server.store, { id: 'ann-work', count: 3, folders: moved });
      const next = await held;
      expect(next.mailboxes).toEqual([expect.objectContaining({ id: 'ann-work', count: 3, folders: moved })]);
    });

    it('a change a client cannot see neither answers its delta poll nor appears in the next delta', async () => {
      const first = await delta(tokens.ann);
      const held = delta(tokens.ann, `&since=${first.cursor}&wait=20`);
      // A poll that does see bob: once it is answered, bob's change has woken whoever it wakes.
      const ops = await delta(tokens.ops);
      const witness = delta(tokens.ops, `&since=${ops.cursor}&wait=20`);
      await waitUntilHeld(2);
      await server.setCount('bob', 7);
      expect((await witness).mailboxes.map((m) => m.id)).toEqual(['bob']);
      expect(await server.heldPolls()).toBe(1);
      expect(await endedBy()).toEqual({ change: 1, timeout: 0 });
      await server.setCount('ann', 2);
      const next = await held;
      expect(next.mailboxes.map((m) => [m.id, m.count])).toEqual([['ann', 2]]);
    });

    it('5 -> 6 -> 5 between polls is still a change, answered at once', async () => {
      await server.setCount('ann', 5);
      const { cursor } = await delta(tokens.ann);
      await server.setCount('ann', 6);
      await server.setCount('ann', 5);
      const next = await delta(tokens.ann, `&since=${cursor}&wait=10`);
      expect(next.delta).toBe(true);
      expect(next.mailboxes.map((m) => [m.id, m.count])).toEqual([['ann', 5]]);
      expect(next.cursor).not.toBe(cursor);
    });

    it('a cursor of a plain answer gets the whole state once, and the cursor to continue with', async () => {
      const plain = await server.counts(tokens.ann);
      await server.setCount('ann', 1);
      const next = await delta(tokens.ann, `&since=${plain.cursor}`);
      expect(next.delta).toBe(false);
      expect(next.mailboxes).toHaveLength(2);
      expect(next.cursor.split('.')).toHaveLength(3);
    });

    it('a delta cursor keeps the server\'s count of changes to itself, and is good only for the token it was given to', async () => {
      const thirdPart = (cursor: string) => cursor.split('.')[2]!;
      const [ann, ops] = [await delta(tokens.ann), await delta(tokens.ops)];
      for (const count of [1, 2, 3]) await server.setCount('bob', count);
      const annLater = await delta(tokens.ann);
      // No number that grows with every change the server sees; two clients at one moment get different texts.
      for (const { cursor } of [ann, ops, annLater]) expect(thirdPart(cursor)).not.toMatch(/^[0-9]+$/);
      expect(thirdPart(ann.cursor)).not.toBe(thirdPart(ops.cursor));
      // Ann's own cursor still opens: bob's changes are not hers, so the delta is empty.
      expect(await delta(tokens.ann, `&since=${ann.cursor}&wait=0`)).toMatchObject({ delta: true, mailboxes: [] });
      // Given by another token, or spelled by hand, it is not a cursor the server made for that poll.
      const refused = [
        await server.poll(tokens.ops, `?delta=1&since=${ann.cursor}`),
        await server.poll(tokens.ann, `?delta=1&since=${ann.cursor.replace(/\.[^.]+$/, `.${'A'.repeat(22)}`)}`),
      ];
      expect(refused.map((r) => r.status)).toEqual([400, 400]);
      expect(await refused[0]!.json()).toMatchObject({ error: { message: expect.stringContaining('not a cursor this server gave this token') } });
    });

    it('delta=2 is refused with a sentence', async () => {
      const response = await server.poll(tokens.ann, '?delta=2');
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining('delta must be 1') } });
    });
  });

  // docs/protocol.md, "Setting counts".
  describe('POST /v1/counts', () => {
    it('sets many counts at once and wakes a watcher once with all of them', async () => {
      const { cursor } = await server.counts(tokens.ann);
      const held = server.counts(tokens.ann, `?since=${cursor}&wait=10`);
      await waitUntilHeld(1);
      const response = await fetch(`${server.url}/v1/counts`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${tokens.ingest}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ mailboxes: [{ id: 'ann', count: 2 }, { id: 'ann-work', count: 5 }, { id: 'bob', count: 1 }] }),
      });
      expect(await response.json()).toEqual({ changed: ['ann', 'ann-work', 'bob'] });
      const body = await held;
      expect([countOf(body, 'ann'), countOf(body, 'ann-work')]).toEqual([2, 5]);
    });
  });
});
