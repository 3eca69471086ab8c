import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { Language } from '../../common/i18n/languages.ts';
import { translatorFor } from '../../common/i18n/translator.ts';
import type { AppStatus, CountsView, SettingsView } from '../../main/ipc-contract.ts';
import type { FakeSetup } from './fake-mailtray.ts';
import { outputDir, windowPerFile } from './window-harness.ts';
import { countsOf, live, liveSetup, mailbox, remoteServer, someSettings, status } from './window-fixtures.ts';

// A mailbox of several folders in the Mail tab, folder by folder; a counted folder the server
// lost, said in words with "Pick folders again", which opens the account at its folder picker.
const openPage = windowPerFile();
beforeAll(async () => { await mkdir(outputDir, { recursive: true }); });

type Shipped = Exclude<Language, 'en-XA'>;

/** Work counts INBOX, 거래처 and Lists/Dovecot together; Home one folder; Old counts a folder the server lost. */
const counts: CountsView = countsOf([
  mailbox('work', 'Work', 6, { folders: [{ name: 'INBOX', count: 3 }, { name: '거래처', count: 2 }, { name: 'Lists/Dovecot', count: 1 }] }),
  mailbox('home', 'Home', 1),
  mailbox('old', 'Projects', 4, {
    state: 'error', error: 'the folder "Old projects" on imap.example.com cannot be counted: Mailbox doesn\'t exist: Old projects',
    errorKind: 'folder', errorFacts: { folder: 'Old projects', host: 'imap.example.com' },
    folders: [{ name: 'INBOX', count: 4 }, { name: 'Old projects', count: 0 }],
  }),
]);

/** The account behind "old": its saved choice still counts "Old projects", which the fake's Dovecot no longer lists. */
const settings: SettingsView = {
  ...someSettings,
  accounts: [
    someSettings.accounts[0]!,
    {
      ...someSettings.accounts[0]!, id: 'old', name: 'Projects', folders: ['INBOX', 'Old projects'], folderChoice: 'chosen',
      knownFolders: ['INBOX', 'Archive', 'Drafts', 'Junk', 'Lists', 'Lists/Dovecot', 'Old projects', 'Sent', 'Trash'],
    },
  ],
};

function setup(language: Shipped = 'en', connection: AppStatus = live): FakeSetup {
  return {
    snapshot: { ...liveSetup.snapshot, counts, status: connection, language: { choice: language, chosen: language, system: language } },
    settings: { ...settings, general: { ...settings.general, language } },
  };
}

const row = (page: Page, id: string) => page.locator(`li.mailbox[data-mailbox="${id}"]`);
const tallies = (page: Page, id: string) => row(page, id).locator('.folder-tally').evaluateAll((items) => items.map((item) => item.textContent));

describe('a mailbox of several folders', () => {
  test('shows each folder\'s count under the sum, names in their own script; one folder shows none', async () => {
    const { page, fake } = await openPage(setup());
    await expect.poll(() => tallies(page, 'work')).toEqual(['INBOX 3', '거래처 2', 'Lists/Dovecot 1']);
    expect(await row(page, 'work').locator('.mailbox-count').textContent()).toBe('6');
    expect(await row(page, 'work').getByRole('list', { name: 'Folders of Work' }).isVisible()).toBe(true);
    expect(await row(page, 'work').locator('.folder-count').first().getAttribute('aria-label')).toBe('3 unread');
    expect(await row(page, 'home').locator('.folder-breakdown').isHidden()).toBe(true);

    // A mail read in 거래처: the line follows the next answer in place.
    await fake.pushCounts(countsOf([
      mailbox('work', 'Work', 5, { folders: [{ name: 'INBOX', count: 3 }, { name: '거래처', count: 1 }, { name: 'Lists/Dovecot', count: 1 }] }),
      mailbox('home', 'Home', 1),
    ]));
    await expect.poll(() => tallies(page, 'work')).toEqual(['INBOX 3', '거래처 1', 'Lists/Dovecot 1']);
  });
});

describe('a counted folder the server no longer has', () => {
  test('says which folder in words, and "Pick folders again" opens the account at its picker, the gone folder named and the new one offered', async () => {
    const { page, fake } = await openPage(setup());
    const old = row(page, 'old');
    await expect.poll(() => old.locator('.mailbox-advice').textContent())
      .toBe('The folder Old projects cannot be opened on the server: it was deleted or renamed. Pick the folders to count again.');
    const pick = old.getByRole('button', { name: 'Pick folders again for Projects' });
    expect(await pick.textContent()).toBe('Pick folders again');
    // A mailbox that works offers no such button.
    expect(await row(page, 'work').locator('.pick-folders').isHidden()).toBe(true);

    await pick.click();
    // Settings, Accounts, the account "Projects" open, its folders listed from the server.
    expect(await page.getByRole('tab', { name: 'Settings' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('tablist').nth(1).getByRole('tab', { name: 'Accounts' }).getAttribute('aria-selected')).toBe('true');
    const account = page.locator('details.account').nth(1);
    expect(await account.getAttribute('open')).not.toBeNull();
    expect(await page.locator('details.account').first().getAttribute('open')).toBeNull();
    const picker = account.locator('.folder-picker');
    await expect.poll(() => picker.locator('.folder-gone').textContent())
      .toBe('No longer on the server: Old projects. It was deleted or renamed; tick the folders to count and save.');
    // Created on the server since the account was saved: offered, not ticked.
    expect(await picker.locator('.folder-offer .folder-new').textContent()).toBe('New folder: 거래처. Add it?');
    expect(await picker.getByRole('checkbox', { name: '거래처' }).isChecked()).toBe(false);
    // The keyboard is at the picker's choice, not at the top of the page.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('chosen');
    expect((await fake.calls('listFolders')).length).toBe(1);
  });

  test('with a remote server, names the folder and sends the person to the operator, with no picker to offer', async () => {
    const { page } = await openPage(setup('en', status({ state: 'live', server: remoteServer })));
    const old = row(page, 'old');
    await expect.poll(() => old.locator('.mailbox-advice').textContent())
      .toBe("The folder Old projects cannot be opened on the server: it was deleted or renamed. Ask the server's operator to choose the folders again.");
    expect(await old.locator('.pick-folders').isHidden()).toBe(true);
  });

  for (const language of ['en', 'ko', 'de', 'ja', 'ar'] as const) {
    test(`${language}: the breakdown and "pick again" worded, mirrored for Arabic, nothing cut (screenshot)`, async () => {
      const { page } = await openPage(setup(language));
      const words = translatorFor(language);
      const old = row(page, 'old');
      const isolated = (text: string | null) => text!.replace(/[\u2068\u2069]/g, '');
      await expect.poll(async () => isolated(await old.locator('.mailbox-advice').textContent()))
        .toBe(words.t('folders.goneAdvice', { folder: 'Old projects' }));
      expect(await old.locator('.pick-folders').textContent()).toBe(words.t('folders.pickAgain'));
      expect(isolated(await row(page, 'work').locator('.folder-breakdown').getAttribute('aria-label'))).toBe(words.t('folders.breakdown', { name: 'Work' }));
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).direction)).toBe(language === 'ar' ? 'rtl' : 'ltr');
      const cut = await page.locator('.mailboxes').evaluate((root) => [...root.querySelectorAll<HTMLElement>('button, .mailbox-advice, .folder-tally')]
        .filter((e) => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
      expect(cut).toEqual([]);
      await page.locator('.counts').screenshot({ path: `${outputDir}folders-breakdown-${language}.png` });
    });
  }
});
