import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Language } from '../../common/i18n/languages.ts';
import { translatorFor } from '../../common/i18n/translator.ts';
import type { SettingsInput } from '../../main/ipc-contract.ts';
import type { FakeSetup } from './fake-mailtray.ts';
import { outputDir, windowPerFile } from './window-harness.ts';
import { fewMailboxes, live, someSettings } from './window-fixtures.ts';

// The account form choosing "Microsoft 365 (Graph)": no server, port, security or certificate to set,
// a line saying what Graph is for, Graph's folder names in the hint; in every language, screenshots kept.
const openPage = windowPerFile();
beforeAll(async () => { await mkdir(outputDir, { recursive: true }); });

function speaking(language: Exclude<Language, 'en-XA'>): FakeSetup {
  return {
    snapshot: { counts: fewMailboxes, status: live, language: { choice: language, chosen: language, system: language } },
    settings: { ...someSettings, general: { ...someSettings.general, language } },
  };
}

/** Opens Settings, Accounts, adds an account and picks Graph as its provider; the new account's editor. */
async function addGraphAccount(page: Page, language: Exclude<Language, 'en-XA'>): Promise<Locator> {
  const words = translatorFor(language);
  await page.getByRole('tab', { name: words.t('window.tab.settings') }).click();
  await page.getByRole('tab', { name: words.t('settings.section.accounts') }).click();
  await page.getByRole('button', { name: words.t('settings.account.add') }).click();
  const added = page.locator('details.account').last();
  await added.getByLabel(words.t('settings.account.provider'), { exact: true }).selectOption('microsoft-graph');
  return added;
}

/** Texts wider than their box (a long German word cut off), and the page scrolling sideways. */
function cutWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut = [...document.querySelectorAll<HTMLElement>('details.account button, details.account label, details.account .hint, details.account option')]
      .filter((element) => element.offsetParent !== null && element.scrollWidth > element.clientWidth + 1)
      .map((element) => `${element.tagName.toLowerCase()}: ${element.textContent}`);
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth) cut.push('the page scrolls sideways');
    return cut;
  });
}

describe('adding a Microsoft 365 account through Graph', () => {
  test('the form asks only for what Graph needs, signs in with Microsoft, and saves the account as protocol "graph"', async () => {
    const window = await openPage(speaking('en'));
    const { page, fake } = window;
    const added = await addGraphAccount(page, 'en');
    for (const label of ['IMAP server', 'Port', 'Security', 'Certificate file (optional)', 'Password']) {
      expect(await added.getByLabel(label, { exact: true }).isVisible(), label).toBe(false);
    }
    expect(await added.locator('.protocol-hint').textContent()).toBe(
      'Reads your mail through Microsoft Graph instead of IMAP: for Microsoft 365 organisations that turned IMAP off. New mail shows within a minute.');
    const folder = added.getByLabel('Folder', { exact: true });
    expect(await folder.evaluate((input) => document.getElementById(input.getAttribute('aria-describedby')!)?.textContent)).toBe(
      'Usually inbox. Another folder by its name; a folder inside another as Projects/2026.');

    await added.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    await expect.poll(() => added.getByRole('status').first().textContent()).toMatch(/^Signed in as /);
    expect((await fake.calls('signIn'))[0]?.args).toEqual([{ provider: 'microsoft-graph' }]);
    await added.getByRole('button', { name: 'Test account' }).click();
    await expect.poll(() => added.locator('.test-result').textContent()).toMatch(/: 3 unread in INBOX\.$/);
    expect((await fake.calls('testAccount'))[0]?.args[0]).toMatchObject({ provider: 'microsoft-graph', protocol: 'graph', host: 'graph.microsoft.com' });

    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await fake.calls('saveSettings')).length).toBe(1);
    const saved = (await fake.calls('saveSettings'))[0]?.args[0] as SettingsInput;
    expect(saved.accounts.at(-1)).toMatchObject({
      name: 'Microsoft 365 (Graph)', provider: 'microsoft-graph', protocol: 'graph', signIn: 'oauth2', signInId: 'sign-in-1',
      host: 'graph.microsoft.com', port: 443, security: 'tls', folders: ['inbox'], webUrl: 'https://outlook.office.com/mail/',
    });
    expect(window.problems).toEqual([]);
    await window.close();
  }, 60_000);

  test('going back to an IMAP provider shows the server fields again and saves no protocol', async () => {
    const window = await openPage(speaking('en'));
    const { page, fake } = window;
    const added = await addGraphAccount(page, 'en');
    await added.getByLabel('Provider', { exact: true }).selectOption('microsoft');
    expect(await added.getByLabel('IMAP server', { exact: true }).inputValue()).toBe('outlook.office365.com');
    expect(await added.getByLabel('Port', { exact: true }).inputValue()).toBe('993');
    expect(await added.locator('.protocol-hint').isVisible()).toBe(false);
    await added.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    await expect.poll(() => added.getByRole('status').first().textContent()).toMatch(/^Signed in as /);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await fake.calls('saveSettings')).length).toBe(1);
    const saved = (await fake.calls('saveSettings'))[0]?.args[0] as SettingsInput;
    expect(saved.accounts.at(-1)).toMatchObject({ provider: 'microsoft', host: 'outlook.office365.com', port: 993 });
    expect(saved.accounts.at(-1)).not.toHaveProperty('protocol');
    await window.close();
  }, 60_000);

  for (const language of ['en', 'ko', 'de', 'ja', 'ar'] as const) {
    test(`${language}: the Graph account's form is worded, nothing cut, mirrored in Arabic (screenshot)`, async () => {
      const window = await openPage(speaking(language));
      const { page } = window;
      const words = translatorFor(language);
      const added = await addGraphAccount(page, language);
      expect(await added.locator('.protocol-hint').textContent()).toBe(words.t('graph.providerHint'));
      expect(await added.getByLabel(words.t('settings.account.host'), { exact: true }).isVisible()).toBe(false);
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).direction)).toBe(language === 'ar' ? 'rtl' : 'ltr');
      expect(await cutWords(page)).toEqual([]);
      // As tall as the page, so the sticky Save bar sits below the account instead of over it.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width: page.viewportSize()?.width ?? 420, height });
      await added.screenshot({ path: `${outputDir}graph-account-${language}.png` });
      expect(window.problems).toEqual([]);
      await window.close();
    }, 60_000);
  }
});
