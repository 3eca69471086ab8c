import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../server/config/server-config.ts';
import { parseRawSearch } from '../../../common/raw-search.ts';
import { startCountServer, type CountServer } from '../../helpers/source-server.ts';
import { message, startDovecot, type Dovecot, type DovecotUser } from '../../helpers/dovecot.ts';

// A filter's raw IMAP SEARCH (docs/sources.md, "An IMAP SEARCH as written"): checked for its syntax when
// the config is read, sent as written after UNSEEN and the filter's other parts, and a search the mail
// server refuses is the mailbox's error in words (kind "setup"), with nothing else failing.
const users = {
  ann: { user: 'ann@example.com', password: 'ann-imap-password-1' },
  bob: { user: 'bob@example.com', password: 'bob-imap-password-2' },
} satisfies Record<string, DovecotUser>;

describe('a raw IMAP SEARCH, against a real Dovecot', () => {
  let dovecot: Dovecot;
  const servers: CountServer[] = [];
  const clients: ImapFlow[] = [];
  beforeAll(async () => { dovecot = await startDovecot({ users: Object.values(users) }); });
  afterAll(async () => {
    await Promise.allSettled(servers.map((s) => s.stop()));
    await Promise.allSettled(clients.map((c) => c.logout()));
    await dovecot?.stop();
  });
  const serve = async (user: DovecotUser, mailboxes: object[]) => {
    const server = await startCountServer([{
      type: 'imap', host: '127.0.0.1', port: dovecot.tlsPort, security: 'tls', ca: dovecot.certPath,
      user: user.user, password: user.password, mailboxes, pollSeconds: 60,
    }]);
    servers.push(server);
    return server;
  };

  it('counts the unread mail the search matches, in the watched folder and another, and follows new mail', async () => {
    const mail = await dovecot.client(users.ann);
    clients.push(mail);
    await mail.mailboxCreate('Lists');
    for (const subject of ['urgent: the roof', 'lunch?', 'URGENT again']) await mail.append('INBOX', message(subject));
    await mail.append('INBOX', message('urgent but read'), ['\\Seen']);
    await mail.append('Lists', message('urgent list mail'));
    await mail.append('Lists', message('digest'));
    const server = await serve(users.ann, [
      { id: 'urgent', folders: ['INBOX', 'Lists'], filter: { search: 'OR SUBJECT "urgent" HEADER X-Priority 1' } },
      // With a structured part too: both must hold.
      { id: 'urgent-flagged', folders: ['INBOX'], filter: { search: 'SUBJECT urgent', flagged: true } },
      { id: 'all', folders: ['INBOX'] },
    ]);
    const first = await server.waitFor((m) => m.get('urgent')?.state === 'ok' && m.get('urgent-flagged')?.state === 'ok' && m.get('all')?.state === 'ok');
    expect(first.get('urgent')).toMatchObject({ count: 3, folders: [{ name: 'INBOX', count: 2 }, { name: 'Lists', count: 1 }] });
    expect(first.get('urgent-flagged')?.count).toBe(0);
    expect(first.get('all')?.count).toBe(3);
    // Several folders counted together: no message list, as with any mailbox of several folders.
    expect(first.get('urgent')?.messages).toBeUndefined();

    await mail.append('INBOX', message('Urgent: a new one'));
    await mail.append('INBOX', message('not this'));
    const later = await server.waitFor((m) => m.get('urgent')?.count === 4 && m.get('all')?.count === 5);
    expect(later.get('urgent')?.state).toBe('ok');
  });

  it('a search the server refuses is the mailbox\'s error in words, and the account\'s other mailboxes keep counting', async () => {
    const mail = await dovecot.client(users.bob);
    clients.push(mail);
    await mail.append('INBOX', message('hello'));
    const server = await serve(users.bob, [
      { id: 'odd', folders: ['INBOX'], filter: { search: 'NOSUCHKEY 12' } },
      { id: 'inbox', folders: ['INBOX'] },
    ]);
    const answer = await server.waitFor((m) => m.get('odd')?.state === 'error' && m.get('inbox')?.state === 'ok');
    expect(answer.get('odd')).toMatchObject({ errorKind: 'setup' });
    expect(answer.get('odd')?.error).toMatch(/^the mailbox cannot be counted on 127\.0\.0\.1: the mail server refused the search "NOSUCHKEY 12": .+/);
    expect(answer.get('inbox')?.count).toBe(1);
  });
});

describe('a raw search as the config takes it', () => {
  const imap = { type: 'imap', host: 'imap.example.com', user: 'ann', password: 'x'.repeat(16) };
  const problem = (search: unknown, extra: object = {}) => {
    try {
      parseConfig({ sources: [{ ...imap, mailbox: 'ann', filter: { search }, ...extra }] }, { env: {} });
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  };

  it.each([
    ['an unclosed quote', 'SUBJECT "urgent', 'sources[0].filter.search: has a quote that is never closed (character 9)'],
    ['an unclosed parenthesis', 'OR (FROM a SUBJECT b', 'sources[0].filter.search: has a "(" that is never closed'],
    ['a stray ")"', 'FROM a)', 'sources[0].filter.search: has a ")" with no "(" before it (character 7)'],
    ['a line break that would start another command', 'FROM a\r\nA1 DELETE INBOX', 'sources[0].filter.search: holds a line break or another control character'],
    ['a literal', 'SUBJECT {5}', 'sources[0].filter.search: has "{5}": braces and backslashes belong inside quotes'],
    ['only spaces', '   ', 'sources[0].filter.search: is empty: give IMAP SEARCH keys, like "FROM boss SUBJECT urgent"'],
  ])('refuses %s, saying where', (_name, search, expected) => {
    expect(problem(search)).toBe(expected);
  });

  it('is for IMAP only', () => {
    expect(() => parseConfig({ sources: [{ type: 'maildir', path: '/var/mail/ann', mailbox: 'ann', filter: { search: 'FROM boss' } }] }, { env: {} }))
      .toThrow('sources[0].filter.search: an IMAP SEARCH is sent to an IMAP server only');
  });

  it('reads atoms, quoted strings with escapes and nested lists into what IMAP sends', () => {
    expect(parseRawSearch('OR (FROM boss SUBJECT "say \\"hi\\"") NOT SEEN')).toEqual([
      { type: 'ATOM', value: 'OR' },
      [{ type: 'ATOM', value: 'FROM' }, { type: 'ATOM', value: 'boss' }, { type: 'ATOM', value: 'SUBJECT' }, { type: 'STRING', value: 'say "hi"' }],
      { type: 'ATOM', value: 'NOT' }, { type: 'ATOM', value: 'SEEN' },
    ]);
  });
});
