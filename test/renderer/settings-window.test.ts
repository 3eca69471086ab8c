import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { ConnectionTestResult, SettingsInput } from '../../main/ipc-contract.ts';
import { translatorFor } from '../../common/i18n/translator.ts';
import { tokenRule } from '../../common/settings-rules.ts';

const english = translatorFor('en');
import { outputDir, windowPerFile, type OpenWindow } from './window-harness.ts';
import { liveSetup, someSettings } from './window-fixtures.ts';

const openPage = windowPerFile();

async function openSettings(setup = liveSetup): Promise<OpenWindow> {
  const window = await openPage(setup);
  await window.page.getByRole('tab', { name: 'Settings' }).click();
  await window.page.getByRole('button', { name: 'Save' }).waitFor();
  return window;
}

/** Shows one section of Settings by its tab. */
function openSection(page: Page, name: 'Server' | 'Accounts' | 'Notifications' | 'General') {
  return page.getByRole('tablist', { name: 'Settings sections' }).getByRole('tab', { name }).click();
}

/** The words shown beside a control, found by its label. */
function errorBeside(page: Page, label: string | RegExp) {
  return page.getByLabel(label, { exact: true }).evaluate((control) => {
    const ids = control.getAttribute('aria-describedby')?.split(' ') ?? [];
    return ids.map((id) => document.getElementById(id)).find((line) => line?.classList.contains('field-error'))?.textContent ?? '';
  });
}

async function useRemote(page: Page, address: string, token: string): Promise<void> {
  await openSection(page, 'Server');
  // Only the remote server followed: the bundled one off, one remote server added.
  await page.getByLabel('Bundled server', { exact: true }).uncheck();
  if (await page.getByLabel('Server address', { exact: true }).count() === 0) await page.getByRole('button', { name: 'Add a remote server' }).click();
  await page.getByLabel('Server address', { exact: true }).fill(address);
  await page.getByLabel('Token', { exact: true }).fill(token);
}

async function fillPort(page: Page, port: string): Promise<void> {
  await openSection(page, 'Accounts');
  await page.locator('details.account summary').first().click();
  await page.getByLabel('Port', { exact: true }).fill(port);
}

