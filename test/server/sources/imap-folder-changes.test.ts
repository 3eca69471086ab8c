import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountServer, type CountServer } from '../../helpers/source-server.ts';
import { message, startDovecot, type Dovecot, type DovecotUser } from '../../helpers/dovecot.ts';

// A counted folder renamed or deleted on the server while the account is watched (issue 22): the mailbox
// says which folder, in words and as data (errorKind "folder", errorFacts.folder), soon, not at the
// next 5-minute recount; the other folders' counts stay as they were. The window words it
// (renderer/mail-view/mailbox-words.ts) and offers the folder picker again.
const users = {
  kim: { user: 'kim@example.com', password: 'kim-imap-password-1' },
  lee: { user: 'lee@example.com', password: 'lee-imap-password-2' },
  moe: { user: 'moe@example.com', password: 'moe-imap-password-3' },
  ned: { user: 'ned@example.com', password: 'ned-imap-password-4' },
} satisfies Record<string, DovecotUser>;

/** Within this a change came by the server's word (NOTIFY, IDLE), not by the recount (300 s) or poll (60 s). */
const SOON_MS = 10_000;

// With NOTIFY the server reports the folder renamed or deleted (MailboxName) and the account checks at
// once; without it no server says so, and the periodic check finds it (here every 2 s instead of 300).
describe.each([
  { how: 'NOTIFY', notify: true, fields: {} },
  { how: 'one IDLE per folder (no NOTIFY), found by the periodic check', notify: false, fields: { recountSeconds: 2 } },
])('a counted folder renamed or deleted while watched, against a real Dovecot with $how', ({ notify, fields }) => {
  let dovecot: Dovecot;
  const servers: CountServer[] = [];
  const clients: ImapFlow[] = [];
  beforeAll(async () => { dovecot = await startDovecot({ users: Object.values(users), notify }); });
  afterAll(async () => {
    await Promise.allSettled(servers.map((s) => s.stop()));
    await Promise.allSettled(clients.map((c) => c.logout()));
    await dovecot?.stop();
  });

  /** The account counting `folders` (made first, each with one unread mail), after its first count. */
  const watch = async (user: DovecotUser, folders: string[]) => {
    const mail = await dovecot.client(user);
    clients.push(mail);
    for (const folder of folders) {
      if (folder !== 'INBOX') await mail.mailboxCreate(folder);
      await mail.append(folder, message(`in ${folder}`));
    }
    const id = user.user.split('@')[0]!;
    const server = await startCountServer([{
      type: 'imap', host: '127.0.0.1', port: dovecot.tlsPort, security: 'tls', ca: dovecot.certPath,
      user: user.user, password: user.password, mailbox: id, folders, pollSeconds: 60, ...fields,
    }]);
    servers.push(server);
    await server.waitFor((m) => m.get(id)?.state === 'ok' && m.get(id)?.count === folders.length);
    return { mail, server, id };
  };
  const failing = async (server: CountServer, id: string) => {
    const started = performance.now();
    const mailboxes = await server.waitFor((m) => m.get(id)?.errorKind === 'folder', SOON_MS);
    return { mailbox: mailboxes.get(id)!, ms: performance.now() - started };
  };

  it('a folder beside the watched one, renamed: the mailbox names it, soon, and keeps the last count', async () => {
    const { mail, server, id } = await watch(users.kim, ['INBOX', 'Lists', 'Family']);
    // Dovecot starts watching its folder list a moment after the account's NOTIFY (a rename in that
    // moment is found by the periodic check instead): wait that moment, as a person's rename would.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await mail.mailboxRename('Lists', 'Lists (old)');
    const { mailbox, ms } = await failing(server, id);
    console.info(`folder renamed to error: ${ms.toFixed(0)} ms`);
    expect(mailbox).toMatchObject({ count: 3, errorKind: 'folder', errorFacts: { folder: 'Lists' } });
    expect(mailbox.error).toMatch(/^the folder "Lists" on 127\.0\.0\.1 cannot be/);
  });

  it('a folder beside the watched one, deleted: the mailbox names it, soon', async () => {
    const { mail, server, id } = await watch(users.lee, ['INBOX', 'Lists', 'Family']);
    await mail.mailboxDelete('Family');
    const { mailbox } = await failing(server, id);
    expect(mailbox).toMatchObject({ errorKind: 'folder', errorFacts: { folder: 'Family' } });
  });

  it('the watched (selected) folder itself, renamed: the mailbox names it, soon', async () => {
    const { mail, server, id } = await watch(users.moe, ['Work', 'INBOX']);
    await mail.mailboxRename('Work', 'Work 2026');
    const { mailbox } = await failing(server, id);
    expect(mailbox).toMatchObject({ errorKind: 'folder', errorFacts: { folder: 'Work' } });
  });

  it('a folder made after the account started is never counted on its own', async () => {
    const { mail, server, id } = await watch(users.ned, ['INBOX', 'Lists']);
    await mail.mailboxCreate('New projects');
    await mail.append('New projects', message('new 1'));
    await mail.append('INBOX', message('inbox 2'));
    const after = await server.waitFor((m) => m.get(id)?.count === 3);
    // The new folder's mail is not in the count, nor in the breakdown: the app offers it in the picker.
    expect(after.get(id)?.folders).toEqual([{ name: 'INBOX', count: 2 }, { name: 'Lists', count: 1 }]);
  });
});
