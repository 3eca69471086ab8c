import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountsAnswer, Mailbox } from '../../../common/protocol.ts';
import { parseImapConfig } from '../../../server/sources/imap/imap-config.ts';
import type { RunningServer } from '../../../server/run/start.ts';
import { startDovecot, type Dovecot, type DovecotUser } from '../../helpers/dovecot.ts';
import { startScriptedImap, type ScriptedImap } from '../../helpers/scripted-imap.ts';
import { checkedEntry } from '../../helpers/source-entry.ts';
import { pollUntil, startSourceServer } from '../../helpers/source-server.ts';

/*
 * Korean mail as Naver and Daum users get it: senders and subjects in EUC-KR
 * (RFC 2047 words with every label Korean mailers write, and raw 8-bit bytes
 * from old mailers), and folders named in Korean, which travel over IMAP in
 * modified UTF-7 ("받은편지함" is "&vBvHQNO4ycDVaA-"). Against a real Dovecot whose
 * hierarchy separator is "/", as Naver's and Daum's are.
 */

const ann: DovecotUser = { user: 'ann@example.com', password: 'ann-imap-password-ko' };
const bob: DovecotUser = { user: 'bob@example.com', password: 'bob-imap-password-ko' };

/** EUC-KR bytes, written out: TextEncoder only makes UTF-8. */
const eucKr = {
  김철수: Buffer.from([0xb1, 0xe8, 0xc3, 0xb6, 0xbc, 0xf6]),
  안녕하세요: Buffer.from([0xbe, 0xc8, 0xb3, 0xe7, 0xc7, 0xcf, 0xbc, 0xbc, 0xbf, 0xe4]),
  회의: Buffer.from([0xc8, 0xb8, 0xc0, 0xc7]),
};
const q = (bytes: Buffer) => [...bytes].map((byte) => `=${byte.toString(16).toUpperCase()}`).join('');

/** The five ways Korean senders and subjects arrive, as [message bytes, sender shown, subject shown]. */
const koreanMessages: Array<[Buffer, string, string]> = [
  [`From: =?ks_c_5601-1987?B?${eucKr.김철수.toString('base64')}?= <kim@example.co.kr>\r\nSubject: =?ks_c_5601-1987?B?${eucKr.안녕하세요.toString('base64')}?=`,
    '김철수 <kim@example.co.kr>', '안녕하세요'],
  [`From: =?euc-kr?Q?${q(eucKr.김철수)}?= <kim@example.co.kr>\r\nSubject: =?euc-kr?Q?${q(eucKr.회의)}?= 10:00`,
    '김철수 <kim@example.co.kr>', '회의 10:00'],
  [`From: =?EUC-KR?B?${eucKr.김철수.toString('base64')}?= <kim@example.co.kr>\r\nSubject: =?x-unknown?B?${eucKr.회의.toString('base64')}?=`,
    '김철수 <kim@example.co.kr>', '회의'],
  [Buffer.concat([Buffer.from('From: '), eucKr.김철수, Buffer.from(' <kim@example.co.kr>\r\nSubject: '), eucKr.안녕하세요,
    Buffer.from('\r\nContent-Type: text/plain; charset=euc-kr')]), '김철수 <kim@example.co.kr>', '안녕하세요'],
  [Buffer.concat([Buffer.from('From: '), eucKr.김철수, Buffer.from(' <kim@example.co.kr>\r\nSubject: '), eucKr.회의]),
    '김철수 <kim@example.co.kr>', '회의'],
].map(([head, from, subject], i) => [
  Buffer.concat([typeof head === 'string' ? Buffer.from(head) : head,
    Buffer.from(`\r\nDate: Sat, 21 Nov 2026 08:5${i}:00 +0900\r\nMessage-ID: <ko-${i}@example.co.kr>\r\n\r\nbody\r\n`)]),
  from as string, subject as string,
]);
const expectedNewestFirst = [...koreanMessages].reverse().map(([, from, subject]) => ({ from, subject }));

