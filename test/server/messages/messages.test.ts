import { afterEach, describe, expect, it } from 'vitest';
import { tokens, type TestServer } from '../../helpers/count-server.ts';
import { eventually } from '../../helpers/eventually.ts';
import { protocolRuns, useStore } from '../../helpers/stores.ts';

let server: TestServer;
afterEach(async () => { await server?.stop(); });

interface Message { id: string; from: string; subject: string; date?: string }
interface Body { cursor: string; mailboxes: Array<{ id: string; count: number; messages?: Message[] }> }

const lunch = { id: 'm1', from: 'Alice Smith <alice@example.com>', subject: 'Lunch tomorrow?', date: '2026-11-21T08:55:00Z' };
const messagesOf = (body: Body, id: string) => body.mailboxes.find((m) => m.id === id)?.messages;

async function counts(token: string, query = ''): Promise<Body> {
  const response = await server.poll(token, query);
  expect(response.status).toBe(200);
  return (await response.json()) as Body;
}

function markRead(id: string, body: unknown, token = tokens.ann): Promise<Response> {
  return fetch(`${server.url}/v1/mailboxes/${id}/read`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe.each(protocolRuns)('on the %s store, via %s', (kind, httpPath) => {
  const stores = useStore(kind, httpPath);
  const startTestServer = (overrides: Record<string, unknown> = {}) => stores.start(overrides);

  // docs/protocol.md, "The newest unseen messages and mark as read".
  describe('messages pushed with a count', () => {
    it('a held poll is answered with the sender and subject of a pushed message', async () => {
      server = await startTestServer();
      const { cursor } = await counts(tokens.ann);
      const held = counts(tokens.ann, `?since=${cursor}&wait=20`);
      await eventually(async () => (await server.heldPolls()) === 1);
      expect((await server.put('ann', { count: 1, messages: [lunch] })).status).toBe(200);
      expect(messagesOf(await held, 'ann')).toEqual([{ ...lunch, date: '2026-11-21T08:55:00.000Z' }]);
    });

    it('a change in messages alone moves the cursor; the same list again does not', async () => {
      server = await startTestServer();
      await server.put('ann', { count: 1, messages: [lunch] });
      const first = await counts(tokens.ann);
      await server.put('ann', { count: 1, messages: [lunch] });
      expect((await counts(tokens.ann)).cursor).toBe(first.cursor);
      await server.put('ann', { count: 1, messages: [{ ...lunch, id: 'm2', subject: 'Dinner?' }] });
      const second = await counts(tokens.ann, `?since=${first.cursor}&wait=5`);
      expect(second.cursor).not.toBe(first.cursor);
      expect(messagesOf(second, 'ann')?.map((m) => m.subject)).toEqual(['Dinner?']);
    });

    it('a PUT without messages keeps the known ones; an empty list clears them', async () => {
      server = await startTestServer();
      await server.put('ann', { count: 2, messages: [lunch] });
      await server.put('ann', { count: 3 });
      expect(messagesOf(await counts(tokens.ann), 'ann')).toHaveLength(1);
      await server.put('ann', { count: 0, messages: [] });
      expect(messagesOf(await counts(tokens.ann), 'ann')).toEqual([]);
    });

    it('a mailbox no source knows messages for carries none', async () => {
      server = await startTestServer();
      await server.setCount('ann', 4);
      expect((await counts(tokens.ann)).mailboxes.every((m) => !('messages' in m))).toBe(true);
    });

    it('pushed text is decoded, flattened and bounded to 200 characters', async () => {
      server = await startTestServer();
      await server.put('ann', { count: 1, messages: [{
        id: 'm1',
        from: '=?ISO-8859-1?Q?Andr=E9_Pirard?= <andre@example.com>',
        subject: `=?UTF-8?B?R3LDvMOfZQ==?= aus\r\n\tK\u00f6ln\u0007\u202e ${'x'.repeat(10_000)}`,
      }] });
      const [message] = messagesOf(await counts(tokens.ann), 'ann')!;
      expect(message!.from).toBe('André Pirard <andre@example.com>');
      expect(message!.subject.startsWith('Grüße aus Köln xxx')).toBe(true);
      expect([...message!.subject]).toHaveLength(200);
      expect([...message!.subject].some((c) => c.charCodeAt(0) < 0x20 || c === '\u202e')).toBe(false);
    });

    it('POST /v1/counts takes messages per mailbox, and keeps the newest limits.messagesPerMailbox', async () => {
      server = await startTestServer({ limits: { messagesPerMailbox: 2 } });
      const many = [1, 2, 3].map((n) => ({ id: `m${n}`, from: `n${n}@example.com`, subject: `number ${n}` }));
      const response = await fetch(`${server.url}/v1/counts`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${tokens.ingest}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ mailboxes: [{ id: 'ann', count: 3, messages: many }, { id: 'bob', count: 1 }] }),
      });
      expect(response.status).toBe(200);
      expect(messagesOf(await counts(tokens.ann), 'ann')?.map((m) => m.id)).toEqual(['m1', 'm2']);
    });

    it('a client with "messages": false gets counts only', async () => {
      server = await startTestServer({
        clients: [
          { name: 'ann-laptop', token: tokens.ann, mailboxes: ['ann'] },
          { name: 'ops', token: tokens.ops, mailboxes: '*', messages: false },
        ],
      });
      await server.put('ann', { count: 1, messages: [lunch] });
      expect(messagesOf(await counts(tokens.ann), 'ann')).toHaveLength(1);
      const ops = await counts(tokens.ops);
      expect(ops.mailboxes.find((m) => m.id === 'ann')?.count).toBe(1);
      expect(JSON.stringify(ops)).not.toContain('Lunch');
    });

    it.each([
      ['a message without an id', [{ from: 'a@example.com' }], /messages\[0\] is missing "id"/],
      ['an id with a space', [{ id: 'a b', from: 'a@example.com' }], /messages\[0\]\.id is not valid: a message id is/],
      ['the same id twice', [lunch, lunch], /messages\[1\]\.id: "m1" is given twice/],
      ['a date that is no time', [{ ...lunch, date: 'yesterday' }], /messages\[0\]\.date is not a time/],
      ['a body field', [{ ...lunch, body: 'hi' }], /unknown field "body"/],
    ])('%s is refused with 400 and a reason, and nothing is stored', async (_what, messages, reason) => {
      server = await startTestServer();
      const response = await server.put('ann', { count: 1, messages });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(reason);
      expect((await counts(tokens.ann)).mailboxes.find((m) => m.id === 'ann')?.count).toBe(0);
    });
  });

  // docs/protocol.md, "Marking read".
  describe('POST /v1/mailboxes/<id>/read refusals', () => {
    const canMark = { clients: [
      { name: 'ann-laptop', token: tokens.ann, mailboxes: ['ann', 'ann-work'], canMarkRead: true },
      { name: 'bob-laptop', token: tokens.bob, mailboxes: ['bob'] },
    ] };

    it('a client without canMarkRead gets 403 saying so', async () => {
      server = await startTestServer(canMark);
      const response = await markRead('bob', { all: true }, tokens.bob);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('gives it no \\"canMarkRead\\": true');
    });

    it('a mailbox whose counts are pushed gets 403 saying nothing here can mark it', async () => {
      server = await startTestServer(canMark);
      expect((await counts(tokens.ann)).mailboxes.some((m) => 'canMarkRead' in m)).toBe(false);
      const response = await markRead('ann', { messages: ['m1'] });
      expect(response.status).toBe(403);
      expect(await response.text()).toMatch(/no source on this server watches the mailbox \\"ann\\"/);
    });

    it('a mailbox outside the token\'s list, an ingest token and a bad body are refused', async () => {
      server = await startTestServer(canMark);
      expect((await markRead('bob', { all: true })).status).toBe(403);
      expect((await markRead('ann', { all: true }, tokens.ingest)).status).toBe(403);
      const both = await markRead('ann', { all: true, messages: ['m1'] });
      expect(both.status).toBe(400);
      expect(await both.text()).toMatch(/either/);
      expect((await markRead('ann', { messages: [] })).status).toBe(400);
      expect((await fetch(`${server.url}/v1/mailboxes/ann/read`, { headers: { Authorization: `Bearer ${tokens.ann}` } })).status).toBe(405);
    });
  });
});
