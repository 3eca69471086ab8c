import { describe, expect, test } from 'vitest';
import { translatorFor } from '../../../common/i18n/translator.ts';
import type { SettingsView } from '../../../main/ipc-contract.ts';
import { blankAccount, newAccountId, type AccountDraft } from '../../../renderer/settings/account-draft.ts';
import { draftFromView, settingsFromDraft, type SettingsDraft } from '../../../renderer/settings/settings-draft.ts';

const view: SettingsView = {
  servers: { bundled: { enabled: true }, remotes: [{ key: 's1', name: 'Mail', url: 'https://mail.example.com', hasToken: true, enabled: true }] },
  accounts: [{ id: 'work', name: 'Work', host: 'imap.example.com', port: 993, security: 'tls', user: 'ann', hasPassword: true, folders: ['INBOX'], folderChoice: 'inbox' }],
  notifications: { enabled: true, sound: false, summaryAtStart: true, quietHours: { enabled: false, start: '22:00', end: '07:00' } },
  general: { launchAtLogin: false, trayIcon: 'colour', language: 'system' },
};

function withAccount(changes: Partial<AccountDraft>): SettingsDraft {
  const draft = draftFromView(view);
  return { ...draft, accounts: [{ ...draft.accounts[0]!, ...changes }] };
}

function problems(draft: SettingsDraft): Record<string, string> {
  const result = settingsFromDraft(draft);
  const english = translatorFor('en');
  return result.ok ? {} : Object.fromEntries(result.errors.map((error) => [error.field, english.say(error.message)]));
}

describe('settings as the form holds them', () => {
  test('an untouched form saves what main sent, keeping the saved token and password', () => {
    expect(settingsFromDraft(draftFromView(view))).toEqual({
      ok: true,
      settings: {
        servers: { bundled: { enabled: true }, remotes: [{ key: 's1', name: 'Mail', url: 'https://mail.example.com', enabled: true }] },
        accounts: [{ id: 'work', name: 'Work', host: 'imap.example.com', port: 993, security: 'tls', user: 'ann', folders: ['INBOX'], folderChoice: 'inbox' }],
        // What notifications show is said outright, the default made explicit.
        notifications: { ...view.notifications, detail: 'sender-and-subject' },
        // The language is left out, which keeps the saved one, until the form has a Language select (issue 21, i18n/window).
        general: { launchAtLogin: view.general.launchAtLogin, trayIcon: view.general.trayIcon, language: view.general.language },
        mailboxes: [],
      },
    });
  });

  test.each<[string, Partial<AccountDraft>, string]>([
    ['port 0', { port: '0' }, 'accounts.0.port'],
    ['port 70000', { port: '70000' }, 'accounts.0.port'],
    ['port 99.5', { port: '99.5' }, 'accounts.0.port'],
    ['an empty port', { port: ' ' }, 'accounts.0.port'],
    ['a host with a port', { host: 'imap.example.com:993' }, 'accounts.0.host'],
    ['a host with a scheme', { host: 'imaps://imap.example.com' }, 'accounts.0.host'],
    ['a host with a space', { host: 'imap example' }, 'accounts.0.host'],
    ['no name', { name: '  ' }, 'accounts.0.name'],
    ['no user', { user: '' }, 'accounts.0.user'],
    ['no folder ticked', { folders: [] }, 'accounts.0.folders'],
    ['no password on a new account', { hasSavedPassword: false }, 'accounts.0.password'],
    ['a javascript: web address', { webUrl: 'javascript:alert(1)' }, 'accounts.0.webUrl'],
  ])('%s is named as a problem with its field', (_, changes, field) => {
    expect(Object.keys(problems(withAccount(changes)))).toEqual([field]);
  });

  test('an empty token is a problem only when none is saved', () => {
    const draft = draftFromView(view);
    expect(problems(draft)).toEqual({});
    const remote = draft.remotes[0]!;
    expect(Object.keys(problems({ ...draft, remotes: [{ ...remote, hasSavedToken: false }] }))).toEqual(['servers.remotes.0.token']);
    expect(Object.keys(problems({ ...draft, remotes: [{ ...remote, token: 'has space' }] }))).toEqual(['servers.remotes.0.token']);
  });

  test('each remote server is checked on its own fields; the bundled server needs none', () => {
    const draft = draftFromView(view);
    const bad = { key: '', name: ' ', url: 'not a url', token: '', hasSavedToken: false, enabled: false };
    expect(Object.keys(problems({ ...draft, remotes: [draft.remotes[0]!, bad] })).sort())
      .toEqual(['servers.remotes.1.token', 'servers.remotes.1.url']);
    expect(problems({ ...draft, remotes: [] })).toEqual({});
  });

  test('quiet hours need two different times, but only when on', () => {
    const draft = draftFromView(view);
    const quiet = (quietEnabled: boolean, quietStart: string, quietEnd: string) =>
      Object.keys(problems({ ...draft, notifications: { ...draft.notifications, quietEnabled, quietStart, quietEnd } }));
    expect(quiet(true, '22:00', '22:00')).toEqual(['notifications.quietHours.end']);
    expect(quiet(true, '', '07:00')).toEqual(['notifications.quietHours.start']);
    expect(quiet(false, '', '')).toEqual([]);
  });

  test('a new account gets an id from its name that no other account has', () => {
    const draft = draftFromView(view);
    const added = { ...blankAccount(), name: 'Work', host: 'imap.example.org', user: 'bob', password: 'pw' };
    const result = settingsFromDraft({ ...draft, accounts: [...draft.accounts, added, { ...added, name: 'Ünïcode Mail!' }] });
    expect(result.ok && result.settings.accounts.map((account) => account.id)).toEqual(['work', 'work-2', 'unicode-mail']);
  });

  test.each([['Work', 'work'], ['  ', 'account'], ['Ann (old)', 'ann-old'], ['ann@example.com', 'ann@example.com']])(
    'an account named %j gets the id %j', (name, id) => {
      expect(newAccountId(name, new Set())).toBe(id);
    },
  );
});
