/**
 * The one fake `window.mailtray` for the browser tests. It implements the
 * preload's MailtrayApi inside the page, lets a test push what main would
 * relay, queue answers for save and test-connection, and records every call.
 */
import type { Page } from 'playwright-core';
import type {
  AppSnapshot, AppStatus, ConnectionTestResult, CountsView, EventChannels, FolderListResult, LanguageView, MailtrayApi, MarkReadResult, SaveResult,
  SettingsInput, SettingsView,
} from '../../main/ipc-contract.ts';

/** What main holds at the start. A window test speaks English unless its setup says which language main chose. */
export interface FakeSetup {
  snapshot: Omit<AppSnapshot, 'language'> & { language?: LanguageView };
  settings: SettingsView;
}

export interface RecordedCall {
  method: keyof MailtrayApi;
  args: unknown[];
}

/** What the page holds as `window.fakeMailtray`. */
interface FakeControl {
  calls: RecordedCall[];
  snapshot: AppSnapshot;
  settings: SettingsView;
  saveResults: SaveResult[];
  testResults: ConnectionTestResult[];
  /** Answers for markRead, in order; when none is queued it succeeds. */
  markResults: MarkReadResult[];
  /** Answers for listFolders, in order; when none is queued it lists a Dovecot's folders. */
  folderLists: FolderListResult[];
  emit<K extends keyof EventChannels>(channel: K, payload: EventChannels[K]): void;
}

declare global {
  interface Window {
    fakeMailtray: FakeControl;
  }
}

/**
 * Runs in the page before any of its scripts (page.addInitScript serialises
 * it), so it may use nothing from outside its own body.
 */
export function installFakeMailtray(setup: FakeSetup): void {
  type Listener = (payload: never) => void;
  const listeners: Record<keyof EventChannels, Set<Listener>> = {
    'counts:changed': new Set(), 'status:changed': new Set(), 'settings:changed': new Set(), 'language:changed': new Set(),
    'settings:show': new Set(),
  };
  const control: FakeControl = {
    calls: [],
    snapshot: { language: { choice: 'system', chosen: 'en', system: 'en' }, ...setup.snapshot },
    settings: setup.settings,
    saveResults: [],
    testResults: [],
    markResults: [],
    folderLists: [],
    emit(channel, payload) {
      if (channel === 'counts:changed') control.snapshot = { ...control.snapshot, counts: payload as CountsView };
      if (channel === 'status:changed') control.snapshot = { ...control.snapshot, status: payload as AppStatus };
      if (channel === 'settings:changed') control.settings = payload as SettingsView;
      if (channel === 'language:changed') control.snapshot = { ...control.snapshot, language: payload as LanguageView };
      // IPC events arrive as structured clones, never as the sender's objects.
      for (const listener of listeners[channel]) (listener as (p: unknown) => void)(structuredClone(payload));
    },
  };
  // Calls cross IPC as structured clones: record them as main would receive them.
  const record = (method: keyof MailtrayApi, args: unknown[]) => control.calls.push({ method, args: structuredClone(args) });
  const subscribe = <K extends keyof EventChannels>(channel: K) => (listener: (payload: EventChannels[K]) => void) => {
    listeners[channel].add(listener as Listener);
    return () => { listeners[channel].delete(listener as Listener); };
  };
  // What main answers to a save: the settings as the window may see them (no password, no token).
  const viewOf = (input: SettingsInput): SettingsView => {
    const before = control.settings;
    let next = 1;
    const taken = new Set(input.servers.remotes.flatMap((r) => (r.key ? [r.key] : [])));
    const freshKey = () => {
      while (taken.has(`s${next}`)) next += 1;
      taken.add(`s${next}`);
      return `s${next}`;
    };
    return {
      servers: {
        bundled: input.servers.bundled,
        remotes: input.servers.remotes.map((remote) => ({
          key: remote.key ?? freshKey(),
          name: remote.name || new URL(remote.url).host,
          url: remote.url,
          hasToken: remote.token !== undefined || before.servers.remotes.some((old) => old.key === remote.key && old.hasToken),
          enabled: remote.enabled,
        })),
      },
      accounts: input.accounts.map(({ password, signInId, ...account }) => ({
        ...account,
        ...(signInId ? { signedInAs: 'ann@gmail.com' } : {}),
        hasPassword: password !== undefined || before.accounts.some((old) => old.id === account.id && old.hasPassword),
      })),
      notifications: input.notifications,
      general: {
        ...input.general,
        trayIcon: input.general.trayIcon ?? before.general.trayIcon,
        language: input.general.language ?? before.general.language,
      },
    };
  };

  const api: MailtrayApi = {
    async getState() { record('getState', []); return structuredClone(control.snapshot); },
    async getSettings() { record('getSettings', []); return structuredClone(control.settings); },
    async saveSettings(input) {
      record('saveSettings', [input]);
      const queued = control.saveResults.shift();
      if (queued) return queued;
      const view = viewOf(input);
      queueMicrotask(() => control.emit('settings:changed', view));
      // As main does: a saved language is spoken at once, the system's for 'system'.
      const choice = view.general.language;
      if (choice !== control.snapshot.language.choice) {
        const chosen = choice === 'system' ? control.snapshot.language.system : choice;
        queueMicrotask(() => control.emit('language:changed', { ...control.snapshot.language, choice, chosen }));
      }
      return { ok: true, settings: structuredClone(view) };
    },
    async testConnection(server) {
      record('testConnection', [server]);
      return control.testResults.shift() ?? { ok: true, mailboxes: 2 };
    },
    async retryNow() { record('retryNow', []); },
    async networkChanged() { record('networkChanged', []); },
    async snooze(until) {
      record('snooze', [until]);
      control.emit('status:changed', { ...control.snapshot.status, snoozedUntil: until });
    },
    async openMailbox(id) { record('openMailbox', [id]); },
    async markRead(id, which) {
      record('markRead', [id, which]);
      return control.markResults.shift() ?? { ok: true, marked: 'all' in which ? 1 : which.messageIds.length };
    },
    async signIn(request) {
      record('signIn', [request]);
      return { ok: true, signInId: 'sign-in-1', address: 'ann@gmail.com', message: { key: 'account.signIn.signedInAs', values: { address: 'ann@gmail.com' } } };
    },
    async cancelSignIn() { record('cancelSignIn', []); },
    async testAccount(account) {
      record('testAccount', [account]);
      // Gmail announces X-GM-EXT-1 (its IMAP extensions' documentation), so main's test says its tabs may be chosen.
      const hasGmailTabs = account.host === 'imap.gmail.com' ? { hasGmailTabs: true } : {};
      return { ok: true, unseen: 3, message: { key: 'account.test.counted', values: { user: account.user, unseen: 3, folder: account.folders[0] ?? 'INBOX' } }, ...hasGmailTabs };
    },
    async listFolders(account) {
      record('listFolders', [account]);
      const queued = control.folderLists.shift();
      if (queued) return queued;
      // An account's folders as a Dovecot with special-use flags lists them, a Korean one among them.
      return {
        ok: true,
        folders: [
          { path: 'INBOX', name: 'INBOX', depth: 0, isSelectable: true, specialUse: 'inbox' },
          { path: 'Archive', name: 'Archive', depth: 0, isSelectable: true, specialUse: 'archive' },
          { path: 'Drafts', name: 'Drafts', depth: 0, isSelectable: true, specialUse: 'drafts' },
          { path: 'Junk', name: 'Junk', depth: 0, isSelectable: true, specialUse: 'junk' },
          { path: 'Lists', name: 'Lists', depth: 0, isSelectable: false },
          { path: 'Lists/Dovecot', name: 'Dovecot', depth: 1, isSelectable: true },
          { path: 'Sent', name: 'Sent', depth: 0, isSelectable: true, specialUse: 'sent' },
          { path: 'Trash', name: 'Trash', depth: 0, isSelectable: true, specialUse: 'trash' },
          { path: '거래처', name: '거래처', depth: 0, isSelectable: true },
        ],
      };
    },
    async chooseCertificate() { record('chooseCertificate', []); return '/home/ann/company-ca.pem'; },
    async previewSound(choice) { record('previewSound', [choice]); },
    async chooseSoundFile() { record('chooseSoundFile', []); return '/home/ann/sounds/ding.wav'; },
    async downloadUpdate() { record('downloadUpdate', []); },
    async installUpdate() { record('installUpdate', []); },
    onCounts: subscribe('counts:changed'),
    onStatus: subscribe('status:changed'),
    onSettings: subscribe('settings:changed'),
    onLanguage: subscribe('language:changed'),
    onShowSettings: (listener) => subscribe('settings:show')(() => listener()),
  };
  (window as unknown as { mailtray: MailtrayApi }).mailtray = api;
  window.fakeMailtray = control;
}

