import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { translatorFor } from '../../common/i18n/translator.ts';
import type { ShippedLanguage as Language } from '../../common/i18n/languages.ts';
import type { SettingsInput } from '../../main/ipc-contract.ts';
import type { FakeSetup } from './fake-mailtray.ts';
import { outputDir, windowPerFile } from './window-harness.ts';
import { liveSetup, someSettings } from './window-fixtures.ts';

// Settings, "Notifications": the desktop's Do Not Disturb (issue 23), in Chromium against the fake window.mailtray.
const openPage = windowPerFile();
beforeAll(async () => { await mkdir(outputDir, { recursive: true }); });

const setupWith = (notifications: Partial<FakeSetup['settings']['notifications']>, language: Language = 'en'): FakeSetup => ({
  ...liveSetup,
  snapshot: { ...liveSetup.snapshot, language: { choice: language, chosen: language, system: language } },
  settings: {
    ...someSettings,
    notifications: { ...someSettings.notifications, stayOnScreen: false, reminderMinutes: 0, badgeShows: 'unread', ...notifications },
    general: { ...someSettings.general, language },
  },
});

async function openNotifications(page: Page, language: Language): Promise<void> {
  const words = translatorFor(language);
  await page.getByRole('tab', { name: words.t('window.tab.settings') }).click();
  await page.getByRole('tablist', { name: words.t('settings.sections.label') })
    .getByRole('tab', { name: words.t('settings.section.notifications') }).click();
}

async function saved(window: Awaited<ReturnType<typeof openPage>>): Promise<SettingsInput> {
  await window.page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(async () => (await window.fake.calls('saveSettings')).length).toBe(1);
  return (await window.fake.calls('saveSettings'))[0]!.args[0] as SettingsInput;
}

const RESPECT = "Hold notifications and sounds while the desktop's Do Not Disturb is on";
const TELL = 'When Do Not Disturb ends, tell me once what arrived';

describe("the desktop's Do Not Disturb in Settings", () => {
  test('settings saved before these options show both on, with the hint, and save them on', async () => {
    const window = await openPage(setupWith({}));
    const { page } = window;
    await openNotifications(page, 'en');
    expect(await page.getByLabel(RESPECT).isChecked()).toBe(true);
    expect(await page.getByLabel(TELL).isChecked()).toBe(true);
    expect(await page.getByLabel(TELL).isEnabled()).toBe(true);
    // The hint is the checkbox's description, so a screen reader says it with the label.
    expect(await page.getByRole('checkbox', { name: RESPECT }).getAttribute('aria-describedby')).toBeTruthy();
    expect(await page.getByText('Windows and macOS hold notifications themselves').isVisible()).toBe(true);
    expect((await saved(window)).notifications).toMatchObject({ respectDnd: true, tellAfterDnd: true });
    await window.close();
  });

  test('not respected: the telling is greyed out; the choices are sent as set', async () => {
    const window = await openPage(setupWith({ respectDnd: false, tellAfterDnd: true }));
    const { page } = window;
    await openNotifications(page, 'en');
    expect(await page.getByLabel(RESPECT).isChecked()).toBe(false);
    expect(await page.getByLabel(TELL).isDisabled()).toBe(true);
    await page.getByLabel(RESPECT).check();
    expect(await page.getByLabel(TELL).isEnabled()).toBe(true);
    await page.getByLabel(TELL).uncheck();
    expect((await saved(window)).notifications).toMatchObject({ respectDnd: true, tellAfterDnd: false });
    expect(window.problems).toEqual([]);
    await window.close();
  });
});

describe('the Do Not Disturb settings in every language (screenshots)', () => {
  for (const language of ['en', 'ko', 'de', 'ja', 'ar'] as const) {
    test(`${language}: both options and the hint, whole and in the page's direction`, async () => {
      const window = await openPage(setupWith({}, language));
      const { page } = window;
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      await page.setViewportSize({ width: 420, height: 1800 });
      await openNotifications(page, language);
      const words = translatorFor(language);
      const respect = page.getByRole('checkbox', { name: words.t('dnd.settings.respect') });
      expect(await respect.isChecked()).toBe(true);
      expect(await page.getByRole('checkbox', { name: words.t('dnd.settings.tellAfter') }).isChecked()).toBe(true);
      // From the first option to the snooze: the rows around the new ones, cut to them.
      const rows = page.locator('.check', { has: respect }).locator('xpath=..');
      await rows.screenshot({ path: `${outputDir}dnd-${language}-notifications.png` });
      const first = await page.locator('.check', { has: respect }).boundingBox();
      await page.screenshot({
        path: `${outputDir}dnd-${language}-options.png`,
        clip: { x: 0, y: Math.max(0, first!.y - 140), width: 420, height: 300 },
      });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      expect(window.problems).toEqual([]);
      await window.close();
    });
  }
});
