import { describe, expect, it } from 'vitest';
import type { HookSettings } from '../../../main/ipc-contract.ts';
import { hookCommand, hookEnvironment, hookNewsFor, mergeHookNews, type HookNews } from '../../../main/notifications/hook-plan.ts';
import type { MailboxNews } from '../../../main/notifications/notification-text.ts';

const hooks: HookSettings = { enabled: true, program: '/usr/local/bin/on-new-mail', args: ['--quiet'], mailboxes: 'all', timeoutSeconds: 10 };
const alice = { id: 'm1', from: 'Alice Smith <alice@example.com>', subject: 'Lunch tomorrow?', date: '2026-12-05T08:00:00.000Z' };
const bob = { id: 'm0', from: 'bob@example.com', subject: 'Older', date: '2026-12-05T07:00:00.000Z' };
const news: MailboxNews[] = [
  { id: 'work', name: 'Work', added: 2, messages: [alice, bob] },
  { id: 'home', name: 'Home', added: 1, messages: [] },
];
const counts: Record<string, number> = { work: 7, home: 1 };
const countOf = (id: string) => counts[id] ?? 0;

describe('which news runs the hook', () => {
  it.each([
    ['off', { ...hooks, enabled: false }, []],
    ['on without a program', { ...hooks, program: '  ' }, []],
    ['for every mailbox', hooks, ['work', 'home']],
    ['for the mailboxes ticked', { ...hooks, mailboxes: ['home'] }, ['home']],
    ['for a mailbox with no news', { ...hooks, mailboxes: ['other'] }, []],
  ] as const)('%s', (_, settings, ids) => {
    expect(hookNewsFor(news, countOf, settings as HookSettings, 'sender-and-subject').map((n) => n.mailboxId)).toEqual(ids);
  });

  it('is off when the settings have no hook at all (files from before it)', () => {
    expect(hookCommand(undefined)).toBeUndefined();
    expect(hookNewsFor(news, countOf, undefined, 'sender-and-subject')).toEqual([]);
  });

  it('runs the program itself with its arguments and the time limit in ms', () => {
    expect(hookCommand({ ...hooks, program: ' /opt/x ' })).toEqual({ program: '/opt/x', args: ['--quiet'], timeoutMs: 10_000 });
  });
});

describe('what the hook sees follows the notifications\' privacy setting', () => {
  it.each([
    ['sender-and-subject', { sender: alice.from, subject: alice.subject }],
    ['sender', { sender: alice.from }],
    ['count', {}],
  ] as const)('%s', (detail, seen) => {
    const [work] = hookNewsFor(news, countOf, hooks, detail);
    expect(work).toEqual({ mailboxId: 'work', mailboxName: 'Work', count: 7, added: 2, ...seen });
  });

  it('names no sender where the server named no message', () => {
    expect(hookNewsFor(news, countOf, hooks, 'sender-and-subject')[1]).toEqual({ mailboxId: 'home', mailboxName: 'Home', count: 1, added: 1 });
  });
});

describe('runs that waited are one run', () => {
  const first: HookNews = { mailboxId: 'work', mailboxName: 'Work', count: 3, added: 1, sender: 'a@example.com', subject: 'A' };
  it('adds up the new mail and keeps the newest message and count', () => {
    const second: HookNews = { mailboxId: 'work', mailboxName: 'Work', count: 5, added: 2, sender: 'b@example.com', subject: 'B' };
    expect(mergeHookNews(first, second)).toEqual({ ...second, added: 3 });
  });
  it('keeps the older message when the newer news named none', () => {
    const second: HookNews = { mailboxId: 'work', mailboxName: 'Work', count: 4, added: 1 };
    expect(mergeHookNews(first, second)).toEqual({ ...first, count: 4, added: 2 });
  });
});

describe('the environment', () => {
  const told: HookNews = { mailboxId: 'work', mailboxName: 'Work\0 mail', count: 7, added: 2, sender: alice.from, subject: `${'x'.repeat(1200)}` };
  const env = hookEnvironment(told, { PATH: '/usr/bin', HOME: '/home/ann', MAILTRAY_USER_DATA: '/secret', Mailtray_Other: 'x', EMPTY: undefined });

  it('keeps what the program needs to run and drops every MAILTRAY_* it would inherit', () => {
    expect(env.PATH).toBe('/usr/bin');
    expect(env.HOME).toBe('/home/ann');
    expect(Object.keys(env).filter((name) => name.toUpperCase().startsWith('MAILTRAY_')).sort()).toEqual([
      'MAILTRAY_COUNT', 'MAILTRAY_EVENT', 'MAILTRAY_MAILBOX_ID', 'MAILTRAY_MAILBOX_NAME', 'MAILTRAY_NEW_COUNT', 'MAILTRAY_SENDER', 'MAILTRAY_SUBJECT',
    ]);
    expect('EMPTY' in env).toBe(false);
  });

  it('says the news in MAILTRAY_* variables, without NULs and cut to 1000 characters', () => {
    expect(env).toMatchObject({
      MAILTRAY_EVENT: 'new-mail', MAILTRAY_MAILBOX_ID: 'work', MAILTRAY_MAILBOX_NAME: 'Work mail', MAILTRAY_COUNT: '7', MAILTRAY_NEW_COUNT: '2',
      MAILTRAY_SENDER: 'Alice Smith <alice@example.com>',
    });
    expect(env.MAILTRAY_SUBJECT).toHaveLength(1000);
  });

  it('sets no sender or subject variable at all where they may not be seen', () => {
    const bare = hookEnvironment({ mailboxId: 'work', mailboxName: 'Work', count: 1, added: 1 }, {});
    expect('MAILTRAY_SENDER' in bare || 'MAILTRAY_SUBJECT' in bare).toBe(false);
    expect('MAILTRAY_SERVER' in bare).toBe(false);
  });

  it('gives a remote server\'s mailbox by the id its server knows, and the server by the name the user gave it', () => {
    const env = hookEnvironment({ mailboxId: 's2/work', mailboxName: 'Work', remote: { serverName: 'Office', mailboxId: 'work' }, count: 3, added: 1 }, {});
    expect(env).toMatchObject({ MAILTRAY_MAILBOX_ID: 'work', MAILTRAY_SERVER: 'Office' });
  });
});
