import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MailboxSettings, SettingsInput } from '../../main/ipc-contract.ts';
import type { Secrets } from '../../main/secrets.ts';
import { Settings } from '../../main/settings/settings.ts';
import { settingsFileOptions } from '../../main/settings/settings-file.ts';
import type { StoredSettings } from '../../main/settings/stored-settings.ts';
import { crossFieldMessages, serverUrlRule } from '../../common/settings-rules.ts';
import { fakeSecrets } from './support/fake-secrets.ts';
import { translatorFor } from '../../common/i18n/translator.ts';

const english = translatorFor('en');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailtray-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The same options electron-store gets in the app, on conf with a temp folder. */
function openFile(secrets: Secrets = fakeSecrets()): Conf<StoredSettings> {
  return new Conf<StoredSettings>({ ...settingsFileOptions(secrets), cwd: dir, configName: 'settings' });
}
const fileText = () => readFile(join(dir, 'settings.json'), 'utf8');

const remote = (token?: string, url = 'https://counts.example.com/'): SettingsInput => ({
  servers: {
    bundled: { enabled: false },
    remotes: [{ ...(token === undefined ? { key: 's1' } : {}), name: 'Work', url, ...(token === undefined ? {} : { token }), enabled: true }],
  },
  accounts: [],
  notifications: { enabled: true, sound: false, summaryAtStart: false, quietHours: { enabled: true, start: '22:00', end: '07:00' } },
  general: { launchAtLogin: true },
});

