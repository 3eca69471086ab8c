import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { translatorFor } from '../../common/i18n/translator.ts';
import type { Language } from '../../common/i18n/languages.ts';
import type { AppStatus, SettingsInput, UpdateView } from '../../main/ipc-contract.ts';
import type { FakeSetup } from './fake-mailtray.ts';
import { outputDir, windowPerFile } from './window-harness.ts';
import { live, liveSetup, someSettings } from './window-fixtures.ts';

// The window's update notice and General's Updates part (issue 23), in Chromium against the fake window.mailtray.
const openPage = windowPerFile();
beforeAll(async () => { await mkdir(outputDir, { recursive: true }); });

const available: UpdateView = {
  currentVersion: '0.1.0', kind: 'app',
  notice: { words: { key: 'updates.notice.available', values: { version: '0.2.0' } }, action: 'download' },
  status: { key: 'updates.notice.available', values: { version: '0.2.0' } },
};
const ready: UpdateView = {
  currentVersion: '0.1.0', kind: 'app',
  notice: { words: { key: 'updates.notice.ready', values: { version: '0.2.0' } }, action: 'restart' },
  status: { key: 'updates.notice.ready', values: { version: '0.2.0' } },
};
const withUpdate = (update: UpdateView | undefined, language: Exclude<Language, 'en-XA'> = 'en'): FakeSetup => ({
  ...liveSetup,
  snapshot: { ...liveSetup.snapshot, status: { ...live, ...(update ? { update } : {}) }, language: { choice: language, chosen: language, system: language } },
  settings: { ...someSettings, general: { ...someSettings.general, language }, updates: { check: true, autoDownload: false } },
});
const statusWith = (update: UpdateView): AppStatus => ({ ...live, update });

async function openGeneral(page: Page, language: Language): Promise<void> {
  const words = translatorFor(language);
  await page.getByRole('tab', { name: words.t('window.tab.settings') }).click();
  await page.getByRole('tablist', { name: words.t('settings.sections.label') })
    .getByRole('tab', { name: words.t('settings.section.general') }).click();
}

describe('the update notice', () => {
  test('says a newer version with Download, which asks main; once downloaded, Restart to install', async () => {
    const window = await openPage(withUpdate(available));
    const { page, fake } = window;
    const notice = page.locator('.update-notice');
    await expect.poll(() => notice.innerText()).toContain('Mailtray 0.2.0 is available.');
    expect(await notice.getByRole('button', { name: 'Restart to install' }).isVisible()).toBe(false);
    await notice.getByRole('button', { name: 'Download' }).click();
    await expect.poll(async () => (await fake.calls('downloadUpdate')).length).toBe(1);

    await fake.pushStatus(statusWith(ready));
    await expect.poll(() => notice.innerText()).toContain('Mailtray 0.2.0 is downloaded and will be installed when Mailtray restarts.');
    expect(await notice.getByRole('button', { name: 'Download' }).isVisible()).toBe(false);
    await notice.getByRole('button', { name: 'Restart to install' }).click();
    await expect.poll(async () => (await fake.calls('installUpdate')).length).toBe(1);
    expect(window.problems).toEqual([]);
    await window.close();
  });

  test('a refused download is said in words with Download again; a .deb has no button; no news, no notice', async () => {
    const window = await openPage(withUpdate({
      currentVersion: '0.1.0', kind: 'app',
      notice: { words: { key: 'updates.notice.refused', values: { version: '0.2.0' } }, action: 'download' },
      status: { key: 'updates.notice.refused', values: { version: '0.2.0' } },
    }));
    const { page, fake } = window;
    const notice = page.locator('.update-notice');
    await expect.poll(() => notice.innerText())
      .toContain('The download of Mailtray 0.2.0 did not match its checksum, so it was deleted and nothing was installed.');
    expect(await notice.getByRole('button', { name: 'Download' }).isVisible()).toBe(true);

    await fake.pushStatus(statusWith({
      currentVersion: '0.1.0', kind: 'system',
      notice: { words: { key: 'updates.notice.availableSystem', values: { version: '0.2.0' } } },
      status: { key: 'updates.notice.availableSystem', values: { version: '0.2.0' } },
    }));
    await expect.poll(() => notice.innerText()).toContain('Your system\'s software updates will install it.');
    expect(await notice.getByRole('button').filter({ visible: true }).count()).toBe(0);

    await fake.pushStatus(statusWith({ currentVersion: '0.1.0', kind: 'app', status: { key: 'updates.status.unreachable' } }));
    await expect.poll(() => notice.isVisible()).toBe(false);
    await window.close();
  });
});

describe('Updates in Settings, General', () => {
  test('shows the saved choices and main\'s line, greys out automatic downloads without checks, and saves both', async () => {
    const window = await openPage({
      ...withUpdate({ currentVersion: '0.1.0', kind: 'app', status: { key: 'updates.status.upToDate', values: { version: '0.1.0' } } }),
    });
    const { page, fake } = window;
    await openGeneral(page, 'en');
    const check = page.getByLabel('Look for newer versions of Mailtray');
    const auto = page.getByLabel('Download them without asking (installed when Mailtray restarts)');
    expect(await check.isChecked()).toBe(true);
    expect(await auto.isChecked()).toBe(false);
    expect(await page.locator('.update-status').innerText()).toBe('Mailtray 0.1.0 is the newest version.');
    await auto.check();
    await check.uncheck();
    expect(await auto.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await fake.calls('saveSettings')).length).toBe(1);
    const saved = (await fake.calls('saveSettings'))[0]!.args[0] as SettingsInput;
    expect(saved.updates).toEqual({ check: false, autoDownload: true });
    expect(window.problems).toEqual([]);
    await window.close();
  });
});

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings, as "rule: target" lines (as window-look.test.ts scans the whole window). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Finding = { id: string; impact: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Finding[]; passes: Finding[] }> } }).axe;
    const result = await axe.run();
    if (result.passes.length < 10) return [`axe checked only ${result.passes.length} rules`];
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
  });
}

describe('the notice and the Updates settings are readable in both themes', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`${colorScheme}: no serious or critical accessibility problems`, async () => {
      const window = await openPage(withUpdate(ready), { colorScheme });
      const { page } = window;
      await expect.poll(() => page.locator('.update-notice').isVisible()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('header.top').screenshot({ path: `${outputDir}updates-notice-${colorScheme}.png` });
      await openGeneral(page, 'en');
      expect(await seriousViolations(page)).toEqual([]);
      await window.close();
    });
  }
});

describe('updates in every language (screenshots)', () => {
  for (const language of ['en', 'ko', 'de', 'ja', 'ar'] as const) {
    test(`${language}: the notice and the Updates settings, nothing cut`, async () => {
      const window = await openPage(withUpdate(available, language));
      const { page } = window;
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
      const words = translatorFor(language);
      await expect.poll(() => page.locator('.update-notice').innerText()).toContain(words.t('updates.action.download'));
      await page.locator('header.top').screenshot({ path: `${outputDir}updates-${language}-notice.png` });
      await window.fake.pushStatus(statusWith(ready));
      await expect.poll(() => page.locator('.update-notice').innerText()).toContain(words.t('updates.action.restart'));
      await page.locator('header.top').screenshot({ path: `${outputDir}updates-${language}-ready.png` });
      await page.setViewportSize({ width: 420, height: 1200 });
      await openGeneral(page, language);
      await page.locator('.section-panel:not([hidden])').screenshot({ path: `${outputDir}updates-${language}-settings.png` });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      expect(window.problems).toEqual([]);
      await window.close();
    });
  }
});