describe('saving settings', () => {
  const blocked: [string, (page: Page) => Promise<void>, string | RegExp, string][] = [
    ['a server address with spaces', (page) => useRemote(page, 'mail example com', 's3cret-token-0123456789'), 'Server address', 'This is not a web address. Write it like https://mail.example.com.'],
    ['an ftp:// address', (page) => useRemote(page, 'ftp://mail.example.com', 's3cret-token-0123456789'), 'Server address', 'Use an address that starts with https:// (or http://).'],
    ['an empty token', (page) => useRemote(page, 'mail.example.com', ''), 'Token', "Enter the token the server's operator gave you."],
    ['a short token', (page) => useRemote(page, 'mail.example.com', 'tok-short'), 'Token', english.say(tokenRule.message)],
    ['port 0', (page) => fillPort(page, '0'), 'Port', 'The port is a whole number from 1 to 65535 (usually 993 for TLS, 143 for STARTTLS).'],
    ['port 70000', (page) => fillPort(page, '70000'), 'Port', 'The port is a whole number from 1 to 65535 (usually 993 for TLS, 143 for STARTTLS).'],
  ];
  for (const [what, enter, label, message] of blocked) {
    test(`is blocked by ${what}, with the reason beside the field`, async () => {
      const window = await openSettings();
      const { page, fake } = window;
      await enter(page);
      // Save from another section: the one with the problem comes back into view.
      await openSection(page, 'General');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => errorBeside(page, label)).toBe(message);
      expect(await page.getByLabel(label, { exact: true }).getAttribute('aria-invalid')).toBe('true');
      // The first problem gets the focus, so a keyboard user lands on it.
      expect(await page.getByLabel(label, { exact: true }).evaluate((control) => control === document.activeElement)).toBe(true);
      expect(await page.locator('.save-message').textContent()).toMatch(/^Not saved: 1 problem to fix/);
      expect(await fake.calls('saveSettings')).toEqual([]);
      // Fixing the field takes the problem away.
      await page.getByLabel(label, { exact: true }).press('End');
      await page.keyboard.type('1');
      expect(await errorBeside(page, label)).toBe('');
      expect(await page.getByLabel(label, { exact: true }).getAttribute('aria-invalid')).toBeNull();
      await window.close();
    });
  }

  test('sends exactly the settings in the form, with the address normalised', async () => {
    const window = await openSettings();
    const { page, fake } = window;
    await openSection(page, 'Accounts');
    await page.getByRole('button', { name: 'Add account' }).click();
    const added = page.locator('details.account').nth(1);
    await added.getByLabel('Name', { exact: true }).fill('Home');
    await added.getByLabel('IMAP server', { exact: true }).fill('imap.home.example');
    await added.getByLabel('Security', { exact: true }).selectOption('starttls');
    expect(await added.getByLabel('Port', { exact: true }).inputValue()).toBe('143');
    await added.getByLabel('User name', { exact: true }).fill('ann');
    await added.getByLabel('Password', { exact: true }).fill('hunter2 with spaces');
    await added.getByLabel('Web address (optional)', { exact: true }).fill('webmail.home.example');

    await openSection(page, 'Notifications');
    await page.getByLabel('Play a sound', { exact: true }).check();
    await page.getByLabel('Quiet hours', { exact: true }).check();
    await page.getByLabel('From', { exact: true }).fill('21:30');
    await page.getByLabel('To', { exact: true }).fill('06:45');
    await openSection(page, 'General');
    await page.getByLabel('Start Mailtray when I log in', { exact: true }).uncheck();
    await page.getByLabel('Tray icon', { exact: true }).selectOption({ label: 'One colour, for a dark panel' });

    // Accounts are kept while a remote server is chosen, but out of sight: its operator has the accounts.
    await useRemote(page, '  Mail.Example.com:8443/mailtray/  ', 'tok-123-0123456789');
    await page.getByLabel('Server address', { exact: true }).press('Tab');
    expect(await page.getByLabel('Server address', { exact: true }).inputValue()).toBe('https://mail.example.com:8443/mailtray');
    expect(await page.getByRole('tab', { name: 'Accounts' }).isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Save' }).click();

    await expect.poll(() => page.locator('.save-message').textContent()).toBe('Saved. The changes apply now.');
    const expected: SettingsInput = {
      servers: { bundled: { enabled: false }, remotes: [{ name: '', url: 'https://mail.example.com:8443/mailtray', token: 'tok-123-0123456789', enabled: true }] },
      accounts: [
        { id: 'work', name: 'Work', host: 'imap.example.com', port: 993, security: 'tls', user: 'ann@example.com', folders: ['INBOX'], folderChoice: 'inbox' as const, webUrl: 'https://mail.example.com/' },
        { id: 'home', name: 'Home', host: 'imap.home.example', port: 143, security: 'starttls', user: 'ann', folders: ['INBOX'], folderChoice: 'inbox' as const, webUrl: 'https://webmail.home.example/', password: 'hunter2 with spaces' },
      ],
      notifications: {
        enabled: true, sound: true, summaryAtStart: false, detail: 'sender-and-subject', quietHours: { enabled: true, start: '21:30', end: '06:45' },
        stayOnScreen: false, reminderMinutes: 0, badgeShows: 'unread', hideZeroCount: false, attentionCue: false,
        respectDnd: true, tellAfterDnd: true,
      },
      general: { launchAtLogin: false, trayIcon: 'dark-panel', language: 'system' },
      mailboxes: [],
      updates: { check: true, autoDownload: false },
    };
    const saves = await fake.calls('saveSettings');
    expect(saves.map((call) => call.args)).toStrictEqual([[expected]]);
    await window.close();
  });

  test('never shows a password or token again once saved', async () => {
    const window = await openSettings();
    const { page, fake } = window;
    await openSection(page, 'Accounts');
    await page.locator('details.account summary').first().click();
    await page.getByLabel('Password', { exact: true }).fill('pw-secret-2');
    await useRemote(page, 'https://mail.example.com', 'tok-secret-1-0123456789');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.save-message').textContent()).toBe('Saved. The changes apply now.');
    expect(await fake.calls('saveSettings')).toHaveLength(1);

    expect(await page.getByLabel('Token', { exact: true }).inputValue()).toBe('');
    expect(await page.getByText('A token is saved. Leave this empty to keep it.').isVisible()).toBe(true);
    await page.getByLabel('Bundled server', { exact: true }).check();
    await openSection(page, 'Accounts');
    await page.locator('details.account summary').first().click();
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    const everything = await page.evaluate(() =>
      document.documentElement.outerHTML + [...document.querySelectorAll('input')].map((input) => input.value).join(' '));
    expect(everything).not.toContain('pw-secret-2');
    expect(everything).not.toContain('tok-secret-1-0123456789');
    expect(await page.getByText('A password is saved. Leave this empty to keep it.').isVisible()).toBe(true);
    // Saving again without typing them keeps the saved ones: neither is sent.
    await openSection(page, 'Server');
    await page.getByLabel('Bundled server', { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await fake.calls('saveSettings')).length).toBe(2);
    const second = (await fake.calls('saveSettings'))[1]?.args[0] as SettingsInput;
    expect(second.servers).toStrictEqual({
      bundled: { enabled: false }, remotes: [{ key: 's1', name: 'mail.example.com', url: 'https://mail.example.com', enabled: true }],
    });
    expect(second.accounts[0]).not.toHaveProperty('password');
    await window.close();
  });

  test("shows main's own objections beside the fields they name", async () => {
    const window = await openSettings();
    const { page, fake } = window;
    await fake.queueSaveResult({ ok: false, errors: [
      { field: 'accounts.0.host', message: { key: 'check.host' } },
      { field: 'general', message: { key: 'check.onOff' } },
    ] });
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => errorBeside(page, 'IMAP server')).toBe("Enter only the IMAP server's host name, like imap.example.com (the port goes in Port).");
    // The Accounts section comes into view and says it has problems, the account folds open,
    // and the problem without a field is listed under Save.
    expect(await page.getByLabel('IMAP server', { exact: true }).isVisible()).toBe(true);
    const accountsTab = page.getByRole('tablist', { name: 'Settings sections' }).getByRole('tab', { name: /^Accounts/ });
    expect(await accountsTab.getAttribute('aria-selected')).toBe('true');
    expect(await accountsTab.textContent()).toBe('Accounts, has problems');
    expect(await page.locator('.save-problems li').allTextContents()).toEqual(['Must be on or off.']);
    expect(await page.locator('.save-message').textContent()).toBe('Not saved: 2 problems to fix, marked beside the fields.');
    await window.close();
  });

  test('takes settings changed elsewhere, unless the user is in the middle of editing', async () => {
    const window = await openSettings();
    const { page, fake } = window;
    await openSection(page, 'Notifications');
    await page.getByLabel('Play a sound', { exact: true }).focus();
    await fake.pushSettings({ ...someSettings, general: { launchAtLogin: false, trayIcon: 'colour', language: 'system' }, notifications: { ...someSettings.notifications, sound: true } });
    await expect.poll(() => page.getByLabel('Play a sound', { exact: true }).isChecked()).toBe(true);
    // The redrawn form keeps the focus where it was.
    expect(await page.getByLabel('Play a sound', { exact: true }).evaluate((box) => box === document.activeElement)).toBe(true);
    await page.getByLabel('Play a sound', { exact: true }).uncheck();
    // The fake delivers an event to the window's listeners before pushSettings resolves: nothing to wait for.
    await fake.pushSettings({ ...someSettings, general: { launchAtLogin: true, trayIcon: 'colour', language: 'system' } });
    expect(await page.getByLabel('Play a sound', { exact: true }).isChecked()).toBe(false);
    await openSection(page, 'General');
    expect(await page.getByLabel('Start Mailtray when I log in', { exact: true }).isChecked()).toBe(false);
    await window.close();
  });

  test('removes an account', async () => {
    const window = await openSettings();
    const { page, fake } = window;
    await openSection(page, 'Accounts');
    await page.locator('details.account summary').first().click();
    await page.getByRole('button', { name: 'Remove account' }).click();
    expect(await page.locator('details.account').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add account' }).evaluate((button) => button === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await fake.calls('saveSettings')).length).toBe(1);
    expect(((await fake.calls('saveSettings'))[0]?.args[0] as SettingsInput).accounts).toEqual([]);
    await window.close();
  });
});