/** The test's handle on the fake inside a page. */
export interface FakeMailtray {
  pushCounts(counts: CountsView): Promise<void>;
  pushStatus(status: AppStatus): Promise<void>;
  pushSettings(settings: SettingsView): Promise<void>;
  pushLanguage(language: LanguageView): Promise<void>;
  /** The tray menu's Settings… */
  showSettings(): Promise<void>;
  queueSaveResult(result: SaveResult): Promise<void>;
  queueTestResult(result: ConnectionTestResult): Promise<void>;
  queueMarkResult(result: MarkReadResult): Promise<void>;
  queueFolderList(result: FolderListResult): Promise<void>;
  calls(method?: keyof MailtrayApi): Promise<RecordedCall[]>;
}

export async function fakeMailtray(page: Page, setup: FakeSetup): Promise<FakeMailtray> {
  await page.addInitScript(installFakeMailtray, setup);
  const emit = <K extends keyof EventChannels>(channel: K, payload: EventChannels[K]) =>
    page.evaluate(([c, p]) => window.fakeMailtray.emit(c, p as never), [channel, payload] as const);
  return {
    pushCounts: (counts) => emit('counts:changed', counts),
    pushStatus: (status) => emit('status:changed', status),
    pushSettings: (settings) => emit('settings:changed', settings),
    pushLanguage: (language) => emit('language:changed', language),
    showSettings: () => emit('settings:show', null),
    queueSaveResult: (result) => page.evaluate((r) => { window.fakeMailtray.saveResults.push(r); }, result),
    queueTestResult: (result) => page.evaluate((r) => { window.fakeMailtray.testResults.push(r); }, result),
    queueMarkResult: (result) => page.evaluate((r) => { window.fakeMailtray.markResults.push(r); }, result),
    queueFolderList: (result) => page.evaluate((r) => { window.fakeMailtray.folderLists.push(r); }, result),
    calls: async (method) => {
      const all = await page.evaluate(() => window.fakeMailtray.calls);
      return method === undefined ? all : all.filter((call) => call.method === method);
    },
  };
}
