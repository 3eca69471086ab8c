import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettingsInput } from '../main/ipc-contract.ts';
import { checkSettingsInput } from '../main/settings/check-input.ts';
import { Settings } from '../main/settings/settings.ts';
import { settingsFileOptions } from '../main/settings/settings-file.ts';
import type { StoredSettings } from '../main/settings/stored-settings.ts';
import { blankAccount, type AccountDraft } from '../renderer/settings/account-draft.ts';
import { settingsFromDraft, type SettingsDraft } from '../renderer/settings/settings-draft.ts';
import { fakeSecrets } from './main/support/fake-secrets.ts';

// The window checks the form before it saves; main checks again, since it trusts no renderer.
// Both read the same rules (main/settings/rules.ts), so they must agree both ways: what the window
// lets through, main saves exactly as sent; what the window refuses, main refuses on the same field.

const account = (fields: Partial<AccountDraft>): AccountDraft => ({
  ...blankAccount(), name: 'Work', host: 'imap.example.com', user: 'ann@example.com', password: 'secret', ...fields,
});

const remote = (url: string, token: string, name = '') => ({
  followBundled: false, remotes: [{ key: '', name, url, token, hasSavedToken: false, enabled: true }],
});

const draft = (fields: Partial<SettingsDraft>): SettingsDraft => ({
  followBundled: true, remotes: [], accounts: [],
  notifications: { enabled: true, sound: false, summaryAtStart: false, quietEnabled: false, quietStart: '22:00', quietEnd: '07:00', detail: 'sender-and-subject' },
  launchAtLogin: false, trayIcon: 'colour', language: 'system',
  ...fields,
});

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'mailtray-agreement-')); });
afterEach(() => rm(dir, { recursive: true, force: true }));

const accepted: Array<[string, SettingsDraft, Partial<Record<string, unknown>>]> = [
  ['the bundled server with no accounts', draft({}), {}],
  ['a new TLS account', draft({ accounts: [account({})] }), { 'accounts.0.port': 993 }],
  ['a STARTTLS account on 143 with a mailto: address',
    draft({ accounts: [account({ security: 'starttls', port: '143', webUrl: 'mailto:ann@example.com' })] }),
    { 'accounts.0.webUrl': 'mailto:ann@example.com', 'accounts.0.port': 143 }],
  ['two accounts with the same name', draft({ accounts: [account({}), account({})] }), { 'accounts.1.id': 'work-2' }],
  ['an account named in another script', draft({ accounts: [account({ name: 'Почта 📬' })] }), { 'accounts.0.name': 'Почта 📬' }],
  ['an IPv6 host and a web address without a scheme',
    draft({ accounts: [account({ host: '[2001:db8::1]', webUrl: 'mail.example.com/inbox' })] }),
    { 'accounts.0.host': '[2001:db8::1]', 'accounts.0.webUrl': 'https://mail.example.com/inbox' }],
  ['a remote https server', draft(remote('counts.example.com/', 'a-token-from-the-admin')),
    { 'servers.remotes.0.url': 'https://counts.example.com' }],
  ['a remote address typed in capitals', draft(remote('HTTPS://Counts.Example.com', 'a-token-from-the-admin')),
    { 'servers.remotes.0.url': 'https://counts.example.com' }],
  ['a remote server on this machine over http', draft(remote('localhost:7300', 'a-token-from-the-admin')),
    { 'servers.remotes.0.url': 'http://localhost:7300' }],
  ['quiet hours across midnight',
    draft({ notifications: { enabled: true, sound: true, summaryAtStart: true, quietEnabled: true, quietStart: '22:30', quietEnd: '06:45', detail: 'sender' } }),
    { 'notifications.quietHours.start': '22:30', 'notifications.quietHours.end': '06:45', 'notifications.detail': 'sender' }],
  ['a mailbox muted, left out of the total, blue, with a web address',
    draft({ mailboxes: [{ id: 'work', muted: true, inTotal: false, colour: '#1a73e8', webUrl: 'mail.example.com/work' }] }),
    { 'mailboxes.0.muted': true, 'mailboxes.0.inTotal': false, 'mailboxes.0.colour': '#1a73e8', 'mailboxes.0.webUrl': 'https://mail.example.com/work' }],
];

const valueAt = (object: unknown, path: string) => path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], object);

