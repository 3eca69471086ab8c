import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsInput } from '../../main/ipc-contract.ts';
import { answerBounds } from '../../main/connection/read-answer.ts';
import type { MenuItemView } from '../../main/shell.ts';
import { MAX_MENU_MAILBOXES } from '../../main/tray/tray-view.ts';
import { eventually } from '../helpers/eventually.ts';
import { answerBody, startHostileServer, type HostileServer } from '../helpers/hostile-server.ts';
import { startAppUnderTest } from './support/app-under-test.ts';
import type { FakeShell } from './support/fake-shell.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const changedAt = '2026-11-21T08:00:00.000Z';

function settingsFor(server: HostileServer): SettingsInput {
  return {
    servers: { bundled: { enabled: false }, remotes: [{ url: server.url, token: 'a-token-for-the-hostile-server', enabled: true }] },
    accounts: [],
    notifications: { enabled: true, sound: false, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' } },
    general: { launchAtLogin: false },
  };
}

/** The app, polling a server that answers `body`, once its window has been sent counts with mailboxes in them. */
async function appAgainst(body: string) {
  const server = await startHostileServer(body);
  cleanups.push(() => server.close());
  const { shell } = await startAppUnderTest(cleanups, { settings: settingsFor(server) });
  const counts = await eventually(() => shell.payloads('counts:changed').find((c) => c.mailboxes.length > 0), 20_000);
  return { shell, counts, server };
}

/** The tray menu's rows between the first two separators: the mailboxes. */
function mailboxRows(shell: FakeShell): MenuItemView[] {
  const menu = shell.tray!.menu;
  const first = menu.findIndex((item) => item.type === 'separator');
  const second = menu.findIndex((item, index) => index > first && item.type === 'separator');
  return menu.slice(first + 1, second);
}
const labels = (rows: MenuItemView[]) => rows.map((row) => (row.type === 'item' ? row.label : '-'));

describe('a count server that sends more than anyone could read', () => {
  it('100,000 mailboxes: the window gets the first 500 and is told the rest were left out; the tray menu lists 14 and "And 486 more…"', async () => {
    // Ids and counts only (a name defaults to the id), so the answer stays under the bound on its size.
    const mailboxes = Array.from({ length: 100_000 }, (_, i) => ({ id: `box-${i}`, count: 1 }));
    const { shell, counts } = await appAgainst(answerBody(mailboxes));

    expect(counts.mailboxes).toHaveLength(answerBounds.mailboxes);
    // A remote server's mailbox ids carry its key (more than one server, issue 22).
    expect(counts.mailboxes.at(-1)!.id).toBe('s1/box-499');
    expect(counts.total).toBe(500);
    expect(counts.cut).toEqual({ mailboxesSent: 100_000, mailboxesShown: 500, textsShortened: 0, messagesLeftOut: 0 });

    await eventually(() => shell.tray?.menu.some((item) => item.type === 'item' && item.label === 'box-0 - 1'));
    const rows = mailboxRows(shell);
    expect(rows).toHaveLength(MAX_MENU_MAILBOXES);
    expect(labels(rows).slice(0, 2)).toEqual(['box-0 - 1', 'box-1 - 1']);
    expect(rows.at(-1)).toEqual({ type: 'item', label: 'And 486 more…', action: { type: 'open' }, enabled: true });
    expect(shell.tray!.menu.length).toBeLessThan(25);
    expect(shell.tray!.tooltip.length).toBeLessThanOrEqual(127);
  });

  it(`a 20 MB answer: the app stops reading at ${answerBounds.bodyBytes / 1024 / 1024} MiB and says why it is not connected`, async () => {
    const body = answerBody([{ id: 'work', name: 'Work', count: 1, state: 'ok', changedAt, error: 'x'.repeat(20 * 1024 * 1024) }]);
    const server = await startHostileServer(body);
    cleanups.push(() => server.close());
    const { shell } = await startAppUnderTest(cleanups, { settings: settingsFor(server) });

    const status = await eventually(() => shell.payloads('status:changed').find((s) => s.connection.state === 'retrying'), 20_000);
    expect(status.connection).toMatchObject({ reason: "the server's answer is larger than 8 MiB, more than Mailtray reads" });
    expect(shell.payloads('counts:changed').every((c) => c.mailboxes.length === 0)).toBe(true);
    expect(shell.tray!.tooltip).toContain("Not connected: the server's answer is larger than 8 MiB");
  });

  it('a 1 MB mailbox name: cut to 200 characters for the window and the tray, and the window is told', async () => {
    const { shell, counts } = await appAgainst(answerBody([
      { id: 'work', name: `Work ${'x'.repeat(1024 * 1024)}`, count: 3, state: 'ok', changedAt },
      { id: 'home', name: 'Home', count: 1, state: 'error', error: `IMAP login failed: ${'y'.repeat(100_000)}`, changedAt },
    ]));
    const [work, home] = counts.mailboxes;
    expect(Array.from(work!.name)).toHaveLength(200);
    expect(work!.name).toMatch(/^Work x+…$/);
    expect(Array.from(home!.error!)).toHaveLength(answerBounds.errorLength);
    expect(counts.cut).toEqual({ mailboxesSent: 2, mailboxesShown: 2, textsShortened: 2, messagesLeftOut: 0 });

    await eventually(() => shell.tray?.menu.some((item) => item.type === 'item' && item.label.startsWith('Work x')));
    const [row] = labels(mailboxRows(shell));
    expect(row).toBe(`${work!.name} - 3`);
    expect(shell.tray!.tooltip.length).toBeLessThanOrEqual(127);
  });

  it('error kinds and facts: an unknown kind is left out, facts are text, a few, each cut to 200 characters', async () => {
    const manyFacts = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, 'z'.repeat(1000)]));
    const { shell, counts } = await appAgainst(answerBody([
      { id: 'work', name: 'Work', count: 3, state: 'error', error: 'login failed', errorKind: 'auth', errorFacts: { user: 'ann', retryAt: 7, nested: { a: 1 } }, changedAt },
      { id: 'home', name: 'Home', count: 1, state: 'error', error: 'something new', errorKind: 'x'.repeat(100_000), errorFacts: manyFacts, changedAt },
      { id: 'list', name: 'List', count: 1, state: 'ok', errorKind: 'auth', errorFacts: { user: 'ann' }, changedAt },
    ]));
    const [work, home, list] = counts.mailboxes;
    expect(work).toMatchObject({ errorKind: 'auth', errorFacts: { user: 'ann' } });
    expect(home).not.toHaveProperty('errorKind');
    expect(Object.keys(home!.errorFacts!)).toHaveLength(answerBounds.errorFacts);
    expect(Object.values(home!.errorFacts!).every((fact) => Array.from(fact).length === 200)).toBe(true);
    expect(list).not.toHaveProperty('errorKind');
    expect(list).not.toHaveProperty('errorFacts');
    await eventually(() => labels(mailboxRows(shell)).includes('Work - login failed'));
    expect(labels(mailboxRows(shell))).toContain('Home - failing');
  });

  it('10,000 messages in a mailbox: the window gets the newest 50 and is told the rest were left out', async () => {
    const messages = Array.from({ length: 10_000 }, (_, i) => ({ id: `m${i}`, from: `Sender ${i} <s${i}@example.com>`, subject: `Message ${i}` }));
    const { counts } = await appAgainst(answerBody([{ id: 'work', name: 'Work', count: 10_000, state: 'ok', changedAt, messages }]));
    const [work] = counts.mailboxes;
    expect(work!.count).toBe(10_000);
    expect(work!.messages).toHaveLength(50);
    expect(work!.messages![0]).toEqual({ id: 'm0', from: 'Sender 0 <s0@example.com>', subject: 'Message 0' });
    expect(counts.cut).toEqual({ mailboxesSent: 1, mailboxesShown: 1, textsShortened: 0, messagesLeftOut: 9_950 });
  });

  it('folders of a mailbox: the first 100 with a name and a count reach the window, names cut to 200 characters; one folder is no breakdown', async () => {
    const folders = [
      { name: 'n'.repeat(1000), count: 1 }, { name: 42, count: 1 }, { name: 'Minus', count: -1 }, { name: '', count: 1 },
      ...Array.from({ length: 1000 }, (_, i) => ({ name: `Folder ${i}`, count: i })),
    ];
    const { counts } = await appAgainst(answerBody([
      { id: 'work', name: 'Work', count: 3, state: 'ok', changedAt, folders },
      { id: 'home', name: 'Home', count: 1, state: 'ok', changedAt, folders: [{ name: 'INBOX', count: 1 }] },
      { id: 'list', name: 'List', count: 1, state: 'ok', changedAt, folders: 'INBOX' },
    ]));
    const [work, home, list] = counts.mailboxes;
    expect(work!.folders).toHaveLength(100);
    expect(Array.from(work!.folders![0]!.name)).toHaveLength(200);
    expect(work!.folders![1]).toEqual({ name: 'Folder 0', count: 0 });
    expect(home).not.toHaveProperty('folders');
    expect(list).not.toHaveProperty('folders');
  });

  it('an answer within the bounds reaches the window as it was sent, with nothing said about cuts', async () => {
    const folders = [{ name: 'INBOX', count: 1 }, { name: '받은편지함/업무', count: 1 }];
    const { counts } = await appAgainst(answerBody([{ id: 'work', name: 'Work', count: 2, state: 'ok', changedAt, folders }]));
    expect(counts).toEqual({
      total: 2,
      mailboxes: [{ id: 's1/work', server: 's1', name: 'Work', count: 2, state: 'ok', changedAt, folders }],
    });
  });
});
