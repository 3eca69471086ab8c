import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../server/store/memory-store.ts';
import { MaildirSource, maildirSourceType } from '../../../server/sources/maildir.ts';
import { silentLogger } from '../../../server/log.ts';
import { checkedEntry } from '../../helpers/source-entry.ts';
import { waitForMailbox } from '../../helpers/store-wait.ts';

let dir: string;
let sources: MaildirSource[];
let seq = 0;
const DAY = 24 * 60 * 60 * 1000;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailtray-maildir-filter-'));
  for (const sub of ['tmp', 'new', 'cur']) await mkdir(join(dir, sub), { recursive: true });
  sources = [];
});

afterEach(async () => {
  await Promise.all(sources.map((s) => s.stop()));
  await rm(dir, { recursive: true, force: true });
});

/** Delivers as an MTA does (tmp/, then new/); `flags` files it in cur/ as a mail client would. */
async function deliver(headers: { from: string; to?: string; cc?: string; date?: Date; subject: string }, flags?: string): Promise<void> {
  const name = `${Math.floor(Date.now() / 1000)}.M${seq++}P1.test`;
  const lines = [`From: ${headers.from}`, `To: ${headers.to ?? 'ann@example.com'}`];
  if (headers.cc) lines.push(`Cc: ${headers.cc}`);
  if (headers.date) lines.push(`Date: ${headers.date.toUTCString()}`);
  lines.push(`Subject: ${headers.subject}`);
  await writeFile(join(dir, 'tmp', name), `${lines.join('\r\n')}\r\n\r\nHello.\r\n`);
  await rename(join(dir, 'tmp', name), flags === undefined ? join(dir, 'new', name) : join(dir, 'cur', `${name}:2,${flags}`));
}

async function start(filter: object): Promise<MemoryStore> {
  const store = new MemoryStore();
  const config = maildirSourceType.parse(checkedEntry({ type: 'maildir', path: dir, mailbox: 'ann', filter }), 'sources[0]', {});
  const source = new MaildirSource(config, { store, log: silentLogger });
  sources.push(source);
  await source.start();
  return store;
}

/**
 * Waits for the count that has seen the message `subject` (the newest that
 * counts, shown first): an earlier non-matching delivery is then seen too.
 */
const countWith = async (store: MemoryStore, subject: string) =>
  (await waitForMailbox(store, 'ann', (m) => m.state === 'ok' && m.messages?.[0]?.subject === subject)).count;

describe('what counts in a Maildir: header match on From, To and Date, flags from the file names', () => {
  it('"from" counts the named senders and domains; mail from others arriving later changes nothing', async () => {
    await deliver({ from: 'Alice <alice@example.com>', subject: 'a1' });
    await deliver({ from: 'news@lists.example.org', subject: 'n1' });
    await deliver({ from: 'bob@example.net', subject: 'b1' });
    await deliver({ from: 'alice@example.com', subject: 'seen' }, 'S');
    const store = await start({ from: ['alice@example.com', 'lists.example.org'] });
    expect(await countWith(store, 'n1')).toBe(2);

    await deliver({ from: 'mallory@example.net', subject: 'm1' });
    await deliver({ from: '"A. S." <ALICE@EXAMPLE.COM>', subject: 'a2' });
    expect(await countWith(store, 'a2')).toBe(3);
  });

  it('"notFrom" and "to" (plus forms, aliases, Cc) together', async () => {
    await deliver({ from: 'carol@example.com', to: 'ann+lists@example.com', subject: 'plus' });
    await deliver({ from: 'carol@example.com', to: 'team@example.com', cc: 'a.lee@example.org', subject: 'alias in cc' });
    await deliver({ from: 'noreply@shop.example', to: 'ann@example.com', subject: 'shop' });
    await deliver({ from: 'carol@example.com', to: 'joann@example.com', subject: 'someone else' });
    const store = await start({ to: ['ann@example.com', 'a.lee@example.org'], notFrom: ['shop.example'] });
    expect(await countWith(store, 'alias in cc')).toBe(2);

    await deliver({ from: 'deals@shop.example', to: 'ann@example.com', subject: 'shop 2' });
    await deliver({ from: 'dave@example.com', to: 'Ann <ann@example.com>', subject: 'dave' });
    expect(await countWith(store, 'dave')).toBe(3);
  });

  it('"flagged" reads the F flag of the file name, and "newerThanDays" the Date header', async () => {
    const now = Date.now();
    await deliver({ from: 'a@example.com', subject: 'old flagged', date: new Date(now - 30 * DAY) }, 'F');
    await deliver({ from: 'a@example.com', subject: 'new flagged', date: new Date(now - DAY) }, 'F');
    await deliver({ from: 'a@example.com', subject: 'new plain', date: new Date(now - DAY) });
    const store = await start({ flagged: true, newerThanDays: 7 });
    expect(await countWith(store, 'new flagged')).toBe(1);

    await deliver({ from: 'a@example.com', subject: 'flagged now', date: new Date(now) }, 'F');
    expect(await countWith(store, 'flagged now')).toBe(2);
  });
});

describe('a Maildir filter in the config', () => {
  it('refuses Gmail\'s categories, which only a Gmail account has', () => {
    expect(() => maildirSourceType.parse(checkedEntry({ type: 'maildir', path: dir, mailbox: 'ann', filter: { gmailCategory: 'primary' } }), 'sources[0]', {}))
      .toThrow('sources[0].filter.gmailCategory: Gmail\'s categories exist only on a Gmail account read over IMAP');
  });
});