describe('Test connection', () => {
  const outcomes: [ConnectionTestResult, string, string[]][] = [
    [{ ok: true, mailboxes: 3 }, 'OK: a Mailtray server with 3 mailboxes for this token.', []],
    [{ ok: false, problem: 'dns', message: { key: 'connection.reason.dns' } }, 'Cannot resolve the host: check the address.', ['Server not found (no such host name)']],
    [{ ok: false, problem: 'refused' }, 'Connection refused: nothing answers at that address and port.', []],
    [{ ok: false, problem: 'tls', message: { key: 'connection.reason.tlsExpired' } }, 'TLS certificate problem: the connection is not safe.',
      ["TLS problem: the server's certificate has expired"]],
    [{ ok: false, problem: 'auth' }, 'Token rejected: check the token.', []],
    [{ ok: false, problem: 'not-mailtray', message: { key: 'connection.reason.httpStatus', values: { status: '404' } } },
      'Not a Mailtray server: something answered, but not Mailtray.', ['The server answered HTTP 404']],
    [{ ok: false, problem: 'timeout', message: { key: 'connection.reason.noAnswer', values: { seconds: 10 } } }, 'Timed out: the server did not answer in time.',
      ['No answer within 10 s']],
  ];

  test('says what happened, for each outcome, after asking main', async () => {
    const window = await openSettings();
    const { page, fake } = window;
    await useRemote(page, 'mail.example.com/', 'tok-1-0123456789');
    const result = page.locator('.test-result');
    for (const [answer, words, detailLine] of outcomes) {
      await fake.queueTestResult(answer);
      await page.getByRole('button', { name: 'Test connection' }).click();
      await expect.poll(() => result.locator('.headline').textContent()).toBe(words);
      const detail = await result.locator('.detail').allTextContents();
      expect(detail).toEqual(detailLine);
    }
    const tests = await fake.calls('testConnection');
    expect(tests).toHaveLength(outcomes.length);
    expect(tests[0]?.args).toStrictEqual([{ url: 'https://mail.example.com', token: 'tok-1-0123456789' }]);
    expect(await fake.calls('saveSettings')).toEqual([]);
    await window.close();
  });

  test('uses the saved token when none is typed, and does not ask main about a bad address', async () => {
    const window = await openSettings({ ...liveSetup, settings: { ...someSettings, servers: {
      bundled: { enabled: true }, remotes: [{ key: 's1', name: 'Mail', url: 'https://mail.example.com', hasToken: true, enabled: true }],
    } } });
    const { page, fake } = window;
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(async () => (await fake.calls('testConnection')).map((call) => call.args)).toStrictEqual([[{ url: 'https://mail.example.com', key: 's1' }]]);
    await page.getByLabel('Server address', { exact: true }).fill('https://');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.locator('.test-result .headline').textContent()).toBe('Fix the server address first.');
    expect(await fake.calls('testConnection')).toHaveLength(1);
    await window.close();
  });
});

