import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { translatorFor, type Words } from '../../common/i18n/translator.ts';
import type { SettingsInput } from '../../main/ipc-contract.ts';
import { checkSettingsInput } from '../../main/settings/check-input.ts';
import {
  accountIdRule, accountNameRule, clockTimeRule, crossFieldMessages, folderRule, hostRule, passwordRule, portRule,
  serverUrlRule, tokenRule, userRule, webUrlRule, serverNameRule, serverKeyRule, mailboxSettingIdRule,
} from '../../common/settings-rules.ts';
import { settingsFileOptions } from '../../main/settings/settings-file.ts';
import type { StoredSettings } from '../../main/settings/stored-settings.ts';
import { fakeSecrets } from './support/fake-secrets.ts';

// Every rule of rules.ts, both ways: a value it lets through and values it refuses,
// through main's check of what the window sends and through the settings file's schema.

const account = { id: 'work', name: 'Work', host: 'imap.example.com', port: 993, security: 'tls', user: 'ann', folders: ['INBOX'], folderChoice: 'inbox' as const, password: 'pw' };
const base = (): SettingsInput & Record<string, unknown> => ({
  servers: { bundled: { enabled: true }, remotes: [{ name: 'Work', url: 'https://counts.example.com', token: 'a-token-from-the-admin', enabled: true }] },
  accounts: [{ ...account, security: 'tls' }],
  notifications: { enabled: true, sound: true, summaryAtStart: false, quietHours: { enabled: true, start: '22:00', end: '07:00' } },
  general: { launchAtLogin: false },
  mailboxes: [{ id: 'work', muted: true }],
});
const noneSaved = { remotesWithToken: new Set<string>(), accountsWithPassword: new Set<string>() };

/** A copy of `object` with `value` at the dotted `path`. */
function withValue<T>(object: T, path: string, value: unknown): T {
  const copy = structuredClone(object) as Record<string, unknown>;
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[keys.at(-1)!] = value;
  return copy as T;
}

interface RuleCase {
  path: string;
  message: Words;
  good: unknown[];
  bad: unknown[];
  /** The same field in the settings file, when it is kept there as typed. */
  storedPath?: string;
}

const long = (n: number) => 'x'.repeat(n);
const cases: RuleCase[] = [
  {
    path: 'servers.remotes.0.url', storedPath: 'servers.remotes.0.url', message: serverUrlRule.message,
    good: ['https://counts.example.com', 'http://localhost:7300', 'https://[::1]:7300/mailtray', 'https://xn--bcher-kva.example/a/b'],
    bad: ['HTTPS://mail.example.com', 'ftp://mail.example.com', 'counts.example.com', 'https://', 'https://ann:pw@x.example',
      'https://x.example/?token=1', 'https://x.example/#top', 'https://x .example', 'javascript:alert(1)', `https://${long(2000)}`, 42],
  },
  {
    path: 'servers.remotes.0.token', message: tokenRule.message,
    good: [long(16), 'Zm9v-YmFy_0123456789'],
    bad: ['short', 'has spaces 0123456789', long(1001), 42],
  },
  {
    path: 'servers.remotes.0.name', storedPath: 'servers.remotes.0.name', message: serverNameRule.message,
    good: ['Work', '회사', long(60)], bad: [' ', long(61), 7],
  },
  {
    path: 'servers.remotes.0.key', storedPath: 'servers.remotes.0.key', message: serverKeyRule.message,
    good: ['s1', 's42'], bad: ['', 'bundled', 's1/x', 'S1', 7],
  },
  { path: 'servers.bundled.enabled', storedPath: 'servers.bundled.enabled', message: crossFieldMessages.onOff, good: [false], bad: ['yes', 1] },
  {
    path: 'mailboxes.0.id', storedPath: 'mailboxes.0.id', message: mailboxSettingIdRule.message,
    good: ['work', 's1/work', 's12/ann@example.com'], bad: ['', 'x/work', 's1/', 's1/w o', 'bundled/work', 7],
  },
  {
    path: 'accounts.0.id', storedPath: 'accounts.0.id', message: accountIdRule.message,
    good: ['work', 'ann@example.com', 'a.b_c+d-e', long(128)],
    bad: ['', 'w o', '.', '..', 'ümlaut', long(129), 7],
  },
  {
    path: 'accounts.0.name', storedPath: 'accounts.0.name', message: accountNameRule.message,
    good: ['Work', 'Почта 📬', long(200)], bad: ['', '   ', long(201), null],
  },
  {
    path: 'accounts.0.host', storedPath: 'accounts.0.host', message: hostRule.message,
    good: ['imap.example.com', 'imap.example.com.', 'localhost', '127.0.0.1', '[2001:db8::1]', 'IMAP.Example.COM'],
    bad: ['imap.example.com:993', 'imaps://imap.example.com', 'imap example', '', '-imap.example.com', 'imap..example.com', long(254)],
  },
  {
    path: 'accounts.0.port', storedPath: 'accounts.0.port', message: portRule.message,
    good: [1, 143, 993, 65535], bad: [0, 65536, 99.5, '993', -1],
  },
  { path: 'accounts.0.security', storedPath: 'accounts.0.security', message: crossFieldMessages.security, good: ['starttls'], bad: ['ssl', ''] },
  { path: 'accounts.0.user', storedPath: 'accounts.0.user', message: userRule.message, good: ['ann', 'ann@example.com'], bad: ['', ' ', long(501)] },
  { path: 'accounts.0.folders.0', storedPath: 'accounts.0.folders.0', message: folderRule.message, good: ['INBOX', 'Lists/dev', 'Входящие'], bad: ['', '\t', long(501)] },
  { path: 'accounts.0.password', message: passwordRule.message, good: ['pw', long(1000)], bad: [42, long(1001)] },
  {
    path: 'accounts.0.webUrl', storedPath: 'accounts.0.webUrl', message: webUrlRule.message,
    good: ['', 'https://mail.example.com/inbox?folder=1#top', 'http://intranet/mail', 'mailto:ann@example.com', 'mailto:ann@example.com?subject=Hi'],
    bad: ['javascript:alert(1)', 'https://mailto:ann@example.com/', 'file:///etc/passwd', 'mailto:', 'mail.example.com', 'https://x.example/a b'],
  },
  {
    path: 'notifications.quietHours.start', storedPath: 'notifications.quietHours.start', message: clockTimeRule.message,
    good: ['00:00', '23:59', '07:30'], bad: ['24:00', '7:00', '7 pm', '', '12:60'],
  },
  { path: 'notifications.enabled', storedPath: 'notifications.enabled', message: crossFieldMessages.onOff, good: [false], bad: ['yes', 1] },
  { path: 'notifications.summaryAtStart', storedPath: 'notifications.summaryAtStart', message: crossFieldMessages.onOff, good: [true], bad: [null] },
  { path: 'general.launchAtLogin', storedPath: 'general.launchAtLogin', message: crossFieldMessages.onOff, good: [true], bad: ['often'] },
  {
    path: 'general.trayIcon', storedPath: 'general.trayIcon', message: crossFieldMessages.trayIcon,
    good: ['colour', 'light-panel', 'dark-panel'], bad: ['rainbow', 'template', '', 1],
  },
  {
    path: 'general.language', storedPath: 'general.language', message: crossFieldMessages.language,
    good: ['system', 'en', 'ko', 'de', 'ja', 'ar', 'en-XA'], bad: ['fr', 'ko-KR', 'KO', '', null, 1],
  },
];

