import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countUnread, unseenFiles } from '../../../server/sources/maildir-count.ts';
import { readHeader, seenName } from '../../../server/sources/maildir-messages.ts';
import { MaildirMessages } from '../../../server/sources/maildir-summaries.ts';
import type { RunningServer } from '../../../server/run/start.ts';
import { clientToken, getCounts, pollUntil, startSourceServer } from '../../helpers/source-server.ts';

let dir: string;
let root: string;
let server: RunningServer | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailtray-maildir-msg-'));
  root = join(dir, 'Maildir');
  for (const sub of ['tmp', 'new', 'cur']) await mkdir(join(root, sub), { recursive: true });
});

afterEach(async () => {
  await server?.stop();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

let seq = 0;
/** Delivers as an MTA does (tmp/, then new/), with a name that says when. */
async function deliver(header: string, seconds = 1_763_700_000 + seq, folder = root): Promise<string> {
  const name = `${seconds}.M${++seq}P1.test`;
  await writeFile(join(folder, 'tmp', name), `${header}\r\n\r\nthe body\r\n`);
  await rename(join(folder, 'tmp', name), join(folder, 'new', name));
  return name;
}

async function start(limit?: number): Promise<RunningServer> {
  server = await startSourceServer([{ type: 'maildir', path: root, mailbox: 'ann', name: 'Ann' }], {
    clients: [{ name: 'test', token: clientToken, mailboxes: '*', canMarkRead: true }],
    ...(limit === undefined ? {} : { limits: { messagesPerMailbox: limit } }),
  });
  return server;
}

const ann = (answer: Awaited<ReturnType<typeof getCounts>>) => answer.mailboxes.find((m) => m.id === 'ann')!;

function markRead(body: unknown): Promise<Response> {
  return fetch(`${server!.url}/v1/mailboxes/ann/read`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${clientToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('the newest unseen messages of a Maildir', () => {
  it('a delivered message shows its decoded sender and subject in the held poll', async () => {
    await start();
    await pollUntil(server!, (a) => ann(a).state === 'ok');
    const name = await deliver('From: =?UTF-8?B?QWxpY2UgU21pdGg=?= <alice@example.com>\r\nSubject: =?ISO-8859-1?Q?Caf=E9_tomorrow=3F?=');
    const answer = await pollUntil(server!, (a) => ann(a).count === 1 && (ann(a).messages?.length ?? 0) === 1);
    expect(ann(answer).messages).toEqual([{
      id: name, from: 'Alice Smith <alice@example.com>', subject: 'Café tomorrow?', date: new Date(1_763_700_000_000 + (seq - 1) * 1000).toISOString(),
    }]);
  });

  it('lists the newest first, at most limits.messagesPerMailbox, from new/ and unseen cur/, never seen ones', async () => {
    await deliver('From: a@example.com\r\nSubject: oldest', 1_700_000_001);
    const middle = await deliver('From: b@example.com\r\nSubject: middle', 1_700_000_002);
    await rename(join(root, 'new', middle), join(root, 'cur', `${middle}:2,F`));
    const seen = await deliver('From: c@example.com\r\nSubject: seen', 1_700_000_003);
    await rename(join(root, 'new', seen), join(root, 'cur', `${seen}:2,S`));
    await deliver('From: d@example.com\r\nSubject: newest', 1_700_000_004);
    await start(2);
    const answer = await pollUntil(server!, (a) => ann(a).state === 'ok');
    expect(ann(answer).count).toBe(3);
    expect(ann(answer).messages!.map((m) => m.subject)).toEqual(['newest', 'middle']);
    expect(ann(answer).messages![1]!.id).toBe(middle);
  });

  it('reads each header once: a message already known is not read again', async () => {
    const name = await deliver('From: a@example.com\r\nSubject: first words');
    await start();
    await pollUntil(server!, (a) => ann(a).messages?.[0]?.subject === 'first words');
    // Rewritten in place (no mail system does this): only a re-read would notice.
    await writeFile(join(root, 'new', name), 'From: a@example.com\r\nSubject: rewritten\r\n\r\n');
    await deliver('From: b@example.com\r\nSubject: second');
    const answer = await pollUntil(server!, (a) => ann(a).count === 2 && ann(a).messages?.length === 2);
    expect(ann(answer).messages!.map((m) => m.subject)).toEqual(['second', 'first words']);
  });

  it('mark as read through the API renames the file into cur/ with S, and the count and message go', async () => {
    const keep = await deliver('From: a@example.com\r\nSubject: keep');
    const read = await deliver('From: b@example.com\r\nSubject: read me');
    await start();
    await pollUntil(server!, (a) => ann(a).count === 2 && ann(a).messages?.length === 2);
    expect(ann(await getCounts(server!)).canMarkRead).toBe(true);
    const response = await markRead({ messages: [read, 'gone-long-ago'] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ marked: 1 });
    const answer = await pollUntil(server!, (a) => ann(a).count === 1);
    expect(ann(answer).messages!.map((m) => m.id)).toEqual([keep]);
    expect(await readdir(join(root, 'cur'))).toEqual([`${read}:2,S`]);
    expect(await readdir(join(root, 'new'))).toEqual([keep]);
  });

  it('mark all as read marks every unseen message, keeping their other flags', async () => {
    const flagged = await deliver('From: a@example.com\r\nSubject: one');
    await rename(join(root, 'new', flagged), join(root, 'cur', `${flagged}:2,F`));
    await deliver('From: b@example.com\r\nSubject: two');
    await start();
    await pollUntil(server!, (a) => ann(a).count === 2);
    expect(await (await markRead({ all: true })).json()).toEqual({ marked: 2 });
    await pollUntil(server!, (a) => ann(a).count === 0 && ann(a).messages?.length === 0);
    expect((await readdir(join(root, 'cur'))).sort()).toContain(`${flagged}:2,FS`);
  });

  it('mark as read on a Maildir whose folder is gone answers 409 with the source\'s own sentence, and the server lives on', async () => {
    const name = await deliver('From: a@example.com\r\nSubject: one');
    await start();
    await pollUntil(server!, (a) => ann(a).count === 1);
    await rm(root, { recursive: true, force: true });
    for (const body of [{ all: true }, { messages: [name] }]) {
      const response = await markRead(body);
      expect(response.status, JSON.stringify(body)).toBe(409);
      expect(await response.json()).toEqual({
        error: { code: 'source_failing', message: `cannot read the Maildir folder ${root}: it does not exist (ENOENT)` },
      });
    }
    // The same sentence the mailbox shows, once the watch notices.
    const answer = await pollUntil(server!, (a) => ann(a).state === 'error');
    expect(ann(answer).error).toBe(`cannot read the Maildir folder ${root}: it does not exist (ENOENT)`);
  });

  it('a Maildir of 10,000 messages answers with its newest messages in about the time the count alone takes', async () => {
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 5000; i++) writes.push(writeFile(join(root, 'new', `${1_700_000_000 + i}.M${i}P1.host`), `Subject: new ${i}\n\nbody`));
    for (let i = 0; i < 5000; i++) {
      writes.push(writeFile(join(root, 'cur', `${1_600_000_000 + i}.M${i}P2.host:2,${i % 2 ? 'S' : 'F'}`), `Subject: cur ${i}\n\nbody`));
    }
    await Promise.all(writes);
    // Work, not elapsed time: CPU time of this process (its file-system threads too), which other processes do not add to.
    const cpuMs = async <T>(work: () => Promise<T>): Promise<[number, T]> => {
      const before = process.cpuUsage();
      const result = await work();
      const spent = process.cpuUsage(before);
      return [(spent.user + spent.system) / 1000, result];
    };
    // Today's figure, measured in this run: the count alone, as before messages.
    const [countMs, count] = await cpuMs(() => countUnread(root));
    expect(count).toBe(7500);
    // What each recount does now: the count, then the newest five headers.
    const [withMessagesMs, newest] = await cpuMs(async () => new MaildirMessages(root, 5).newest(await unseenFiles(root)));
    console.info(`a 10,000-message Maildir, CPU time: count alone ${countMs.toFixed(1)} ms, count and newest messages ${withMessagesMs.toFixed(1)} ms`);
    expect(newest.map((m) => m.subject)).toEqual(['new 4999', 'new 4998', 'new 4997', 'new 4996', 'new 4995']);
    expect(withMessagesMs).toBeLessThan(countMs * 2 + 100);

    await start();
    const answer = await pollUntil(server!, (a) => ann(a).state === 'ok');
    expect(ann(answer).count).toBe(7500);
    expect(ann(answer).messages).toHaveLength(5);
  }, 60_000);
});

describe('Maildir file handling', () => {
  it.each([
    ['1.M1P1.host', '1.M1P1.host:2,S'],
    ['1.M1P1.host:2,', '1.M1P1.host:2,S'],
    ['1.M1P1.host:2,FT', '1.M1P1.host:2,FST'],
    ['1.M1P1.host:2,RS', '1.M1P1.host:2,RS'],
  ])('%s read becomes %s', (name, seen) => {
    expect(seenName(name)).toBe(seen);
  });

  it('reads the header and stops at the empty line, even one split across reads', async () => {
    const path = join(dir, 'big');
    const header = `Subject: x\r\nX-Pad: ${'p'.repeat(8185)}\r\n\r\n`;
    await writeFile(path, `${header}${'body '.repeat(100_000)}`);
    const read = await readHeader(path);
    expect(read.toString()).toBe(header);
  });
});