const byId = (answer: CountsAnswer, id: string): Mailbox | undefined => answer.mailboxes.find((m) => m.id === id);

describe('Korean mail from a real Dovecot', () => {
  let dovecot: Dovecot;
  const servers: RunningServer[] = [];
  const clients: ImapFlow[] = [];

  beforeAll(async () => {
    dovecot = await startDovecot({
      users: [ann, bob],
      // Naver and Daum separate folder levels with "/"; Dovecot's Maildir++ default is ".".
      extraConfig: 'namespace inbox {\n  inbox = yes\n  separator = /\n}\n',
    });
  });
  afterAll(async () => {
    await Promise.allSettled(servers.map((s) => s.stop()));
    await Promise.allSettled(clients.map((c) => c.logout()));
    await dovecot?.stop();
  });

  const mailClient = async (user: DovecotUser) => {
    const client = await dovecot.client(user);
    clients.push(client);
    return client;
  };
  const serve = async (user: DovecotUser, imap: Record<string, unknown>) => {
    const server = await startSourceServer([{
      type: 'imap', host: '127.0.0.1', port: dovecot.tlsPort, security: 'tls', ca: dovecot.certPath,
      user: user.user, password: user.password, ...imap,
    }]);
    servers.push(server);
    return server;
  };

  it('EUC-KR senders and subjects, encoded every way Korean mailers do and raw, are shown decoded', async () => {
    const client = await mailClient(ann);
    for (const [message] of koreanMessages) await client.append('INBOX', message);
    const server = await serve(ann, { mailbox: 'inbox' });
    const answer = await pollUntil(server, (a) => byId(a, 'inbox')?.messages?.length === 5);
    expect(byId(answer, 'inbox')!.messages!.map(({ from, subject }) => ({ from, subject }))).toEqual(expectedNewestFirst);
    expect(JSON.stringify(answer)).not.toMatch(/\uFFFD/);
  });

  it('a folder named in Korean is watched: the config takes it as written, the count follows a delivery there', async () => {
    const client = await mailClient(bob);
    await client.mailboxCreate('받은편지함/업무');
    // What went over the wire: the name in modified UTF-7 (RFC 3501 5.1.3), which Dovecot lists back decoded.
    const listed = await client.list();
    expect(listed.map((f) => f.path)).toContain('받은편지함/업무');
    expect(listed.find((f) => f.path === '받은편지함/업무')?.delimiter).toBe('/');

    // The Korean folder first (selected, IDLE), then a second source with it behind INBOX (NOTIFY's STATUS answers).
    const selected = await serve(bob, { mailbox: 'work', folders: ['받은편지함/업무'] });
    const notified = await serve(bob, { mailboxes: [{ id: 'inbox', folders: ['INBOX'] }, { id: 'work', folders: ['받은편지함/업무'] }, { id: 'both', folders: ['INBOX', '받은편지함/업무'] }] });
    for (const server of [selected, notified]) await pollUntil(server, (a) => byId(a, 'work')?.state === 'ok' && byId(a, 'work')?.count === 0);

    await client.append('받은편지함/업무', koreanMessages[0]![0]);
    const answer = await pollUntil(selected, (a) => byId(a, 'work')?.count === 1 && byId(a, 'work')?.messages?.length === 1);
    expect(byId(answer, 'work')!.messages![0]).toMatchObject({ from: '김철수 <kim@example.co.kr>', subject: '안녕하세요' });
    // Messages come from the selected folder only; a notified one reports its count.
    const both = await pollUntil(notified, (a) => byId(a, 'work')?.count === 1 && byId(a, 'inbox')?.count === 0 && byId(a, 'both')?.count === 1, 5_000);
    // Counted together with INBOX, the folder is named in Korean in the breakdown.
    expect(byId(both, 'both')?.folders).toEqual([{ name: 'INBOX', count: 0 }, { name: '받은편지함/업무', count: 1 }]);
  });

  it('a Korean folder that does not exist is named in Korean in the error, never in modified UTF-7', async () => {
    const server = await serve(bob, { mailbox: 'gone', folders: ['보관함/없는메일함'] });
    const answer = await pollUntil(server, (a) => byId(a, 'gone')?.state === 'error');
    const gone = byId(answer, 'gone')!;
    expect(gone.errorKind).toBe('folder');
    expect(gone.error).toContain('보관함/없는메일함');
    expect(gone.errorFacts).toMatchObject({ folder: '보관함/없는메일함' });
    expect(JSON.stringify(gone)).not.toMatch(/&[A-Za-z0-9+,]+-/);

    // Behind INBOX the folder is counted with STATUS; imapflow names the missing one (decoded) itself.
    const behind = await serve(bob, { mailboxes: [{ id: 'inbox', folders: ['INBOX'] }, { id: 'gone', folders: ['보관함/없는메일함'] }] });
    const second = byId(await pollUntil(behind, (a) => byId(a, 'gone')?.state === 'error'), 'gone')!;
    expect(second.error).toContain('보관함/없는메일함');
    expect(JSON.stringify(second)).not.toMatch(/&[A-Za-z0-9+,]+-/);
  });

  it('the config schema takes folder names in Korean as written', () => {
    const entry = checkedEntry({
      type: 'imap', host: 'imap.naver.com', user: 'ann', password: 'app-password',
      mailboxes: [{ id: 'work', folders: ['받은편지함/업무', '보낸편지함'] }, { id: 'inbox' }],
    });
    expect(parseImapConfig(entry, 'sources[0]', {}).mailboxes).toEqual([
      expect.objectContaining({ id: 'work', folders: ['받은편지함/업무', '보낸편지함'] }),
      expect.objectContaining({ id: 'inbox', folders: ['INBOX'] }),
    ]);
  });
});