describe('settings', () => {
  it('start as the bundled server with notifications on', () => {
    const settings = new Settings(openFile(), fakeSecrets());
    expect(settings.view()).toMatchObject({ servers: { bundled: { enabled: true }, remotes: [] }, accounts: [], notifications: { enabled: true } });
  });

  it('keep the token sealed on disk and never hand it to the window', async () => {
    const settings = new Settings(openFile(), fakeSecrets());
    const token = 'a-long-client-token-0123456789';
    const result = settings.save(remote(token));
    expect(result).toEqual({ ok: true, settings: expect.objectContaining({ servers: {
      bundled: { enabled: false }, remotes: [{ key: 's1', name: 'Work', url: 'https://counts.example.com', hasToken: true, enabled: true }],
    } }) });
    expect(JSON.stringify(result)).not.toContain(token);
    expect(await fileText()).not.toContain(token);
    expect(settings.remoteServers()).toEqual([{ key: 's1', name: 'Work', endpoint: { url: 'https://counts.example.com', token } }]);
  });

  it('keep the saved token when the window leaves it out, but not for another server', () => {
    const settings = new Settings(openFile(), fakeSecrets());
    settings.save(remote('a-long-client-token-0123456789'));
    expect(settings.save(remote()).ok).toBe(true);
    expect(settings.remoteServers()[0]!.endpoint.token).toBe('a-long-client-token-0123456789');
    const elsewhere = remote(undefined, 'https://evil.example.net');
    expect(settings.save(elsewhere)).toEqual({ ok: false, errors: [{ field: 'servers.remotes.0.token', message: crossFieldMessages.tokenForOtherServer }] });
  });

  it('refuse bad input field by field, in words for the form', () => {
    const settings = new Settings(openFile(), fakeSecrets());
    const result = settings.save({
      servers: { bundled: { enabled: true }, remotes: [{ url: 'ftp://x', token: 'short', enabled: true }] },
      accounts: [{ id: 'w o', name: 'Work', host: 'imap.example.com', port: 99999, security: 'tls', user: 'ann', folders: ['INBOX'], folderChoice: 'inbox' }],
      notifications: { enabled: true, sound: true, summaryAtStart: false, quietHours: { enabled: true, start: '25:00', end: '07:00' } },
      general: { launchAtLogin: 'yes' },
    });
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.errors.map((e) => e.field);
    expect(fields).toEqual([
      'servers.remotes.0.url', 'servers.remotes.0.token', 'accounts.0.id', 'accounts.0.port', 'accounts.0.password',
      'notifications.quietHours.start', 'general.launchAtLogin',
    ]);
    expect(result.ok ? '' : result.errors[0]!.message).toEqual(serverUrlRule.message);
  });

  it('are checked by the schema on every write, with a message naming the field', () => {
    const file = openFile();
    const store = file.store;
    expect(() => {
      file.store = { ...store, notifications: { ...store.notifications, quietHours: { enabled: true, start: '7 pm', end: '07:00' } } };
    }).toThrow(/quietHours\/start.*must match pattern/);
    expect(() => {
      file.store = { ...store, servers: { bundled: { enabled: true }, remotes: [{ key: 's1', name: 'X', url: 'javascript:alert(1)', token: '', enabled: true }] } };
    }).toThrow(/servers\/remotes\/0\/url/);
    expect(() => {
      file.store = { ...store, accounts: [{ ...{ id: 'x', name: 'X', host: 'h', port: 0, security: 'tls', user: 'u', password: '', folders: ['INBOX'], folderChoice: 'inbox' } }] };
    }).toThrow(/`accounts\/0\/port` must be >= 1/);
  });

  it('refuse to open a hand-broken file instead of emptying it', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ version: 1, general: { launchAtLogin: 'often' } }));
    expect(() => openFile()).toThrow(/`general\/launchAtLogin` must be boolean/);
    expect(await fileText()).toContain('often');
  });

  it('keep the tray icon style, and a save that leaves it out keeps the saved one', () => {
    const settings = new Settings(openFile(), fakeSecrets());
    expect(settings.view().general).toEqual({ launchAtLogin: false, trayIcon: 'colour', language: 'system' });
    expect(settings.save({ ...remote('a-long-client-token-0123456789'), general: { launchAtLogin: false, trayIcon: 'dark-panel' } }).ok).toBe(true);
    expect(settings.view().general.trayIcon).toBe('dark-panel');
    expect(settings.save(remote()).ok).toBe(true);
    expect(settings.view().general.trayIcon).toBe('dark-panel');
  });

  it('keep the language; a save that leaves it out keeps the saved one; refuse one Mailtray does not speak', () => {
    const settings = new Settings(openFile(), fakeSecrets());
    expect(settings.view().general.language).toBe('system');
    expect(settings.save({ ...remote('a-long-client-token-0123456789'), general: { launchAtLogin: false, language: 'ko' } }).ok).toBe(true);
    expect(settings.view().general.language).toBe('ko');
    expect(settings.save(remote()).ok).toBe(true);
    expect(settings.view().general.language).toBe('ko');
    expect(settings.save({ ...remote(), general: { launchAtLogin: false, language: 'fr' as never } }))
      .toEqual({ ok: false, errors: [{ field: 'general.language', message: crossFieldMessages.language }] });
  });

  it('migrate a version 1 file: everything kept, and the language follows the system', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({
      version: 1, server: { mode: 'bundled', url: '', token: '' }, accounts: [],
      notifications: { enabled: false, sound: true, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' } },
      general: { launchAtLogin: true, trayIcon: 'dark-panel' }, snoozedUntil: 5,
    }));
    const settings = new Settings(openFile(), fakeSecrets());
    expect(settings.view().general).toEqual({ launchAtLogin: true, trayIcon: 'dark-panel', language: 'system' });
    expect(settings.view().notifications.enabled).toBe(false);
    const onDisk = JSON.parse(await fileText()) as StoredSettings;
    expect(onDisk).toMatchObject({ version: 5, general: { language: 'system' }, snoozedUntil: 5 });
  });

  it('migrate a version 2 file: the new notification options are written out off, and each mailbox keeps its settings', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({
      version: 2, server: { mode: 'bundled', url: '', token: '' }, accounts: [],
      notifications: { enabled: true, sound: false, summaryAtStart: true, detail: 'sender', quietHours: { enabled: true, start: '22:00', end: '07:00' } },
      general: { launchAtLogin: false, language: 'de' }, mailboxes: [{ id: 'work', muted: true, colour: '#188038' }],
    }));
    const settings = new Settings(openFile(), fakeSecrets());
    expect(settings.view().notifications).toEqual({
      enabled: true, sound: false, summaryAtStart: true, detail: 'sender', quietHours: { enabled: true, start: '22:00', end: '07:00' },
      stayOnScreen: false, reminderMinutes: 0, badgeShows: 'unread', hideZeroCount: false, attentionCue: false,
    });
    expect(settings.view().mailboxes).toEqual([{ id: 'work', muted: true, colour: '#188038' }]);
    expect(settings.mailboxRules('work')).toEqual({});
    expect(settings.warnings()).toEqual([]);
    const onDisk = JSON.parse(await fileText()) as StoredSettings;
    expect(onDisk).toMatchObject({ version: 5, general: { language: 'de' }, notifications: { reminderMinutes: 0 } });
  });

  it('saves per-mailbox rules tidied (senders in lower case, once; days in order) and names what is wrong in each', () => {
    const settings = new Settings(openFile(), fakeSecrets());
    const rules: MailboxSettings = {
      id: 'work', sound: 'chime', schedule: { days: [5, 1, 3], start: '08:00', end: '18:00' },
      importantSenders: ['Boss@Example.com', 'boss@example.com', 'example.org'], importantInQuiet: true, neverSenders: ['@news.example.com'],
    };
    expect(settings.save({ ...remote('a-long-client-token-0123456789'), mailboxes: [rules, { id: 'home', sound: 'default' }] }).ok).toBe(true);
    expect(settings.mailboxRules('work')).toEqual({
      sound: 'chime', schedule: { days: [1, 3, 5], start: '08:00', end: '18:00' },
      importantSenders: ['boss@example.com', 'example.org'], importantInQuiet: true, neverSenders: ['@news.example.com'],
    });
    // "As the global settings say" is stored as nothing at all.
    expect(settings.view().mailboxes).toHaveLength(1);
    const bad = settings.save({ ...remote(), mailboxes: [
      { id: 'work', sound: 'file', importantSenders: ['not an address'] },
      { id: 'home', sound: 'trumpet', schedule: { days: [], start: '08:00', end: '25:00' } },
    ] as never });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.map((e) => `${e.field} ${e.message.key}`).sort()).toEqual([
      'mailboxes.0.importantSenders.0 rules.check.sender',
      'mailboxes.0.soundFile rules.check.soundFile',
      'mailboxes.1.schedule.days rules.check.scheduleDays',
      'mailboxes.1.schedule.end check.clockTime',
      'mailboxes.1.sound rules.check.sound',
    ]);
    // Nothing of the refused save reached the file.
    expect(settings.mailboxRules('work').sound).toBe('chime');
  });

  it('migrate a version 2 file: each account\'s one folder becomes its folders, INBOX as "Inbox only", another as a chosen set', async () => {
    const sealed = fakeSecrets().seal('hunter2');
    const account = { host: 'imap.example.com', port: 993, security: 'tls', user: 'ann', password: sealed };
    await writeFile(join(dir, 'settings.json'), JSON.stringify({
      version: 2, server: { mode: 'bundled', url: '', token: '' },
      accounts: [{ ...account, id: 'work', name: 'Work', folder: 'inbox' }, { ...account, id: 'lists', name: 'Lists', folder: ' Lists/거래처 ' }],
      notifications: { enabled: true, sound: true, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' } },
      general: { launchAtLogin: false, language: 'ko' },
    }));
    const settings = new Settings(openFile(), fakeSecrets());
    expect(settings.view().accounts.map(({ id, folders, folderChoice, knownFolders }) => ({ id, folders, folderChoice, knownFolders }))).toEqual([
      { id: 'work', folders: ['inbox'], folderChoice: 'inbox', knownFolders: undefined },
      { id: 'lists', folders: ['Lists/거래처'], folderChoice: 'chosen', knownFolders: undefined },
    ]);
    // What the bundled server then counts: the same folder as before the update.
    expect(settings.bundledAccounts().accounts.map((a) => a.folders)).toEqual([['inbox'], ['Lists/거래처']]);
    const onDisk = JSON.parse(await fileText()) as StoredSettings & { accounts: Array<Record<string, unknown>> };
    expect(onDisk.version).toBe(5);
    expect(onDisk.accounts.map((a) => 'folder' in a)).toEqual([false, false]);
    expect(settings.view().general.language).toBe('ko');
  });

  it('migrate a version 4 file: its remote server becomes the first of the list, and its mailboxes\' settings follow them', async () => {
    const secrets = fakeSecrets();
    const token = secrets.seal('a-long-client-token-0123456789');
    await writeFile(join(dir, 'settings.json'), JSON.stringify({
      version: 4, server: { mode: 'remote', url: 'https://counts.example.com:8443', token },
      accounts: [{ id: 'home', name: 'Home', host: 'imap.example.com', port: 993, security: 'tls', user: 'ann', password: '', folders: ['INBOX'], folderChoice: 'inbox' }],
      notifications: { enabled: true, sound: true, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' } },
      general: { launchAtLogin: false, language: 'ko' },
      mailboxes: [
        { id: 'work', muted: true, sound: 'chime', schedule: { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' }, importantSenders: ['boss@example.com'] },
        { id: 'home', colour: '#188038', neverSenders: ['news.example.com'] },
      ],
      hooks: { enabled: true, program: '/usr/local/bin/lamp', args: [], mailboxes: ['work', 'home'], timeoutSeconds: 10 },
    }));
    const settings = new Settings(openFile(secrets), secrets);
    expect(settings.view().servers).toEqual({
      bundled: { enabled: false },
      remotes: [{ key: 's1', name: 'counts.example.com:8443', url: 'https://counts.example.com:8443', hasToken: true, enabled: true }],
    });
    expect(settings.remoteServers()[0]!.endpoint.token).toBe('a-long-client-token-0123456789');
    // The remote mailbox "work" is now s1/work; "home" was both an account and (while remote) the server's: kept for both.
    expect(settings.mailboxPrefs('s1/work').isMuted).toBe(true);
    expect(settings.mailboxPrefs('work').isMuted).toBe(false);
    expect(settings.mailboxPrefs('home').colour).toBe('#188038');
    expect(settings.mailboxPrefs('s1/home').colour).toBe('#188038');
    // The per-mailbox rules (sound, schedule, senders) go with them.
    expect(settings.mailboxRules('s1/work')).toEqual({
      sound: 'chime', schedule: { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' }, importantSenders: ['boss@example.com'],
    });
    expect(settings.mailboxRules('work')).toEqual({});
    expect(settings.mailboxRules('s1/home')).toEqual({ neverSenders: ['news.example.com'] });
    expect(settings.mailboxRules('home')).toEqual({ neverSenders: ['news.example.com'] });
    // The hook still runs for the mailboxes it ran for: the server's "work", and "home" on both.
    expect(settings.view().hooks?.mailboxes).toEqual(['s1/work', 'home', 's1/home']);
    expect(JSON.parse(await fileText())).toMatchObject({ version: 5, general: { language: 'ko' } });
  });

  it('migrate a version 4 file on the bundled server: a remote address it kept stays, switched off, with its token', async () => {
    const secrets = fakeSecrets();
    await writeFile(join(dir, 'settings.json'), JSON.stringify({
      version: 4, server: { mode: 'bundled', url: 'https://counts.example.com', token: secrets.seal('a-long-client-token-0123456789') },
      accounts: [], general: { launchAtLogin: false, language: 'system' },
      notifications: { enabled: true, sound: true, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' } },
    }));
    const settings = new Settings(openFile(secrets), secrets);
    expect(settings.view().servers).toEqual({
      bundled: { enabled: true },
      remotes: [{ key: 's1', name: 'counts.example.com', url: 'https://counts.example.com', hasToken: true, enabled: false }],
    });
    expect(settings.remoteServers()).toEqual([]);
    expect(settings.followsBundled).toBe(true);
  });

  it('give a new remote server the first key not in use, keep the others\' keys and tokens, and drop a removed server\'s mailbox settings', () => {
    const settings = new Settings(openFile(), fakeSecrets());
    const base = remote('a-long-client-token-0123456789');
    expect(settings.save({ ...base, mailboxes: [{ id: 's1/work', muted: true }, { id: 'home', muted: true }] }).ok).toBe(true);
    const second = { name: '', url: 'https://other.example.org', token: 'another-client-token-0123', enabled: true };
    const saved = settings.save({ ...base, servers: { bundled: { enabled: true }, remotes: [{ key: 's1', name: 'Work', url: 'https://counts.example.com', enabled: true }, second] } });
    expect(saved.ok && saved.settings.servers.remotes.map((r) => [r.key, r.name, r.hasToken])).toEqual([['s1', 'Work', true], ['s2', 'other.example.org', true]]);
    expect(settings.remoteServers().map((r) => r.endpoint.token)).toEqual(['a-long-client-token-0123456789', 'another-client-token-0123']);
    // s1 removed: its mailbox settings go; the bundled mailbox's stay.
    expect(settings.save({ ...base, servers: { bundled: { enabled: true }, remotes: [{ key: 's2', url: 'https://other.example.org', enabled: true }] } }).ok).toBe(true);
    expect(settings.view().mailboxes).toEqual([{ id: 'home', muted: true }]);
    expect(settings.remoteServers().map((r) => r.key)).toEqual(['s2']);
  });

  it('migrate a version 0 file: the token is sealed and the layout brought up to date', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({
      serverUrl: 'https://counts.example.com', token: 'plain-token-from-v0-0123', notify: false, quietHours: '23:00-06:30',
    }));
    const settings = new Settings(openFile(), fakeSecrets());
    expect(settings.view()).toEqual({
      servers: { bundled: { enabled: false }, remotes: [{ key: 's1', name: 'counts.example.com', url: 'https://counts.example.com', hasToken: true, enabled: true }] },
      accounts: [],
      notifications: {
        enabled: false, sound: true, summaryAtStart: false, quietHours: { enabled: true, start: '23:00', end: '06:30' },
        stayOnScreen: false, reminderMinutes: 0, badgeShows: 'unread', hideZeroCount: false, attentionCue: false,
      },
      general: { launchAtLogin: false, trayIcon: 'colour', language: 'system' },
      // A file from before the Updates settings: checks on, downloads when asked.
      updates: { check: true, autoDownload: false },
    });
    expect(settings.remoteServers()[0]!.endpoint.token).toBe('plain-token-from-v0-0123');
    const onDisk = JSON.parse(await fileText()) as StoredSettings;
    expect(onDisk.version).toBe(5);
    expect(JSON.stringify(onDisk)).not.toContain('plain-token-from-v0-0123');
  });

  it('migrate what a version 0 file holds that fits, tidied as the window would, and name the rest in Settings', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({
      serverUrl: 'HTTPS://Counts.Example.com/', token: 'plain-token-from-v0-0123', quietHours: '23:00 to 06:30', launchAtLogin: true,
    }));
    const settings = new Settings(openFile(), fakeSecrets());
    expect(settings.view()).toMatchObject({
      servers: { bundled: { enabled: false }, remotes: [{ url: 'https://counts.example.com', hasToken: true, enabled: true }] },
      notifications: { quietHours: { enabled: false } },
      general: { launchAtLogin: true },
    });
    expect(settings.warnings().map(english.say)).toEqual([expect.stringMatching(/quiet hours of your earlier settings \("23:00 to 06:30"\) could not be read/)]);
    expect(await fileText()).not.toContain('plain-token-from-v0-0123');
    // The next save clears the note: the user has seen the settings and saved them.
    expect(settings.save(remote()).ok).toBe(true);
    expect(settings.warnings()).toEqual([]);
  });

  it('never set a version 0 file aside with its plain token: a server address that cannot be used is dropped with its token', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ serverUrl: 'https://counts example com', token: 'plain-token-from-v0-0123', notify: false }));
    const settings = new Settings(openFile(), fakeSecrets());
    expect(settings.view()).toMatchObject({ servers: { bundled: { enabled: true }, remotes: [] }, notifications: { enabled: false } });
    expect(settings.warnings().map(english.say)).toEqual([
      'Your earlier settings named the server "https://counts example com", which is not an address Mailtray can use, '
        + 'so it and its token were not kept. Enter them again in Settings, or use the bundled server.',
    ]);
    expect(await fileText()).not.toContain('plain-token-from-v0-0123');
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('keep account passwords sealed, and leave out only the account whose password this machine cannot open', () => {
    const account = { name: 'Work', host: 'imap.example.com', port: 993, security: 'tls' as const, user: 'ann', folders: ['INBOX'], folderChoice: 'inbox' as const };
    const settings = new Settings(openFile(), fakeSecrets({ warning: { key: 'app.keyStore.none' } }));
    const result = settings.save({
      ...remote('a-long-client-token-0123456789'),
      accounts: [{ ...account, id: 'work', password: 'hunter2', webUrl: 'https://mail.example.com' }],
    });
    expect(result.ok).toBe(true);
    expect(settings.view().accounts).toEqual([expect.objectContaining({ id: 'work', hasPassword: true, webUrl: 'https://mail.example.com' })]);
    expect(settings.bundledAccounts().accounts[0]!.password).toBe('hunter2');
    expect(settings.warnings()).toEqual([{ key: 'app.keyStore.none' }]);

    // The file moves to a machine whose key store cannot open what was sealed here; then one account is added there.
    const elsewhere = new Settings(openFile(fakeSecrets({ key: 'other-machine' })), fakeSecrets({ key: 'other-machine' }));
    expect(elsewhere.warnings().map(english.say)).toEqual([expect.stringMatching(/saved server token could not be read.*enter it again in Settings/)]);
    expect(elsewhere.warnings().map(translatorFor('ko').say)).toEqual(['저장된 서버 토큰을 이 컴퓨터의 키 저장소로 읽을 수 없습니다. 설정에서 다시 입력하세요.']);
    expect(elsewhere.view().accounts[0]!.hasPassword).toBe(false);
    expect(elsewhere.save({ ...remote('a-long-client-token-0123456789'), accounts: [{ ...account, id: 'work' }] }))
      .toEqual({ ok: false, errors: [{ field: 'accounts.0.password', message: { key: 'check.passwordMissing' } }] });
    const stored = elsewhere.stored;
    const home = { ...account, id: 'home', name: 'Home', password: fakeSecrets({ key: 'other-machine' }).seal('pw2') };
    openFile().store = { ...stored, accounts: [...stored.accounts, home] };
    const both = new Settings(openFile(), fakeSecrets({ key: 'other-machine' }));
    const bundled = both.bundledAccounts();
    expect(bundled.mailboxes).toEqual([{ id: 'work', name: 'Work' }, { id: 'home', name: 'Home' }]);
    expect(bundled.accounts.map((a) => [a.id, a.password])).toEqual([['home', 'pw2']]);
    expect([...bundled.unusable]).toEqual([['work', {
      error: 'the saved password could not be read; enter it again in Settings', errorKind: 'auth', errorFacts: { missing: 'password' },
    }]]);
  });
});