describe('what the window sends, checked by main', () => {
  test('the base settings pass', () => {
    expect(checkSettingsInput(base(), noneSaved)).toEqual([]);
  });

  describe.each(cases)('$path', ({ path, message, good, bad }) => {
    test.each(good.map((value) => [JSON.stringify(value)?.slice(0, 60), value]))('lets %s through', (_, value) => {
      expect(checkSettingsInput(withValue(base(), path, value), noneSaved)).toEqual([]);
    });
    test.each(bad.map((value) => [JSON.stringify(value)?.slice(0, 60), value]))('refuses %s, beside that field', (_, value) => {
      expect(checkSettingsInput(withValue(base(), path, value), noneSaved)).toEqual([{ field: path, message }]);
    });
  });

  test('a missing field is named, with its own sentence', () => {
    const { host: _host, ...withoutHost } = base().accounts[0]!;
    expect(checkSettingsInput({ ...base(), accounts: [withoutHost] }, noneSaved)).toEqual([{ field: 'accounts.0.host', message: hostRule.message }]);
    expect(checkSettingsInput({ ...base(), servers: { bundled: { enabled: true }, remotes: [{ token: long(20), enabled: true }] } }, noneSaved))
      .toEqual([{ field: 'servers.remotes.0.url', message: serverUrlRule.message }]);
  });

  test('a setting main does not know is refused, not dropped in silence', () => {
    const [refused] = checkSettingsInput({ ...base(), extra: 1 }, noneSaved);
    expect(refused).toEqual({ field: '', message: { key: 'check.notASetting', values: { name: 'extra' } } });
    expect(translatorFor('en').say(refused!.message)).toBe('"extra" is not a setting here');
  });

  describe('rules that join fields or depend on what is saved', () => {
    test('a token left out is kept only when that server has one saved', () => {
      const remote = { ...base(), servers: { bundled: { enabled: false }, remotes: [{ key: 's2', url: 'https://counts.example.com', enabled: true }] } };
      expect(checkSettingsInput(remote, noneSaved)).toEqual([{ field: 'servers.remotes.0.token', message: crossFieldMessages.tokenMissing }]);
      expect(checkSettingsInput(remote, { ...noneSaved, remotesWithToken: new Set(['s2']) })).toEqual([]);
      expect(checkSettingsInput(remote, { ...noneSaved, remotesWithToken: new Set(['s1']) })).toHaveLength(1);
    });

    test('two remote servers may not share a key', () => {
      const twice = { key: 's1', url: 'https://counts.example.com', token: long(20), enabled: true };
      expect(checkSettingsInput({ ...base(), servers: { bundled: { enabled: true }, remotes: [twice, twice] } }, noneSaved))
        .toEqual([{ field: 'servers.remotes.1.key', message: crossFieldMessages.duplicateId('s1') }]);
    });

    test('at most 10 remote servers', () => {
      const many = Array.from({ length: 11 }, () => ({ url: 'https://counts.example.com', token: long(20), enabled: true }));
      expect(checkSettingsInput({ ...base(), servers: { bundled: { enabled: true }, remotes: many } }, noneSaved))
        .toEqual([{ field: 'servers.remotes', message: crossFieldMessages.tooManyServers }]);
    });

    test('a password left out is kept only when that account has one saved', () => {
      const { password: _password, ...withoutPassword } = base().accounts[0]!;
      const input = { ...base(), accounts: [withoutPassword] };
      expect(checkSettingsInput(input, noneSaved)).toEqual([{ field: 'accounts.0.password', message: passwordRule.missing }]);
      expect(checkSettingsInput(input, { ...noneSaved, accountsWithPassword: new Set(['work']) })).toEqual([]);
      expect(checkSettingsInput(input, { ...noneSaved, accountsWithPassword: new Set(['home']) })).toHaveLength(1);
    });

    test('two accounts may not share an id', () => {
      const input = { ...base(), accounts: [base().accounts[0]!, { ...base().accounts[0]!, name: 'Work again' }] };
      expect(checkSettingsInput(input, noneSaved)).toEqual([{ field: 'accounts.1.id', message: crossFieldMessages.duplicateId('work') }]);
    });

    test('quiet hours that are on need an end that differs from the start', () => {
      expect(checkSettingsInput(withValue(base(), 'notifications.quietHours.end', '22:00'), noneSaved))
        .toEqual([{ field: 'notifications.quietHours.end', message: crossFieldMessages.quietHoursSame }]);
      const off = withValue(withValue(base(), 'notifications.quietHours.end', '22:00'), 'notifications.quietHours.enabled', false);
      expect(checkSettingsInput(off, noneSaved)).toEqual([]);
    });

    test('at most 50 accounts', () => {
      const many = Array.from({ length: 51 }, (_, i) => ({ ...base().accounts[0]!, id: `a${i}` }));
      expect(checkSettingsInput({ ...base(), accounts: many }, noneSaved))
        .toEqual([{ field: 'accounts', message: crossFieldMessages.tooManyAccounts }]);
    });
  });

  test('every problem is named at once, in the order of the form', () => {
    const input = {
      servers: { bundled: { enabled: true }, remotes: [{ url: 'ftp://x', token: 'short', enabled: true }] },
      accounts: [{ id: 'w o', name: 'Work', host: 'imap.example.com', port: 99999, security: 'tls', user: 'ann', folders: ['INBOX'], folderChoice: 'inbox' }],
      notifications: { enabled: true, sound: true, summaryAtStart: false, quietHours: { enabled: true, start: '25:00', end: '07:00' } },
      general: { launchAtLogin: 'yes' },
    };
    expect(checkSettingsInput(input, noneSaved).map((error) => error.field)).toEqual([
      'servers.remotes.0.url', 'servers.remotes.0.token', 'accounts.0.id', 'accounts.0.port', 'accounts.0.password',
      'notifications.quietHours.start', 'general.launchAtLogin',
    ]);
  });
});

