import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Language } from '../../common/i18n/languages.ts';
import { translatorFor } from '../../common/i18n/translator.ts';
import type { SettingsInput } from '../../main/ipc-contract.ts';
import type { FakeSetup } from './fake-mailtray.ts';
import { outputDir, windowPerFile } from './window-harness.ts';
import { fewMailboxes, live, liveSetup, someSettings } from './window-fixtures.ts';

// Fastmail over JMAP in the account form: the server it reads from, the credential it takes, what
// Save sends; the form in every language.
const openPage = windowPerFile();
beforeAll(async () => { await mkdir(outputDir, { recursive: true }); });

const sectionNames: Record<Exclude<Language, 'en-XA'>, { settings: string; accounts: string }> = {
  en: { settings: 'Settings', accounts: 'Accounts' },
  ko: { settings: '설정', accounts: '계정' },
  de: { settings: 'Einstellungen', accounts: 'Konten' },
  ja: { settings: '設定', accounts: 'アカウント' },
  ar: { settings: 'الإعدادات', accounts: 'الحسابات' },
};

describe('a Fastmail account over JMAP', () => {
  test('"Fastmail (JMAP)" reads from api.fastmail.com with no IMAP port, asks for an API token, and Save sends protocol jmap', async () => {
    const window = await openPage(liveSetup);
    const { page, fake } = window;
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Accounts' }).click();
    await page.getByRole('button', { name: 'Add account' }).click();
    const added = page.locator('details.account').nth(1);
    await added.getByLabel('Provider', { exact: true }).selectOption('fastmail-jmap');
    expect(await added.getByLabel('Port', { exact: true }).isVisible()).toBe(false);
    expect(await added.locator('.provider-hint').textContent()).toBe(translatorFor('en').t('jmap.fastmail.tokenHint'));
    await added.getByLabel('User name', { exact: true }).fill('ann@fastmail.com');
    await added.getByLabel('Password', { exact: true }).fill('fmu1-api-token');
    await page.screenshot({ path: `${outputDir}settings-fastmail-jmap-en.png`, fullPage: true });
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await fake.calls('saveSettings')).length).toBe(1);
    const saved = (await fake.calls('saveSettings'))[0]?.args[0] as SettingsInput;
    expect(saved.accounts[1]).toMatchObject({
      provider: 'fastmail-jmap', protocol: 'jmap', password: 'fmu1-api-token', host: 'api.fastmail.com', port: 443, user: 'ann@fastmail.com', folders: ['inbox'],
    });
    expect(window.problems).toEqual([]);
    await window.close();
  }, 60_000);

  for (const language of ['en', 'ko', 'de', 'ja', 'ar'] as const) {
    test(`a saved JMAP account reads in ${language}: the API token hint worded (screenshot)`, async () => {
      const setup: FakeSetup = {
        snapshot: { counts: fewMailboxes, status: live, language: { choice: language, chosen: language, system: 'en' } },
        settings: {
          ...someSettings,
          accounts: [{
            id: 'fastmail', name: 'Fastmail', host: 'api.fastmail.com', port: 443, security: 'tls', user: 'ann@fastmail.com',
            hasPassword: true, folders: ['INBOX'], folderChoice: 'inbox', provider: 'fastmail-jmap', protocol: 'jmap',
          }],
          general: { ...someSettings.general, language },
        },
      };
      const window = await openPage(setup);
      const { page } = window;
      const names = sectionNames[language];
      await page.getByRole('tab', { name: names.settings }).click();
      await page.getByRole('tab', { name: names.accounts }).click();
      const account = page.locator('details.account').first();
      await account.locator(':scope > summary').click();
      expect(await account.locator('.provider-hint').textContent()).toBe(translatorFor(language).t('jmap.fastmail.tokenHint'));
      await page.screenshot({ path: `${outputDir}settings-jmap-account-${language}.png`, fullPage: true });
      expect(window.problems).toEqual([]);
      await window.close();
    }, 60_000);
  }
});
