import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../server/config-check.ts';
import { MemoryStore } from '../../../server/store/memory-store.ts';
import { countUnread, isUnseen } from '../../../server/sources/maildir-count.ts';
import { MaildirSource, maildirSourceType, type MaildirConfig } from '../../../server/sources/maildir.ts';
import { silentLogger } from '../../../server/log.ts';
import type { RunningServer } from '../../../server/run/start.ts';
import { checkedEntry } from '../../helpers/source-entry.ts';
import { pollUntil, startSourceServer } from '../../helpers/source-server.ts';
import { hasCount, isError, waitForMailbox } from '../../helpers/store-wait.ts';

// The watch (inotify) brings a change in milliseconds, the recount only every 60 s: a change seen within
// 10 s came by the watch. A busy machine stays far under that; how fast the watch is, the benchmark says.
const BY_WATCH_MS = 10_000;

let dir: string;
let sources: MaildirSource[];
let seq = 0;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailtray-maildir-'));
  sources = [];
});

afterEach(async () => {
  await Promise.all(sources.map((s) => s.stop()));
  await rm(dir, { recursive: true, force: true });
});

async function makeMaildir(path: string): Promise<void> {
  for (const sub of ['tmp', 'new', 'cur']) await mkdir(join(path, sub), { recursive: true });
}

/** Delivers as an MTA does: written to tmp/, then renamed into new/. */
async function deliver(maildir: string): Promise<string> {
  const name = `${Date.now()}.M${seq++}P1.test`;
  await writeFile(join(maildir, 'tmp', name), 'Subject: hi\r\n\r\nhello\r\n');
  await rename(join(maildir, 'tmp', name), join(maildir, 'new', name));
  return name;
}

function config(path: string, extra: Partial<MaildirConfig> = {}): MaildirConfig {
  return { path, mailbox: 'ann', name: undefined, inbox: true, folders: [], recountSeconds: 60, ...extra };
}

async function start(cfg: MaildirConfig): Promise<MemoryStore> {
  const store = new MemoryStore();
  const source = new MaildirSource(cfg, { store, log: silentLogger }, { backoff: { minMs: 100, maxMs: 500 } });
  sources.push(source);
  await source.start();
  return store;
}

describe('which Maildir messages are unread', () => {
  it.each([
    ['1700000000.M1P1.host:2,S', false],
    ['1700000000.M1P1.host:2,FS', false],
    ['1700000000.M1P1.host:2,RS', false],
    ['1700000000.M1P1.host:2,F', true],
    ['1700000000.M1P1.host:2,', true],
    ['1700000000.M1P1.host', true],
    ['1700000000.M1P1.host,S=1234:2,T', true],
    ['1700000000.M1P1.host:2,ab', true],
  ])('%s in cur/ counts as unread: %s', (name, isUnread) => {
    expect(isUnseen(name)).toBe(isUnread);
  });
});