describe('what the window lets through, main saves as sent', () => {
  it.each(accepted)('%s', (_what, form, expected) => {
    const result = settingsFromDraft(form);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    const secrets = fakeSecrets();
    const settings = new Settings(new Conf<StoredSettings>({ ...settingsFileOptions(secrets), cwd: dir }), secrets);
    expect(settings.save(result.settings)).toMatchObject({ ok: true });
    const view = settings.view();
    for (const [path, value] of Object.entries(expected)) expect(valueAt(view, path), path).toEqual(value);
    // Nothing else is changed on the way: what is saved is what the window sent, the secrets aside.
    const { accounts, servers, ...rest } = result.settings;
    expect(view).toMatchObject(rest);
    expect(view.accounts).toEqual(accounts.map(({ password: _password, ...a }) => ({ ...a, hasPassword: true })));
    expect(view.servers.bundled).toEqual(servers.bundled);
    expect(view.servers.remotes).toEqual(servers.remotes.map(({ token: _token, ...r }, i) => ({
      ...r, key: `s${i + 1}`, name: r.name || new URL(r.url).host, hasToken: true,
    })));
  });
});

const valid = (): SettingsInput => ({
  servers: { bundled: { enabled: true }, remotes: [{ url: 'https://counts.example.com', token: 'a-token-from-the-admin', enabled: true }] },
  accounts: [{ id: 'work', name: 'Work', host: 'imap.example.com', port: 993, security: 'tls', user: 'ann', folders: ['INBOX'], folderChoice: 'inbox' as const, password: 'pw' }],
  notifications: { enabled: true, sound: true, summaryAtStart: false, quietHours: { enabled: true, start: '22:00', end: '07:00' } },
  general: { launchAtLogin: false },
  mailboxes: [{ id: 'work', muted: true }],
});
const withValue = (path: string, value: unknown): SettingsInput => {
  const copy = valid() as unknown as Record<string, unknown>;
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((at, key) => at[key] as Record<string, unknown>, copy);
  parent[keys.at(-1)!] = value;
  return copy as unknown as SettingsInput;
};

// [what, the form, the field, the same value as main would get it had the window let it through]
const refused: Array<[string, SettingsDraft, string, unknown]> = [
  ['a host with a port', draft({ accounts: [account({ host: 'imap.example.com:993' })] }), 'accounts.0.host', 'imap.example.com:993'],
  ['a host with a space', draft({ accounts: [account({ host: 'imap example' })] }), 'accounts.0.host', 'imap example'],
  ['a host with an underscore', draft({ accounts: [account({ host: 'imap_1.example.com' })] }), 'accounts.0.host', 'imap_1.example.com'],
  ['port 0', draft({ accounts: [account({ port: '0' })] }), 'accounts.0.port', 0],
  ['port 70000', draft({ accounts: [account({ port: '70000' })] }), 'accounts.0.port', 70000],
  ['a name of 201 characters', draft({ accounts: [account({ name: 'x'.repeat(201) })] }), 'accounts.0.name', 'x'.repeat(201)],
  ['a user name of 501 characters', draft({ accounts: [account({ user: 'u'.repeat(501) })] }), 'accounts.0.user', 'u'.repeat(501)],
  ['a javascript: web address', draft({ accounts: [account({ webUrl: 'javascript:alert(1)' })] }), 'accounts.0.webUrl', 'javascript:alert(1)'],
  ['an ftp:// server', draft(remote('ftp://counts.example.com', 'a-token-from-the-admin')),
    'servers.remotes.0.url', 'ftp://counts.example.com'],
  ['a server address with a query', draft(remote('https://counts.example.com/?a=1', 'a-token-from-the-admin')),
    'servers.remotes.0.url', 'https://counts.example.com/?a=1'],
  ['a token of 15 characters', draft(remote('https://counts.example.com', 't'.repeat(15))), 'servers.remotes.0.token', 't'.repeat(15)],
  ['a token with a space', draft(remote('https://counts.example.com', 'a token from the admin')),
    'servers.remotes.0.token', 'a token from the admin'],
  ['quiet hours at 24:00',
    draft({ notifications: { enabled: true, sound: true, summaryAtStart: false, quietEnabled: true, quietStart: '24:00', quietEnd: '07:00', detail: 'count' } }),
    'notifications.quietHours.start', '24:00'],
  ['a mailbox colour that is a name', draft({ mailboxes: [{ id: 'work', muted: false, inTotal: true, colour: 'red', webUrl: '' }] }),
    'mailboxes.0.colour', 'red'],
  ['a mailbox web address that runs script', draft({ mailboxes: [{ id: 'work', muted: false, inTotal: true, colour: '', webUrl: 'javascript:alert(1)' }] }),
    'mailboxes.0.webUrl', 'javascript:alert(1)'],
];

describe('what the window refuses, main refuses on the same field', () => {
  it.each(refused)('%s', (_what, form, field, value) => {
    const result = settingsFromDraft(form);
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual([field]);
    const main = checkSettingsInput(withValue(field, value), { remotesWithToken: new Set(), accountsWithPassword: new Set() });
    expect(main.map((e) => e.field)).toEqual([field]);
  });
});
