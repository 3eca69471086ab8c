import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { Language } from '../../common/i18n/languages.ts';
import { translatorFor } from '../../common/i18n/translator.ts';
import type { SettingsInput, SettingsView } from '../../main/ipc-contract.ts';
import type { FakeSetup } from './fake-mailtray.ts';
import { outputDir, windowPerFile } from './window-harness.ts';
import { live, liveSetup, someSettings } from './window-fixtures.ts';

// The folder picker in the account form, in Chromium: the server's folders (the fake lists a
// Dovecot's, with special use and a Korean name), a counted folder the server lost, a new one
// offered, the one-click choices, and exactly what Save sends.
const openPage = windowPerFile();
beforeAll(async () => { await mkdir(outputDir, { recursive: true }); });

/** The fake's listing, as it was when the choice was saved: without 거래처, with "Old projects" (since renamed or deleted). */
const knownBefore = ['INBOX', 'Archive', 'Drafts', 'Junk', 'Lists', 'Lists/Dovecot', 'Old projects', 'Sent', 'Trash'];

function withChoice(language: Exclude<Language, 'en-XA'> = 'en'): FakeSetup {
  const settings: SettingsView = {
    ...someSettings,
    accounts: [{ ...someSettings.accounts[0]!, folders: ['INBOX', 'Old projects'], folderChoice: 'chosen', knownFolders: knownBefore }],
    general: { ...someSettings.general, language },
  };
  return { snapshot: { ...liveSetup.snapshot, status: live, language: { choice: language, chosen: language, system: language } }, settings };
}

const accountsTab: Record<Exclude<Language, 'en-XA'>, [string, string]> = {
  en: ['Settings', 'Accounts'], ko: ['설정', '계정'], de: ['Einstellungen', 'Konten'], ja: ['設定', 'アカウント'], ar: ['الإعدادات', 'الحسابات'],
};

/** Opens Settings, Accounts, and the saved account, which lists its folders. */
async function openAccount(page: Page, language: Exclude<Language, 'en-XA'> = 'en') {
  const [settings, accounts] = accountsTab[language];
  await page.getByRole('tab', { name: settings }).click();
  await page.getByRole('tablist').nth(1).getByRole('tab', { name: accounts }).click();
  await page.locator('details.account summary').first().click();
  const picker = page.locator('.folder-picker').first();
  await picker.locator('.folder-list input[value="거래처"]').waitFor();
  return picker;
}

const ticked = (page: Page) => page.locator('.folder-picker .folder-list input:checked').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value));