describe('the keyboard', () => {
  test('reaches and works every step from the tabs to Save, with a visible focus', async () => {
    const window = await openPage(liveSetup);
    const { page, fake } = window;
    const focused = () => page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element) return '';
      const label = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : undefined;
      return label ?? element.getAttribute('aria-label') ?? element.textContent?.trim() ?? element.tagName;
    });
    const outlined = () => page.evaluate(() => {
      const element = document.activeElement;
      return element ? getComputedStyle(element).outlineStyle !== 'none' : false;
    });

    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Mail');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('Settings');
    expect(await page.locator('.settings').isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Server');
    // The section tabs are one stop: arrows move between sections.
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('Accounts');
    await page.keyboard.press('Tab');
    expect(await focused()).toContain('Work');
    await page.keyboard.press('Enter');
    const walk = async (until: string) => {
      const order: string[] = [];
      for (let i = 0; i < 80 && (await focused()) !== until; i += 1) {
        await page.keyboard.press('Tab');
        const now = await focused();
        // A time input takes one Tab per part (hours, minutes, ...): count the control once.
        if (order.at(-1) !== now) order.push(now);
        if (now === 'Play a sound') await page.keyboard.press('Space');
        expect(`${now}: ${await outlined()}`).toBe(`${now}: true`);
      }
      return order;
    };
    expect(await walk('Save')).toEqual([
      'Provider', 'Name', 'IMAP server', 'Security', 'Port', 'User name', 'Password',
      // The folder picker, listed when the saved account was opened: the choices are one stop, each folder that can be counted one.
      'Inbox only', 'INBOX Inbox', 'Sent Sent', 'Drafts Drafts', 'Junk Junk', 'Trash Trash', 'Archive Archive', 'Dovecot', '거래처',
      "Show the server's folders",
      'Certificate file (optional)', 'Choose...', 'Web address (optional)', 'Count', 'Test account', 'Remove account', 'Add account', 'Save',
    ]);
    const backToSections = async () => {
      for (let i = 0; i < 80 && !['Server', 'Accounts', 'Notifications', 'Mailboxes', 'Hooks', 'General'].includes(await focused()); i += 1) {
        await page.keyboard.press('Shift+Tab');
      }
    };
    await backToSections();
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('Notifications');
    expect(await walk('Save')).toEqual([
      'Show a notification when new mail arrives', 'Play a sound', 'Notifications show', 'Show a summary at start', 'Quiet hours', 'From', 'To',
      'Keep notifications on screen until I dismiss them', 'Remind me of unread mail every (minutes)', 'The tray count shows',
      'Show no count when nothing is unread', 'Change the tray icon for a moment when new mail arrives',
      "Hold notifications and sounds while the desktop's Do Not Disturb is on", 'When Do Not Disturb ends, tell me once what arrived',
      'For 30 minutes', 'For 1 hour', 'Until tomorrow 8:00 AM', 'Save',
    ]);
    await backToSections();
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('Mailboxes');
    // One group per mailbox (five here); the web address is only for a remote server's mailboxes, the
    // sound file only for sound "A sound file", the days and hours only once the schedule is on.
    const perMailbox = [
      'Mute (count, never notify)', 'Count in the total', 'Colour', 'Sound', 'Play', 'Notify only on these days and hours',
      'Always notify for these senders', 'Even in quiet hours and while snoozed', 'Never notify for these senders (still counted)',
    ];
    expect(await walk('Save')).toEqual([...Array.from({ length: 5 }, () => perMailbox).flat(), 'Save']);
    await backToSections();
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('Hooks');
    // The mailboxes to tick are offered only for "Only the mailboxes ticked".
    expect(await walk('Save')).toEqual([
      'Run a program when new mail arrives', 'Program', 'Arguments, one per line', 'Run it for', 'Stop it after (seconds)', 'Save',
    ]);
    await backToSections();
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('General');
    expect(await walk('Save')).toEqual([
      'Language', 'Start Mailtray when I log in', 'Tray icon', 'Keyboard shortcut that opens the window',
      'Look for newer versions of Mailtray', 'Download them without asking (installed when Mailtray restarts)', 'Save',
    ]);

    await backToSections();
    await page.keyboard.press('Home');
    expect(await focused()).toBe('Server');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Bundled server');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Add a remote server');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('Name');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Server address');
    await page.keyboard.type('counts.example.org');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Token');
    await page.keyboard.type('tok-kb-0123456789');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Test connection');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.test-result .headline').textContent()).toBe('OK: a Mailtray server with 2 mailboxes for this token.');
    // With a remote server the Accounts section is out of the way: arrows skip it.
    await backToSections();
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('Notifications');
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toBe('Server');

    await page.keyboard.press('Tab');
    await walk('Save');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await fake.calls('saveSettings')).length).toBe(1);
    const saved = (await fake.calls('saveSettings'))[0]?.args[0] as SettingsInput;
    expect(saved.servers).toStrictEqual({
      bundled: { enabled: false }, remotes: [{ name: '', url: 'https://counts.example.org', token: 'tok-kb-0123456789', enabled: true }],
    });
    expect(saved.notifications.sound).toBe(true);
    await window.close();
  });
});