describe('a Korean folder on a server that names it in modified UTF-7 when it refuses it', () => {
  let imap: ScriptedImap | undefined;
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    await imap?.close();
  });

  it('the error names the folder in Korean', async () => {
    imap = await startScriptedImap({ unseen: { INBOX: 0 }, namesMissingFolder: true });
    server = await startSourceServer([{
      type: 'imap', host: '127.0.0.1', port: imap.port, security: 'none', user: 'ann', password: 'pw',
      mailbox: 'gone', folders: ['받은편지함/없음'],
    }]);
    const gone = byId(await pollUntil(server, (a) => byId(a, 'gone')?.state === 'error'), 'gone')!;
    // What the server said, as it said it: the name in modified UTF-7.
    expect(imap.commands.some((command) => command.includes('&vBvHQNO4ycDVaA-/'))).toBe(true);
    expect(gone.error).toContain('the server said Mailbox does not exist: 받은편지함/없음');
  });
});

describe('Korean mail in a Maildir', () => {
  let dir: string;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailtray-maildir-ko-'));
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('EUC-KR senders and subjects, encoded and raw, are shown decoded', async () => {
    const root = join(dir, 'Maildir');
    for (const sub of ['tmp', 'new', 'cur']) await mkdir(join(root, sub), { recursive: true });
    for (const [i, [message]] of koreanMessages.entries()) {
      // As an MTA delivers: written in tmp/, then moved to new/; the name's time orders them.
      const name = `${1_763_700_000 + i}.M${i}P1.test`;
      await writeFile(join(root, 'tmp', name), message);
      await rename(join(root, 'tmp', name), join(root, 'new', name));
    }
    server = await startSourceServer([{ type: 'maildir', path: root, mailbox: 'ann' }]);
    const answer = await pollUntil(server, (a) => byId(a, 'ann')?.messages?.length === 5);
    expect(byId(answer, 'ann')!.messages!.map(({ from, subject }) => ({ from, subject }))).toEqual(expectedNewestFirst);
  });
});
