import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe-scan.ts';
import { outputDir, windowPerFile } from './window-harness.ts';
import { liveSetup, manyMailboxes, now, remoteServer, remoteWithTrouble, status } from './window-fixtures.ts';

const openPage = windowPerFile();
beforeAll(async () => { await mkdir(outputDir, { recursive: true }); });

/** Screenshots the whole window as if it were that tall, so the sticky Save bar sits at the bottom. */
async function screenshotWhole(page: Page, path: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 420, height: 640 };
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
  await page.screenshot({ path });
  await page.setViewportSize(viewport);
}

for (const colorScheme of ['light', 'dark'] as const) {
  describe(`the window in the ${colorScheme} theme`, () => {
    test('has no serious or critical accessibility problems on either tab', async () => {
      const window = await openPage(remoteWithTrouble, { colorScheme });
      const { page } = window;
      await page.locator('.mailbox').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshotWhole(page, `${outputDir}mail-${colorScheme}.png`);
      await page.getByRole('tab', { name: 'Settings' }).click();
      // A remote server: its operator has the accounts, so that section is not offered.
      for (const section of ['Server', 'Notifications', 'General']) {
        await page.getByRole('tab', { name: section }).click();
        expect(await seriousViolations(page)).toEqual([]);
        await screenshotWhole(page, `${outputDir}settings-${section.toLowerCase()}-${colorScheme}.png`);
      }
      expect(await page.getByRole('tab', { name: 'Accounts' }).isVisible()).toBe(false);
      expect(window.problems).toEqual([]);
      await window.close();
    });

    test('shows the bundled server and its accounts readably', async () => {
      const window = await openPage(liveSetup, { colorScheme });
      const { page } = window;
      await page.getByRole('tab', { name: 'Settings' }).click();
      await page.getByRole('tab', { name: 'Server' }).waitFor();
      await screenshotWhole(page, `${outputDir}settings-bundled-${colorScheme}.png`);
      await page.getByRole('tab', { name: 'Accounts' }).click();
      await page.locator('details.account').first().locator(':scope > summary').click();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshotWhole(page, `${outputDir}settings-accounts-${colorScheme}.png`);
      expect(window.problems).toEqual([]);
      await window.close();
    });

    test('shows a lost connection and stale counts readably', async () => {
      const retrying = status(
        { state: 'retrying', server: remoteServer, reason: 'server unreachable (connection refused)', nextTryAt: now + 8_000 },
        { snoozedUntil: now + 3_600_000, countsConfirmedAt: now - 5 * 60_000 },
      );
      const window = await openPage({ ...liveSetup, snapshot: { ...liveSetup.snapshot, status: retrying } }, { colorScheme });
      const { page } = window;
      await page.getByRole('button', { name: 'Retry now' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshotWhole(page, `${outputDir}retrying-${colorScheme}.png`);
      await window.close();
    });

    test('shows 20 mailboxes with long names tidily', async () => {
      const window = await openPage({ ...liveSetup, snapshot: { ...liveSetup.snapshot, counts: manyMailboxes(20) } }, { colorScheme });
      const { page } = window;
      await page.locator('.mailbox').nth(19).waitFor();
      await screenshotWhole(page, `${outputDir}many-${colorScheme}.png`);
      // Tidy: a long name takes two lines at most, and every count sits whole at the right end of its row.
      const rows = await page.locator('.mailbox').evaluateAll((items) => items.map((row) => {
        const name = row.querySelector('.mailbox-name')!;
        const count = row.querySelector('.mailbox-count')!.getBoundingClientRect();
        const box = row.getBoundingClientRect();
        return {
          nameLines: Math.round(name.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(name).lineHeight)),
          countInside: count.left >= box.left && count.right <= box.right,
          countRightGap: Math.round(box.right - count.right),
        };
      }));
      expect(rows).toHaveLength(20);
      expect(Math.max(...rows.map((row) => row.nameLines))).toBe(2);
      expect(rows.every((row) => row.nameLines >= 1 && row.countInside)).toBe(true);
      expect(new Set(rows.map((row) => row.countRightGap)).size).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      expect(window.problems).toEqual([]);
      await window.close();
    });
  });
}

test('at 200% zoom everything reflows without sideways scrolling', async () => {
  const window = await openPage(remoteWithTrouble, { zoom: 2 });
  const { page } = window;
  await page.locator('.mailbox').first().waitFor();
  const fitsSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  expect(await fitsSideways()).toBe(true);
  await screenshotWhole(page, `${outputDir}mail-zoom-200.png`);
  await page.getByRole('tab', { name: 'Settings' }).click();
  for (const section of ['Server', 'Notifications', 'General']) {
    await page.getByRole('tab', { name: section }).click();
    expect(await fitsSideways()).toBe(true);
    await screenshotWhole(page, `${outputDir}settings-${section.toLowerCase()}-zoom-200.png`);
  }
  await page.getByRole('tab', { name: 'Server' }).click();
  await page.getByLabel('Bundled server', { exact: true }).check();
  await page.getByRole('tab', { name: 'Accounts' }).click();
  await page.locator('details.account summary').first().click();
  expect(await fitsSideways()).toBe(true);
  await screenshotWhole(page, `${outputDir}settings-accounts-zoom-200.png`);
  await window.close();
});
