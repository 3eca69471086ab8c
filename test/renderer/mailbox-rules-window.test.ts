import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { translatorFor } from '../../common/i18n/translator.ts';
import type { Language } from '../../common/i18n/languages.ts';
import type { SettingsInput } from '../../main/ipc-contract.ts';
import type { FakeSetup } from './fake-mailtray.ts';
import { outputDir, windowPerFile } from './window-harness.ts';
import { liveSetup, someSettings } from './window-fixtures.ts';

// Settings, "Mailboxes" and "Notifications": per-mailbox sound, schedule and senders, and the
// options that keep notifications true (issue 23), in Chromium against the fake window.mailtray.
const openPage = windowPerFile();
beforeAll(async () => { await mkdir(outputDir, { recursive: true }); });

const withRules: FakeSetup = {
  ...liveSetup,
  settings: {
    ...someSettings,
    notifications: { ...someSettings.notifications, stayOnScreen: true, reminderMinutes: 30, badgeShows: 'new-since-seen' },
    mailboxes: [{
      id: 'work', sound: 'bell', schedule: { days: [1, 2, 3, 4, 5], start: '08:00', end: '18:00' },
      importantSenders: ['boss@example.com', 'example.org'], importantInQuiet: true, neverSenders: ['lists.example.com'],
    }],
  },
};

async function openSection(page: Page, language: Language, section: 'mailboxes' | 'notifications'): Promise<void> {
  const words = translatorFor(language);
  await page.getByRole('tab', { name: words.t('window.tab.settings') }).click();
  await page.getByRole('tablist', { name: words.t('settings.sections.label') })
    .getByRole('tab', { name: words.t(`settings.section.${section}`) }).click();
}

async function savedSettings(window: Awaited<ReturnType<typeof openPage>>): Promise<SettingsInput> {
  await window.page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(async () => (await window.fake.calls('saveSettings')).length).toBe(1);
  return (await window.fake.calls('saveSettings'))[0]!.args[0] as SettingsInput;
}

describe('per-mailbox notification rules in Settings', () => {
  test('shows the saved rules and sends them back unchanged', async () => {
    const window = await openPage(withRules);
    await openSection(window.page, 'en', 'mailboxes');
    const work = window.page.locator('fieldset.mailbox-settings[data-mailbox="work"]');
    expect(await work.getByLabel('Sound', { exact: true }).inputValue()).toBe('bell');
    expect(await work.getByLabel('Notify only on these days and hours').isChecked()).toBe(true);
    expect(await work.getByLabel('Sat', { exact: true }).isChecked()).toBe(false);
    expect(await work.getByLabel('Mon', { exact: true }).isChecked()).toBe(true);
    expect(await work.getByLabel('Always notify for these senders').inputValue()).toBe('boss@example.com, example.org');
    const saved = await savedSettings(window);
    expect(saved.mailboxes).toEqual([withRules.settings.mailboxes![0]]);
    expect(saved.notifications).toMatchObject({ stayOnScreen: true, reminderMinutes: 30, badgeShows: 'new-since-seen', hideZeroCount: false, attentionCue: false });
    expect(window.problems).toEqual([]);
    await window.close();
  });

  test('a sound file is chosen with the OS chooser, played with Play, and saved; a schedule and senders as typed', async () => {
    const window = await openPage(liveSetup);
    const { page, fake } = window;
    await openSection(page, 'en', 'mailboxes');
    const home = page.locator('fieldset.mailbox-settings[data-mailbox="home"]');
    expect(await home.getByLabel('A sound file', { exact: true }).isVisible()).toBe(false);
    await home.getByLabel('Sound', { exact: true }).selectOption('file');
    await home.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => home.getByLabel('A sound file', { exact: true }).inputValue()).toBe('/home/ann/sounds/ding.wav');
    await home.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => (await fake.calls('previewSound')).map((c) => c.args[0]))
      .toEqual([{ sound: 'file', soundFile: '/home/ann/sounds/ding.wav' }]);
    await home.getByLabel('Notify only on these days and hours').check();
    await home.getByLabel('Sat', { exact: true }).check();
    await home.getByLabel('Notify from', { exact: true }).fill('09:30');
    await home.getByLabel('Never notify for these senders (still counted)').fill('news@shop.example, @lists.example.com');
    const saved = await savedSettings(window);
    expect(saved.mailboxes).toEqual([{
      id: 'home', sound: 'file', soundFile: '/home/ann/sounds/ding.wav',
      schedule: { days: [1, 2, 3, 4, 5, 6], start: '09:30', end: '18:00' }, neverSenders: ['news@shop.example', '@lists.example.com'],
    }]);
    await window.close();
  });

  test('a sender that is not an address or domain, and a schedule with no day, are named beside their fields; nothing is sent', async () => {
    const window = await openPage(withRules);
    const { page, fake } = window;
    await openSection(page, 'en', 'mailboxes');
    const work = page.locator('fieldset.mailbox-settings[data-mailbox="work"]');
    await work.getByLabel('Always notify for these senders').fill('boss@example.com, my boss');
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) await work.getByLabel(day, { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => work.locator('.field-error:not([hidden])').allTextContents()).toEqual([
      'Choose at least one day.',
      'Enter addresses (name@example.com) or domains (example.com), separated by commas.',
    ]);
    expect(await fake.calls('saveSettings')).toEqual([]);
    await window.close();
  });

  test('a reminder period out of range is named beside it', async () => {
    const window = await openPage(liveSetup);
    const { page, fake } = window;
    await openSection(page, 'en', 'notifications');
    await page.getByLabel('Remind me of unread mail every (minutes)').fill('5000');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.field-error:not([hidden])').allTextContents())
      .toEqual(['Enter a number of minutes from 0 (no reminder) to 1,440.']);
    expect(await fake.calls('saveSettings')).toEqual([]);
    await window.close();
  });
});

describe('the rules in every language (screenshots)', () => {
  for (const language of ['en', 'ko', 'de', 'ja', 'ar'] as const) {
    test(`${language}: the Mailboxes and Notifications sections, nothing cut`, async () => {
      const window = await openPage({
        ...withRules,
        snapshot: { ...withRules.snapshot, language: { choice: language, chosen: language, system: language } },
        settings: { ...withRules.settings, general: { ...withRules.settings.general, language } },
      });
      const { page } = window;
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      // Tall enough that the sections are whole, not under the Save bar.
      await page.setViewportSize({ width: 420, height: 1800 });
      await openSection(page, language, 'mailboxes');
      await page.locator('fieldset.mailbox-settings[data-mailbox="work"]').screenshot({ path: `${outputDir}rules-${language}-mailbox.png` });
      await openSection(page, language, 'notifications');
      await page.locator('.section-panel:not([hidden])').screenshot({ path: `${outputDir}rules-${language}-notifications.png` });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      expect(window.problems).toEqual([]);
      await window.close();
    });
  }
});
