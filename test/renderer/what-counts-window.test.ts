import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Language } from '../../common/i18n/languages.ts';
import { translatorFor } from '../../common/i18n/translator.ts';
import type { SettingsInput, SettingsView } from '../../main/ipc-contract.ts';
import type { FakeSetup } from './fake-mailtray.ts';
import { outputDir, windowPerFile } from './window-harness.ts';
import { liveSetup, someSettings } from './window-fixtures.ts';

// An account's "What counts" in Settings: built from plain fields, sent to main as a structured filter,
// checked before it leaves the window, and Gmail's tabs offered only once a test found a Gmail server.
const openPage = windowPerFile();
beforeAll(async () => { await mkdir(outputDir, { recursive: true }); });

const gmailAccount = {
  id: 'gmail', name: 'Gmail', host: 'imap.gmail.com', port: 993, security: 'tls' as const, user: 'ann@gmail.com',
  hasPassword: true, folders: ['INBOX'], folderChoice: 'inbox' as const,
};

function setupWith(settings: Partial<SettingsView>, language: Exclude<Language, 'en-XA'> = 'en'): FakeSetup {
  return {
    snapshot: { ...liveSetup.snapshot, language: { choice: language, chosen: language, system: language } },
    settings: { ...someSettings, ...settings, general: { ...someSettings.general, language } },
  };
}

/** The account whose title is `name`. */
function accountNamed(page: Page, name: string) {
  return page.locator('details.account').filter({ has: page.locator('.account-title', { hasText: new RegExp(`^${name}$`) }) });
}

/** Opens Settings, then Accounts, then the account called `name` (in the window's language). */
async function openAccount(page: Page, language: Language, name: string): Promise<void> {
  const t = translatorFor(language);
  await page.getByRole('tab', { name: t.t('window.tab.settings') }).click();
  await page.getByRole('tablist').nth(1).getByRole('tab', { name: t.t('settings.section.accounts') }).click();
  await accountNamed(page, name).locator(':scope > summary').click();
}

async function lastSave(fake: { calls(method: 'saveSettings'): Promise<Array<{ args: unknown[] }>> }): Promise<SettingsInput> {
  await expect.poll(async () => (await fake.calls('saveSettings')).length).toBeGreaterThan(0);
  return (await fake.calls('saveSettings')).at(-1)!.args[0] as SettingsInput;
}