describe('adding an account from a provider preset', () => {
  test('Gmail fills in the server and offers "Sign in with Google" in place of a password; the sign-in\'s id is saved, never a token', async () => {
    const window = await openSettings();
    const { page, fake } = window;
    await openSection(page, 'Accounts');
    await page.getByRole('button', { name: 'Add account' }).click();
    const added = page.locator('details.account').nth(1);
    await added.getByLabel('Provider', { exact: true }).selectOption('google');
    expect(await added.getByLabel('IMAP server', { exact: true }).inputValue()).toBe('imap.gmail.com');
    expect(await added.getByLabel('Port', { exact: true }).inputValue()).toBe('993');
    expect(await added.getByLabel('Security', { exact: true }).inputValue()).toBe('tls');
    expect(await added.getByLabel('Password', { exact: true }).isVisible()).toBe(false);

    await added.getByRole('button', { name: 'Sign in with Google' }).click();
    await expect.poll(() => added.getByRole('status').first().textContent()).toBe('Signed in as ann@gmail.com. Save to keep this account.');
    expect(await added.getByLabel('User name', { exact: true }).inputValue()).toBe('ann@gmail.com');
    expect((await fake.calls('signIn'))[0]?.args).toEqual([{ provider: 'google' }]);

    await added.getByRole('button', { name: 'Test account' }).click();
    await expect.poll(() => added.locator('.test-result').textContent()).toBe('Signed in as ann@gmail.com: 3 unread in INBOX.');
    await page.screenshot({ path: `${outputDir}settings-gmail-signed-in.png`, fullPage: true });

    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await fake.calls('saveSettings')).length).toBe(1);
    const saved = (await fake.calls('saveSettings'))[0]?.args[0] as SettingsInput;
    expect(saved.accounts[1]).toEqual({
      id: 'gmail', name: 'Gmail', provider: 'google', signIn: 'oauth2', signInId: 'sign-in-1',
      host: 'imap.gmail.com', port: 993, security: 'tls', user: 'ann@gmail.com', folders: ['INBOX'], folderChoice: 'inbox' as const, webUrl: 'https://mail.google.com/',
      // Listed after the test: saved as known, so a folder made later is offered as new.
      knownFolders: ['INBOX', 'Archive', 'Drafts', 'Junk', 'Lists', 'Lists/Dovecot', 'Sent', 'Trash', '거래처'],
    });
  });

  test('iCloud asks for a password and says where to make an app password; a certificate file can be chosen', async () => {
    const window = await openSettings();
    const { page } = window;
    await openSection(page, 'Accounts');
    await page.getByRole('button', { name: 'Add account' }).click();
    const added = page.locator('details.account').nth(1);
    await added.getByLabel('Provider', { exact: true }).selectOption('icloud');
    expect(await added.getByLabel('Password', { exact: true }).isVisible()).toBe(true);
    expect(await added.locator('.provider-hint').textContent()).toContain('app-specific password');
    expect(await added.getByRole('button', { name: /Sign in with/ }).isVisible()).toBe(false);
    await added.getByRole('button', { name: 'Choose...' }).click();
    await expect.poll(() => added.getByLabel('Certificate file (optional)', { exact: true }).inputValue()).toBe('/home/ann/company-ca.pem');
  });
});
