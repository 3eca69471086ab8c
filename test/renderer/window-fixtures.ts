/** Counts, statuses and settings for the window tests, at a fixed "now". */
import type {
  AppStatus, ConnectionStatus, CountsView, LanguageView, MailboxView, ServerLabel, SettingsView,
} from '../../main/ipc-contract.ts';
import type { FakeSetup } from './fake-mailtray.ts';

export const now = Date.parse('2026-11-21T10:00:00.000Z');

/** The language of a system that speaks English, left to follow it. */
export const english: LanguageView = { choice: 'system', chosen: 'en', system: 'en' };

export const bundledServer: ServerLabel = { mode: 'bundled', label: 'bundled server', isInsecure: false };
export const remoteServer: ServerLabel = { mode: 'remote', label: 'mail.example.com', isInsecure: false };

export function mailbox(id: string, name: string, count: number, extra: Partial<MailboxView> = {}): MailboxView {
  return { id, name, count, state: 'ok', changedAt: new Date(now - 120_000).toISOString(), ...extra };
}

export function countsOf(mailboxes: MailboxView[]): CountsView {
  return { total: mailboxes.reduce((sum, m) => sum + m.count, 0), mailboxes };
}

export function status(connection: ConnectionStatus, extra: Partial<AppStatus> = {}): AppStatus {
  return { connection, warnings: [], snoozedUntil: null, countsConfirmedAt: null, ...extra };
}

export const live: AppStatus = status({ state: 'live', server: bundledServer });

export const fewMailboxes: CountsView = countsOf([
  mailbox('work', 'Work', 3, { webUrl: 'https://mail.example.com/work' }),
  mailbox('home', 'Home', 1, { changedAt: new Date(now - 3 * 3_600_000).toISOString() }),
  mailbox('lists', 'Mailing lists', 12, { changedAt: new Date(now - 20_000).toISOString() }),
  mailbox('ann', 'Ann (old account)', 0, {
    state: 'error', error: 'IMAP login failed for ann@example.com: wrong password', errorKind: 'auth',
  }),
  mailbox('new', 'Shared support', 0, { state: 'pending' }),
]);

export const someSettings: SettingsView = {
  servers: { bundled: { enabled: true }, remotes: [] },
  accounts: [{
    id: 'work', name: 'Work', host: 'imap.example.com', port: 993, security: 'tls', user: 'ann@example.com',
    hasPassword: true, folders: ['INBOX'], folderChoice: 'inbox' as const, webUrl: 'https://mail.example.com/',
  }],
  notifications: {
    enabled: true, sound: false, summaryAtStart: false,
    quietHours: { enabled: false, start: '22:00', end: '07:00' },
  },
  general: { launchAtLogin: true, trayIcon: 'colour', language: 'system' },
};

export const liveSetup: FakeSetup = { snapshot: { counts: fewMailboxes, status: live, language: english }, settings: someSettings };

/** A remote server over plain http://, no OS key store, and notifications snoozed: every banner at once. */
export const remoteWithTrouble: FakeSetup = {
  snapshot: {
    counts: liveSetup.snapshot.counts,
    language: english,
    status: status(
      { state: 'live', server: { ...remoteServer, label: 'counts.example.org', isInsecure: true } },
      { warnings: [{ key: 'app.keyStore.none' }], snoozedUntil: Date.parse('2026-11-21T11:30:00Z') },
    ),
  },
  settings: {
    ...someSettings,
    servers: {
      bundled: { enabled: false },
      remotes: [{ key: 's1', name: 'counts.example.org', url: 'http://counts.example.org', hasToken: true, enabled: true }],
    },
  },
};

/** `count` mailboxes, some with long names, for overflow checks. */
export function manyMailboxes(count: number): CountsView {
  return countsOf(Array.from({ length: count }, (_, i) => mailbox(
    `box-${i}`,
    i % 5 === 0 ? `A very long shared mailbox name that no window is wide enough for, number ${i}` : `Mailbox ${i}`,
    (i * 7) % 130,
  )));
}

const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

/** Mailboxes with their newest messages, as a server that knows them sends them, with settings applied. */
export const withMessages: CountsView = countsOf([
  mailbox('work', 'Work', 3, {
    canMarkRead: true, opensIn: 'mail client', colour: '#1a73e8',
    messages: [
      { id: 'w3', from: 'Alice Smith <alice@example.com>', subject: 'Lunch tomorrow?', date: minutesAgo(2) },
      { id: 'w2', from: '"Jones, Bob" <bob@example.com>', subject: '<b>Urgent</b> <img src=x onerror="window.pwned=1"> &amp; more', date: minutesAgo(30) },
      { id: 'w1', from: 'carol@example.com', subject: '', date: minutesAgo(90) },
    ],
  }),
  mailbox('home', 'Home', 1, {
    canMarkRead: true, opensIn: 'browser', webUrl: 'https://mail.example.com/', colour: '#d93025',
    messages: [{ id: 'h1', from: 'Dad <dad@example.org>', subject: 'Photos from the weekend', date: minutesAgo(47) }],
  }),
  mailbox('lists', 'Mailing lists', 12, {
    isMuted: true, isLeftOutOfTotal: true,
    messages: [{ id: 'l1', from: 'announce@lists.example.org', subject: '[announce] Release 4.2 is out', date: minutesAgo(5) }],
  }),
]);