describe('"What counts" in an account\'s settings', { timeout: 60_000 }, () => {
  test('counts all unread mail until told otherwise, and then saves exactly the filter the fields describe', async () => {
    const { page, fake, problems, close } = await openPage(liveSetup);
    await openAccount(page, 'en', 'Work');
    const box = page.locator('fieldset.what-counts');
    const mode = box.getByLabel('Count', { exact: true });
    expect(await mode.inputValue()).toBe('all');
    expect(await box.getByLabel('Only from', { exact: true }).isVisible()).toBe(false);

    await mode.selectOption('some');
    await box.getByLabel('Only from', { exact: true }).fill('boss@example.com, example.org;  ');
    await box.getByLabel('Not from', { exact: true }).fill('noreply@example.org');
    await box.getByLabel('Only to', { exact: true }).fill('ann@example.com ann.lee@example.net');
    await box.getByLabel('Only flagged (starred) mail', { exact: true }).check();
    await box.getByLabel('Only mail sent within (days)', { exact: true }).fill('7');
    // The advanced field takes IMAP SEARCH keys as written, for what the plain fields cannot say.
    await box.getByLabel('IMAP search (advanced)', { exact: true }).fill(' OR SUBJECT urgent SUBJECT "Rechnung (neu)" ');
    // Not a Gmail server: no tabs to choose from.
    expect(await box.getByLabel('Gmail tab', { exact: true }).isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Save' }).click();

    const saved = await lastSave(fake);
    expect(saved.accounts[0]!.countFilter).toEqual({
      from: ['boss@example.com', 'example.org'], notFrom: ['noreply@example.org'], to: ['ann@example.com', 'ann.lee@example.net'],
      flagged: true, newerThanDays: 7, search: 'OR SUBJECT urgent SUBJECT "Rechnung (neu)"',
    });
    expect(problems).toEqual([]);
    await close();
  });

  test('says beside the field what is wrong with a sender, sends nothing, and keeps "all unread mail" without a filter', async () => {
    const { page, fake, close } = await openPage(liveSetup);
    await openAccount(page, 'en', 'Work');
    const box = page.locator('fieldset.what-counts');
    await box.getByLabel('Count', { exact: true }).selectOption('some');
    await box.getByLabel('Only from', { exact: true }).fill('Alice');
    await box.getByLabel('Only mail sent within (days)', { exact: true }).fill('0');
    await box.getByLabel('IMAP search (advanced)', { exact: true }).fill('SUBJECT "never closed');
    await page.getByRole('button', { name: 'Save' }).click();
    const from = box.getByLabel('Only from', { exact: true });
    await expect.poll(() => from.getAttribute('aria-invalid')).toBe('true');
    const beside = (label: string) => box.getByLabel(label, { exact: true }).evaluate((control) => {
      const ids = control.getAttribute('aria-describedby')?.split(' ') ?? [];
      return ids.map((id) => document.getElementById(id)).find((line) => line?.classList.contains('field-error'))?.textContent ?? '';
    });
    expect(await beside('Only from')).toBe('Enter mail addresses like ann@example.com or domains like example.com, separated by commas.');
    expect(await beside('Only mail sent within (days)')).toBe('Enter a whole number of days from 1 to 3650, or leave it empty.');
    expect(await beside('IMAP search (advanced)'))
      .toBe('Enter IMAP SEARCH keys on one line, with every quote and parenthesis closed, like OR FROM boss SUBJECT urgent.');
    expect(await fake.calls('saveSettings')).toEqual([]);

    // "Only what matches" with nothing to match is not a filter: the form says so.
    await box.getByLabel('Only from', { exact: true }).fill('');
    await box.getByLabel('Only mail sent within (days)', { exact: true }).fill('');
    await box.getByLabel('IMAP search (advanced)', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => beside('Count')).toBe('Choose at least one thing that must hold, or count all unread mail.');
    expect(await fake.calls('saveSettings')).toEqual([]);

    await box.getByLabel('Count', { exact: true }).selectOption('all');
    await page.getByRole('button', { name: 'Save' }).click();
    expect((await lastSave(fake)).accounts[0]!.countFilter).toBeUndefined();
    await close();
  });

  test('offers Gmail\'s tabs once "Test account" found a Gmail server, and saves the tab chosen', async () => {
    const { page, fake, close } = await openPage(setupWith({ accounts: [someSettings.accounts[0]!, gmailAccount] }));
    await openAccount(page, 'en', 'Gmail');
    const gmail = accountNamed(page, 'Gmail');
    await gmail.getByLabel('Count', { exact: true }).selectOption('some');
    expect(await gmail.getByLabel('Gmail tab', { exact: true }).isVisible()).toBe(false);
    await gmail.getByRole('button', { name: 'Test account' }).click();
    await gmail.getByLabel('Gmail tab', { exact: true }).waitFor();
    expect(await gmail.getByLabel('Gmail tab', { exact: true }).locator('option').allTextContents())
      .toEqual(['Every tab', 'Primary', 'Social', 'Promotions', 'Updates', 'Forums']);
    await gmail.getByLabel('Gmail tab', { exact: true }).selectOption('primary');

    // The other account's test found no Gmail: its form still has no tabs.
    const work = accountNamed(page, 'Work');
    await work.locator(':scope > summary').click();
    await work.getByLabel('Count', { exact: true }).selectOption('some');
    await work.getByRole('button', { name: 'Test account' }).click();
    await expect.poll(() => work.locator('.test-result').textContent()).toContain('3');
    expect(await work.getByLabel('Gmail tab', { exact: true }).isVisible()).toBe(false);
    await work.getByLabel('Count', { exact: true }).selectOption('all');

    await page.getByRole('button', { name: 'Save' }).click();
    const saved = await lastSave(fake);
    expect(saved.accounts.map((a) => a.countFilter)).toEqual([undefined, { gmailCategory: 'primary' }]);
    await close();
  });

  test('shows a saved filter as it was saved, the Gmail tab included', async () => {
    const saved = { ...gmailAccount, countFilter: { from: ['boss@example.com'], gmailCategory: 'primary' as const, search: 'NOT SUBJECT "[list]"' } };
    const { page, close } = await openPage(setupWith({ accounts: [saved] }));
    await openAccount(page, 'en', 'Gmail');
    const box = accountNamed(page, 'Gmail').locator('fieldset.what-counts');
    expect(await box.getByLabel('Count', { exact: true }).inputValue()).toBe('some');
    expect(await box.getByLabel('Only from', { exact: true }).inputValue()).toBe('boss@example.com');
    expect(await box.getByLabel('Gmail tab', { exact: true }).inputValue()).toBe('primary');
    expect(await box.getByLabel('IMAP search (advanced)', { exact: true }).inputValue()).toBe('NOT SUBJECT "[list]"');
    await close();
  });
});

describe('"What counts" in every language (screenshots)', () => {
  for (const language of ['en', 'ko', 'de', 'ja', 'ar'] as const) {
    test(`${language}: worded, nothing cut, the conditions and Gmail's tabs shown`, async () => {
      const saved = {
        ...gmailAccount,
        countFilter: {
          from: ['boss@example.com', 'example.org'], to: ['ann@gmail.com'], flagged: true, newerThanDays: 7, gmailCategory: 'primary' as const,
          search: 'OR SUBJECT urgent SUBJECT invoice',
        },
      };
      const { page, problems, close } = await openPage(setupWith({ accounts: [saved] }, language));
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      await openAccount(page, language, 'Gmail');
      const t = translatorFor(language);
      const box = page.locator('fieldset.what-counts');
      expect(await box.locator('legend').textContent()).toBe(t.t('filter.title'));
      expect(await box.getByLabel(t.t('filter.gmail'), { exact: true }).locator('option:checked').textContent())
        .toBe(t.t('filter.gmail.primary'));
      const cut = await box.evaluate((element) => [...element.querySelectorAll<HTMLElement>('label, legend, .hint, select')]
        .filter((e) => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
      expect(cut).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      // Addresses stay left to right in Arabic too.
      expect(await box.getByLabel(t.t('filter.from'), { exact: true }).getAttribute('dir')).toBe('ltr');
      expect(await box.getByLabel(t.t('filter.search'), { exact: true }).getAttribute('dir')).toBe('ltr');
      // The window as tall as its page, so the whole part is on the picture, clear of the Save bar.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width: page.viewportSize()?.width ?? 420, height: height + 200 });
      // A margin round the part, so the legend's tall glyphs (Arabic) are not cut by the picture's edge.
      const at = (await box.boundingBox())!;
      await page.screenshot({ path: `${outputDir}what-counts-${language}.png`, clip: { x: Math.max(0, at.x - 8), y: Math.max(0, at.y - 12), width: at.width + 16, height: at.height + 20 } });
      expect(problems).toEqual([]);
      await close();
    }, 60_000);
  }
});
