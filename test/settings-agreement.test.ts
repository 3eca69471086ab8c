import { describe, expect, it } from 'vitest';
import { checkSettingsInput } from '../main/settings/check-input.ts';
import { blankAccount, settingsFromDraft, type AccountDraft, type SettingsDraft } from '../renderer/settings-draft.ts';

// The window checks the form before it saves; main checks again, since it trusts no renderer.
// Settings the window lets through must never come back from main as an error the user cannot see coming.

const account = (fields: Partial<AccountDraft>): AccountDraft => ({
  ...blankAccount(), name: 'Work', host: 'imap.example.com', user: 'ann@example.com', password: 'secret', ...fields,
});

const draft = (fields: Partial<SettingsDraft>): SettingsDraft => ({
  serverMode: 'bundled', url: '', token: '', hasSavedToken: false, accounts: [],
  notifications: { enabled: true, sound: false, summaryAtStart: false, quietEnabled: false, quietStart: '22:00', quietEnd: '07:00' },
  launchAtLogin: false,
  ...fields,
});

const accepted: Array<[string, SettingsDraft]> = [
  ['the bundled server with no accounts', draft({})],
  ['a new TLS account', draft({ accounts: [account({})] })],
  ['a STARTTLS account on 143 with a mailto: address', draft({ accounts: [account({ security: 'starttls', port: '143', webUrl: 'mailto:ann@example.com' })] })],
  ['two accounts with the same name', draft({ accounts: [account({}), account({})] })],
  ['an account named in another script', draft({ accounts: [account({ name: 'Почта 📬' })] })],
  ['an IPv6 host and a web address without a scheme', draft({ accounts: [account({ host: '[2001:db8::1]', webUrl: 'mail.example.com/inbox' })] })],
  ['a remote https server', draft({ serverMode: 'remote', url: 'counts.example.com/', token: 'a-token-from-the-admin' })],
  ['a remote server on this machine over http', draft({ serverMode: 'remote', url: 'localhost:7300', token: 'a-token-from-the-admin' })],
  ['a remote server keeping its saved token', draft({ serverMode: 'remote', url: 'https://counts.example.com', hasSavedToken: true })],
  ['quiet hours across midnight', draft({ notifications: { enabled: true, sound: true, summaryAtStart: true, quietEnabled: true, quietStart: '22:30', quietEnd: '06:45' } })],
];

describe('what the window saves, main accepts', () => {
  it.each(accepted)('%s', (_what, form) => {
    const result = settingsFromDraft(form);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    const saved = { hasToken: form.hasSavedToken, accountsWithPassword: new Set<string>() };
    expect(checkSettingsInput(result.settings, saved)).toEqual([]);
  });
});