describe('the folder picker', () => {
  test('names the folder the server lost, offers the new one, and Save sends exactly what is ticked', async () => {
    const { page, fake } = await openPage(withChoice());
    const picker = await openAccount(page);
    expect(await ticked(page)).toEqual(['INBOX']);
    await expect.poll(() => picker.locator('.folder-gone').textContent())
      .toBe('No longer on the server: Old projects. It was deleted or renamed; tick the folders to count and save.');
    const offer = picker.locator('.folder-offer');
    expect(await offer.locator('.folder-new').textContent()).toBe('New folder: 거래처. Add it?');
    expect(await picker.getByRole('checkbox', { name: '거래처' }).isChecked()).toBe(false);
    // A folder that only holds folders is shown in the tree but cannot be ticked.
    expect(await picker.locator('input[value="Lists"]').isDisabled()).toBe(true);
    await picker.screenshot({ path: `${outputDir}folders-offered-en.png` });

    // The rule ticks the new folder itself, and says so; Inbox only leaves it offered again.
    await picker.getByLabel('All folders except Sent, Drafts, Junk and Trash').check();
    expect(await ticked(page)).toEqual(['INBOX', 'Archive', 'Lists/Dovecot', '거래처']);
    expect(await offer.locator('.folder-new').textContent()).toBe('New folder: 거래처. Your choice counts it once you save.');
    await picker.getByLabel('Inbox only').check();
    expect(await ticked(page)).toEqual(['INBOX']);

    await offer.getByRole('button', { name: 'Add' }).click();
    // Added: no longer offered.
    expect(await offer.count()).toBe(0);
    expect(await ticked(page)).toEqual(['INBOX', '거래처']);
    expect(await picker.getByLabel('The folders ticked below').isChecked()).toBe(true);
    expect(await picker.locator('.folder-summary').textContent()).toBe('2 folders counted together');

    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await fake.calls('saveSettings')).length).toBe(1);
    const saved = (await fake.calls('saveSettings'))[0]!.args[0] as SettingsInput;
    expect(saved.accounts[0]).toMatchObject({
      folders: ['INBOX', '거래처'], folderChoice: 'chosen',
      // Every folder the server has now is known: 거래처 is not offered again, whether ticked or not.
      knownFolders: ['INBOX', 'Archive', 'Drafts', 'Junk', 'Lists', 'Lists/Dovecot', 'Sent', 'Trash', '거래처'],
    });
    // The listing went through main with the account as typed; its password stays write-only.
    const [listed] = (await fake.calls('listFolders'))[0]!.args as [Record<string, unknown>];
    expect(listed).toMatchObject({ id: 'work', host: 'imap.example.com', user: 'ann@example.com' });
    expect(listed.password).toBeUndefined();
  });

  test('Save refuses an account with no folder ticked, beside the picker', async () => {
    const { page, fake } = await openPage(withChoice());
    const picker = await openAccount(page);
    await picker.getByRole('checkbox', { name: /^INBOX/ }).uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => picker.locator('.field-error').textContent()).toBe('Tick at least one folder to count.');
    expect(await fake.calls('saveSettings')).toEqual([]);
  });

  test('says when the folders cannot be listed, in the test\'s words, and keeps the saved choice', async () => {
    const { page, fake } = await openPage(withChoice());
    await fake.queueFolderList({ ok: false, problem: 'auth', message: { key: 'account.test.wrongPassword', values: { details: 'login failed for ann@example.com' } } });
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('tablist').nth(1).getByRole('tab', { name: 'Accounts' }).click();
    await page.locator('details.account summary').first().click();
    const picker = page.locator('.folder-picker').first();
    await expect.poll(() => picker.locator('.folder-status').textContent()).toBe('The folders could not be read from the server.');
    expect(await picker.locator('.folder-status-details').textContent()).toBe(translatorFor('en').say({ key: 'account.test.wrongPassword', values: { details: 'login failed for ann@example.com' } }));
    // Until the server answers, the folders counted now stay as they are.
    expect(await ticked(page)).toEqual(['INBOX', 'Old projects']);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await fake.calls('saveSettings')).length).toBe(1);
    expect(((await fake.calls('saveSettings'))[0]!.args[0] as SettingsInput).accounts[0])
      .toMatchObject({ folders: ['INBOX', 'Old projects'], folderChoice: 'chosen', knownFolders: knownBefore });
  });

  for (const language of ['en', 'ko', 'de', 'ja', 'ar'] as const) {
    test(`${language}: the picker worded, mirrored for Arabic, nothing cut (screenshot)`, async () => {
      const { page } = await openPage(withChoice(language));
      const picker = await openAccount(page, language);
      const words = translatorFor(language);
      await expect.poll(() => picker.locator('legend').first().textContent()).toBe(words.t('folders.label'));
      // Arabic isolates the folder's name (FSI ... PDI) so it keeps its own direction in the sentence.
      expect((await picker.locator('.folder-new').textContent())!.replace(/[\u2068\u2069]/g, '')).toBe(words.t('folders.new', { folder: '거래처' }));
      const cut = await picker.evaluate((root) => [...root.querySelectorAll<HTMLElement>('label, legend, button, .hint, li')]
        .filter((e) => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
      expect(cut).toEqual([]);
      await picker.screenshot({ path: `${outputDir}folders-picker-${language}.png` });
    });
  }
});
