import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, tokens, type CountsBody, type TestServer } from '../helpers/count-server.ts';
import { freePort, message, startDovecot, type Dovecot } from '../helpers/dovecot.ts';
import { eventually } from '../helpers/eventually.ts';

const script = join(import.meta.dirname, '../../examples/dovecot/mailtray.lua');
let server: TestServer;
let dovecot: Dovecot;
let folder: string;
let port: number;

beforeAll(async () => {
  port = await freePort();
  server = await startTestServer({ listen: { host: '127.0.0.1', port } });
  // The script as shipped, copied where Dovecot's mail processes (another user when run as root) can read it.
  folder = await mkdtemp(join(tmpdir(), 'mailtray-lua-'));
  await chmod(folder, 0o755);
  await copyFile(script, join(folder, 'mailtray.lua'));
  dovecot = await startDovecot({
    users: [{ user: 'ann', password: 'ann-password' }],
    tls: false,
    lmtp: true,
    extraConfig: `
mail_plugins = $mail_plugins mail_lua notify push_notification push_notification_lua
plugin {
  push_notification_driver = lua:file=${join(folder, 'mailtray.lua')}
  mailtray_url = ${server.url}
  mailtray_token = ${tokens.ingest}
  mailtray_mailbox_id = %u.%%f
}
`,
  });
});

afterAll(async () => {
  await dovecot?.stop();
  await server?.stop();
  await rm(folder, { recursive: true, force: true });
});

/** Holds a poll for everything from `cursor`, and resolves with ann's INBOX count once it changes. */
async function nextCount(cursor: string, change: () => Promise<unknown>): Promise<{ count: number | undefined; cursor: string; messages: unknown }> {
  const held = server.counts(tokens.ops, `?since=${cursor}&wait=20`);
  await change();
  const body: CountsBody = await held;
  const inbox = body.mailboxes.find((m) => m.id === 'ann.INBOX') as (CountsBody['mailboxes'][number] & { messages?: unknown }) | undefined;
  return { count: inbox?.count, cursor: body.cursor, messages: inbox?.messages };
}

describe('the Dovecot push feed (examples/dovecot/mailtray.lua)', () => {
  it('delivery over LMTP, doveadm flags add and expunge are each seen in a held poll', async () => {
    let { cursor } = await server.counts(tokens.ops);
    let next = await nextCount(cursor, () => dovecot.deliver('ann', message('first')));
    expect(next.count).toBe(1);
    // A new mail's sender and subject come with the count, for the notification.
    expect(next.messages).toEqual([expect.objectContaining({ from: 'sender@example.com', subject: 'first' })]);
    next = await nextCount(next.cursor, () => dovecot.deliver('ann', message('second')));
    expect(next.count).toBe(2);
    next = await nextCount(next.cursor, () => dovecot.doveadm(['flags', 'add', '-u', 'ann', '\\Seen', 'mailbox', 'INBOX', 'subject', 'first']));
    expect(next.count).toBe(1);
    next = await nextCount(next.cursor, () => dovecot.doveadm(['expunge', '-u', 'ann', 'mailbox', 'INBOX', 'subject', 'second']));
    expect(next.count).toBe(0);
    expect(next.messages).toEqual([]);
    cursor = next.cursor;
    expect(cursor).toBeTruthy();
  });

  it('delivery goes on while Mailtray is down, and the next event carries the true count', async () => {
    await server.stop();
    await dovecot.deliver('ann', message('while down'));
    await dovecot.deliver('ann', message('also while down'));
    expect(await dovecot.log()).toMatch(/mailtray: could not reach/);
    server = await startTestServer({ listen: { host: '127.0.0.1', port } });
    const { cursor } = await server.counts(tokens.ops);
    const next = await nextCount(cursor, () => dovecot.doveadm(['flags', 'add', '-u', 'ann', '\\Seen', 'mailbox', 'INBOX', 'subject', 'also while down']));
    expect(next.count).toBe(1);
    await eventually(async () => (await dovecot.doveadm(['search', '-u', 'ann', 'mailbox', 'INBOX', 'unseen'])).trim().split('\n').length === 1);
  });
});
