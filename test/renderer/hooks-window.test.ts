import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { translatorFor } from '../../common/i18n/translator.ts';
import type { Language } from '../../common/i18n/languages.ts';
import type { SettingsInput } from '../../main/ipc-contract.ts';
import type { FakeSetup } from './fake-mailtray.ts';
import { seriousViolations } from './axe-scan.ts';
import { outputDir, windowPerFile } from './window-harness.ts';
import { liveSetup, someSettings } from './window-fixtures.ts';

// Settings, "Hooks" (run a program on new mail) and the global shortcut under "General" (issue 23),
// in Chromium against the fake window.mailtray.
const openPage = windowPerFile();
beforeAll(async () => { await mkdir(outputDir, { recursive: true }); });

const withHook: FakeSetup = {
  ...liveSetup,
  settings: {
    ...someSettings,
    general: { ...someSettings.general, shortcut: 'CommandOrControl+Shift+M' },
    hooks: { enabled: true, program: '/home/ann/bin/blink-lamp', args: ['--colour', 'blue green'], mailboxes: ['work'], timeoutSeconds: 20 },
  },
};

async function openSection(page: Page, language: Language, section: 'hooks' | 'general'): Promise<void> {
  const words = translatorFor(language);
  await page.getByRole('tab', { name: words.t('window.tab.settings') }).click();
  const label = section === 'hooks' ? words.t('hooks.settings.section') : words.t('settings.section.general');
  await page.getByRole('tablist', { name: words.t('settings.sections.label') }).getByRole('tab', { name: label }).click();
}

async function savedSettings(window: Awaited<ReturnType<typeof openPage>>): Promise<SettingsInput> {
  await window.page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(async () => (await window.fake.calls('saveSettings')).length).toBe(1);
  return (await window.fake.calls('saveSettings'))[0]!.args[0] as SettingsInput;
}

describe('the new-mail hook in Settings', () => {
  test('shows the saved hook and shortcut and sends them back unchanged', async () => {
    const window = await openPage(withHook);
    const { page } = window;
    await openSection(page, 'en', 'hooks');
    expect(await page.getByLabel('Run a program when new mail arrives').isChecked()).toBe(true);
    expect(await page.getByLabel('Program', { exact: true }).inputValue()).toBe('/home/ann/bin/blink-lamp');
    expect(await page.getByLabel('Arguments, one per line').inputValue()).toBe('--colour\nblue green');
    expect(await page.getByLabel('Run it for').inputValue()).toBe('some');
    expect(await page.getByLabel('Work', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Home', { exact: true }).isChecked()).toBe(false);
    await openSection(page, 'en', 'general');
    expect(await page.getByLabel('Keyboard shortcut that opens the window').inputValue()).toBe('CommandOrControl+Shift+M');
    const saved = await savedSettings(window);
    expect(saved.hooks).toEqual(withHook.settings.hooks);
    expect(saved.general.shortcut).toBe('CommandOrControl+Shift+M');
    expect(window.problems).toEqual([]);
    await window.close();
  });

  test('a hook set up from nothing is saved as typed: each line one argument, only the mailboxes ticked', async () => {
    const window = await openPage(liveSetup);
    const { page } = window;
    await openSection(page, 'en', 'hooks');
    // The mailboxes are offered only for "Only the mailboxes ticked".
    expect(await page.getByLabel('Home', { exact: true }).isVisible()).toBe(false);
    await page.getByLabel('Run a program when new mail arrives').check();
    await page.getByLabel('Program', { exact: true }).fill('  /usr/local/bin/on-new-mail ');
    await page.getByLabel('Arguments, one per line').fill('--mailbox\n$MAILTRAY_MAILBOX_ID\n\nsay "hi"; rm -rf ~');
    await page.getByLabel('Run it for').selectOption('some');
    await page.getByLabel('Home', { exact: true }).check();
    await page.getByLabel('Mailing lists', { exact: true }).check();
    await page.getByLabel('Stop it after (seconds)').fill('5');
    const saved = await savedSettings(window);
    expect(saved.hooks).toEqual({
      enabled: true, program: '/usr/local/bin/on-new-mail', args: ['--mailbox', '$MAILTRAY_MAILBOX_ID', 'say "hi"; rm -rf ~'],
      mailboxes: ['home', 'lists'], timeoutSeconds: 5,
    });
    await window.close();
  });

  test('a form that never touched the hook or the shortcut sends neither', async () => {
    const window = await openPage(liveSetup);
    await openSection(window.page, 'en', 'hooks');
    const saved = await savedSettings(window);
    expect(saved.hooks).toBeUndefined();
    expect('shortcut' in saved.general).toBe(false);
    await window.close();
  });

  test('a relative program, a time limit out of range, no mailbox ticked and a bad shortcut are named beside their fields; nothing is sent', async () => {
    const window = await openPage(liveSetup);
    const { page, fake } = window;
    await openSection(page, 'en', 'general');
    await page.getByLabel('Keyboard shortcut that opens the window').fill('Shift+M');
    await openSection(page, 'en', 'hooks');
    await page.getByLabel('Run a program when new mail arrives').check();
    await page.getByLabel('Program', { exact: true }).fill('on-new-mail');
    await page.getByLabel('Run it for').selectOption('some');
    await page.getByLabel('Stop it after (seconds)').fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.section-panel:not([hidden]) .field-error:not([hidden])').allTextContents()).toEqual([
      translatorFor('en').t('hooks.check.program'),
      translatorFor('en').t('hooks.check.mailboxes'),
      translatorFor('en').t('hooks.check.timeout', { max: 600 }),
    ]);
    expect(await fake.calls('saveSettings')).toEqual([]);
    await openSection(page, 'en', 'general');
    expect(await page.locator('.section-panel:not([hidden]) .field-error:not([hidden])').allTextContents())
      .toEqual([translatorFor('en').t('hooks.check.shortcut')]);
    await window.close();
  });
});

describe('hooks and the shortcut, for everyone', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`${colorScheme}: no serious or critical accessibility problems, the mailboxes to tick shown`, async () => {
      const window = await openPage(withHook, { colorScheme });
      const { page } = window;
      await openSection(page, 'en', 'hooks');
      expect(await seriousViolations(page)).toEqual([]);
      await openSection(page, 'en', 'general');
      expect(await seriousViolations(page)).toEqual([]);
      await window.close();
    });
  }
});

describe('hooks and the shortcut in every language (screenshots)', () => {
  for (const language of ['en', 'ko', 'de', 'ja', 'ar'] as const) {
    test(`${language}: the Hooks and General sections, nothing cut`, async () => {
      const window = await openPage({
        ...withHook,
        snapshot: { ...withHook.snapshot, language: { choice: language, chosen: language, system: language } },
        settings: { ...withHook.settings, general: { ...withHook.settings.general, language } },
      });
      const { page } = window;
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      await page.setViewportSize({ width: 420, height: 1400 });
      await openSection(page, language, 'hooks');
      await page.locator('.section-panel:not([hidden])').screenshot({ path: `${outputDir}hooks-${language}-hooks.png` });
      await openSection(page, language, 'general');
      await page.locator('.section-panel:not([hidden])').screenshot({ path: `${outputDir}hooks-${language}-general.png` });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      expect(window.problems).toEqual([]);
      await window.close();
    });
  }
});