describe('the settings file, checked by the same rules on every write', () => {
  let dir: string;
  let file: Conf<StoredSettings>;
  let stored: StoredSettings;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailtray-rules-'));
    file = new Conf<StoredSettings>({ ...settingsFileOptions(fakeSecrets()), cwd: dir, configName: 'settings' });
    stored = {
      ...file.store,
      servers: { bundled: { enabled: true }, remotes: [{ key: 's1', name: 'Work', url: 'https://counts.example.com', token: 'sealed', enabled: true }] },
      accounts: [{ ...account, security: 'tls', password: 'sealed' }],
      mailboxes: [{ id: 'work', muted: true }],
    };
    file.store = stored;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  describe.each(cases.filter((c) => c.storedPath !== undefined))('$storedPath', ({ storedPath, good, bad }) => {
    test.each(good.map((value) => [JSON.stringify(value)?.slice(0, 60), value]))('keeps %s', (_, value) => {
      file.store = withValue(stored, storedPath!, value);
      expect(file.store).toEqual(withValue(stored, storedPath!, value));
    });
    test.each(bad.map((value) => [JSON.stringify(value)?.slice(0, 60), value]))('refuses %s', (_, value) => {
      expect(() => { file.store = withValue(stored, storedPath!, value); }).toThrow(storedPath!.replaceAll('.', '/'));
    });
  });

  test('a file with no remote server, or the bundled one off, is kept', () => {
    file.store = { ...stored, servers: { bundled: { enabled: false }, remotes: [] } };
    expect(file.store.servers).toEqual({ bundled: { enabled: false }, remotes: [] });
  });
});