describe('the Maildir source', () => {
  it('counts new/ and the cur/ messages without the S flag', async () => {
    const root = join(dir, 'Maildir');
    await makeMaildir(root);
    await deliver(root);
    await deliver(root);
    for (const name of ['a:2,S', 'b:2,FS', 'c:2,F', 'd:2,', '.hidden']) await writeFile(join(root, 'cur', name), '');
    const store = await start(config(root));
    await waitForMailbox(store, 'ann', hasCount(4));
  });

  it('shows a delivery, a read, a move without S and a delete, each by the watch, not at the next recount', async () => {
    const root = join(dir, 'Maildir');
    await makeMaildir(root);
    const store = await start(config(root));
    await waitForMailbox(store, 'ann', hasCount(0));

    const first = await deliver(root);
    await waitForMailbox(store, 'ann', hasCount(1), BY_WATCH_MS);
    const second = await deliver(root);
    await waitForMailbox(store, 'ann', hasCount(2), BY_WATCH_MS);

    // The mail client notices it (moved to cur/, not yet seen): still unread.
    await rename(join(root, 'new', first), join(root, 'cur', `${first}:2,F`));
    await rename(join(root, 'new', second), join(root, 'cur', `${second}:2,`));
    // A third delivery, after the moves: its count of 3 comes from a recount that saw them, so both still count as unread.
    await deliver(root);
    await waitForMailbox(store, 'ann', hasCount(3), BY_WATCH_MS);
    expect((await store.snapshot(['ann'])).mailboxes[0]).toMatchObject({ state: 'ok', count: 3 });

    // Read: the S flag is added by renaming.
    await rename(join(root, 'cur', `${first}:2,F`), join(root, 'cur', `${first}:2,FS`));
    await waitForMailbox(store, 'ann', hasCount(2), BY_WATCH_MS);
    // Deleted unread.
    await rm(join(root, 'cur', `${second}:2,`));
    await waitForMailbox(store, 'ann', hasCount(1), BY_WATCH_MS);
  });

  it('adds the chosen sub-folders to the inbox, with each folder\'s count beside the sum', async () => {
    const root = join(dir, 'Maildir');
    // Dovecot's Maildir++ name for "받은편지함" (modified UTF-7), shown in Korean.
    const korean = '.&vBvHQNO4ycDVaA-';
    await makeMaildir(root);
    await makeMaildir(join(root, '.Work'));
    await makeMaildir(join(root, '.Spam'));
    await makeMaildir(join(root, korean));
    await deliver(root);
    await deliver(join(root, '.Work'));
    await deliver(join(root, '.Spam'));
    const store = await start(config(root, { folders: ['.Work', korean] }));
    await waitForMailbox(store, 'ann', hasCount(2));
    await deliver(join(root, '.Work'));
    await deliver(join(root, korean));
    const mailbox = await waitForMailbox(store, 'ann', hasCount(4), BY_WATCH_MS);
    expect(mailbox.folders).toEqual([{ name: 'INBOX', count: 1 }, { name: 'Work', count: 2 }, { name: '받은편지함', count: 1 }]);
  });

  it('gives no breakdown for a mailbox of one folder', async () => {
    const root = join(dir, 'Maildir');
    await makeMaildir(root);
    await deliver(root);
    const store = await start(config(root));
    const mailbox = await waitForMailbox(store, 'ann', hasCount(1));
    expect(mailbox).not.toHaveProperty('folders');
  });

  it('says which folder is missing when the Maildir is renamed away, and recovers when it is back', async () => {
    const root = join(dir, 'Maildir');
    await makeMaildir(root);
    await deliver(root);
    const store = await start(config(root));
    await waitForMailbox(store, 'ann', hasCount(1));

    await rename(root, join(dir, 'Maildir.away'));
    const failed = await waitForMailbox(store, 'ann', isError, BY_WATCH_MS);
    expect(failed.error).toBe(`cannot read the Maildir folder ${root}: it does not exist (ENOENT)`);
    expect(failed).toMatchObject({ errorKind: 'folder', errorFacts: { folder: root } });
    expect(failed.count).toBe(1);

    // Mail delivered while it was away counts once it is back.
    await deliver(join(dir, 'Maildir.away'));
    await rename(join(dir, 'Maildir.away'), root);
    await waitForMailbox(store, 'ann', hasCount(2), BY_WATCH_MS);
    // The watches follow the folder back: a new delivery is still seen at once.
    await deliver(root);
    await waitForMailbox(store, 'ann', hasCount(3), BY_WATCH_MS);
  });

  it('reports a Maildir missing from the start and picks it up when it is made', async () => {
    const root = join(dir, 'not-yet', 'Maildir');
    const store = await start(config(root));
    const failed = await waitForMailbox(store, 'ann', isError);
    expect(failed.error).toBe(`cannot read the Maildir folder ${root}: it does not exist (ENOENT)`);
    await makeMaildir(root);
    await deliver(root);
    await waitForMailbox(store, 'ann', hasCount(1), 5000);
  });

  it('reports a path that is a file, not a folder', async () => {
    const root = join(dir, 'Maildir');
    await writeFile(root, 'not a folder');
    const store = await start(config(root));
    const failed = await waitForMailbox(store, 'ann', isError);
    expect(failed.error).toContain(root);
    expect(failed.error).toContain('not a folder (ENOTDIR)');
  });

  it('counts 10,000 messages with well under a second of work', async () => {
    const root = join(dir, 'Maildir');
    await makeMaildir(root);
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 5000; i++) writes.push(writeFile(join(root, 'new', `${i}.M${i}P1.host`), ''));
    for (let i = 0; i < 5000; i++) writes.push(writeFile(join(root, 'cur', `${i}.M${i}P2.host:2,${i % 2 ? 'S' : 'F'}`), ''));
    await Promise.all(writes);

    // CPU time of this process (its file-system threads too), not elapsed time, which a busy machine stretches.
    const before = process.cpuUsage();
    expect(await countUnread(root)).toBe(7500);
    const spent = process.cpuUsage(before);
    const countMs = (spent.user + spent.system) / 1000;
    console.info(`counted 10,000 Maildir messages with ${countMs.toFixed(1)} ms of CPU`);
    expect(countMs).toBeLessThan(1000);

    const store = await start(config(root));
    await waitForMailbox(store, 'ann', hasCount(7500));
  });
});

describe('the Maildir config', () => {
  const parse = (raw: Record<string, unknown>) => maildirSourceType.parse(checkedEntry({ type: 'maildir', ...raw }), 'sources[0]', {});

  it('expands ~ and fills the defaults', () => {
    const parsed = parse({ path: '~/Maildir', mailbox: 'ann' });
    expect(parsed.path.endsWith('/Maildir')).toBe(true);
    expect(parsed.path.startsWith('~')).toBe(false);
    expect(parsed).toMatchObject({ inbox: true, folders: [], recountSeconds: 60 });
  });

  it.each([
    [{ path: '/m' }, 'sources[0].mailbox'],
    [{ path: '/m', mailbox: 'a b' }, 'sources[0].mailbox'],
    [{ mailbox: 'ann' }, 'sources[0].path'],
    [{ path: '/m', mailbox: 'ann', folders: ['../x'] }, 'sources[0].folders[0]'],
    [{ path: '/m', mailbox: 'ann', inbox: false }, 'sources[0].folders'],
    [{ path: '/m', mailbox: 'ann', recountSeconds: 0 }, 'sources[0].recountSeconds'],
    [{ path: '/m', mailbox: 'ann', colour: 'red' }, 'sources[0].colour'],
  ])('refuses %j, naming %s', (raw, place) => {
    expect(() => parse(raw)).toThrow(ConfigError);
    try {
      parse(raw);
    } catch (error) {
      expect((error as ConfigError).at).toBe(place);
    }
  });
});

describe('a count server with a Maildir source', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('answers a held GET /v1/counts when mail is delivered', async () => {
    const root = join(dir, 'Maildir');
    await makeMaildir(root);
    server = await startSourceServer([{ type: 'maildir', path: root, mailbox: 'ann', name: 'Ann' }]);
    await pollUntil(server, (a) => a.mailboxes.some((m) => m.id === 'ann' && m.name === 'Ann' && m.state === 'ok' && m.count === 0));
    await deliver(root);
    const answer = await pollUntil(server, (a) => a.mailboxes.some((m) => m.id === 'ann' && m.count === 1));
    expect(answer.mailboxes).toEqual([expect.objectContaining({ id: 'ann', name: 'Ann', count: 1, state: 'ok' })]);
  });
});
