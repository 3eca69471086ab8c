import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { outputDir, windowPerFile } from './window-harness.ts';
import { liveSetup, remoteWithTrouble, withMessages } from './window-fixtures.ts';

// At 200% zoom the 420 x 640 window is 210 x 320 CSS pixels: what fits on its first screen is what a person sees.
const openPage = windowPerFile();
beforeAll(async () => { await mkdir(outputDir, { recursive: true }); });

/** The element's box in CSS pixels, and whether all of it lies on the screen as it is scrolled now. */
async function placeOnScreen(locator: Locator): Promise<{ top: number; bottom: number; height: number; isOnScreen: boolean }> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return {
      top: box.top, bottom: box.bottom, height: box.height,
      isOnScreen: box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight,
    };
  });
}

/** Whether what a person sees at the middle of the element is the element itself, not something drawn over it. */
function isUncovered(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const seen = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return seen !== null && (seen === element || element.contains(seen));
  });
}

/** The problem line shown beside a field (its aria-describedby). */
function errorBeside(field: Locator): Locator {
  return field.locator('xpath=ancestor::*[contains(@class, "field")][1]').locator('.field-error');
}

/** How much of the screen's height the Save bar covers, from 0 to 1. */
function saveBarShare(page: Page): Promise<number> {
  return page.locator('.save-bar').evaluate((bar) => {
    const box = bar.getBoundingClientRect();
    const covered = Math.max(0, Math.min(box.bottom, window.innerHeight) - Math.max(box.top, 0));
    return covered / window.innerHeight;
  });
}

describe('the window at 200% zoom', () => {
  test('shows the total on the first screen, with the warnings folded into one line that opens on demand', async () => {
    const window = await openPage(remoteWithTrouble, { zoom: 2 });
    const { page } = window;
    await page.locator('.mailbox').first().waitFor();
    await page.screenshot({ path: `${outputDir}mail-zoom-200-first-screen.png` });
    const total = page.locator('.total-number');
    expect(await total.textContent()).toBe('16');
    expect((await placeOnScreen(total)).isOnScreen).toBe(true);

    // One line says there is more to read, and with what it starts.
    const fold = page.locator('.warnings > summary');
    expect(await fold.textContent()).toBe('2 warnings: Not encrypted: counts.example.org uses http://, so the token and counts travel in clear text.');
    const lineHeight = await fold.evaluate((summary) => Number.parseFloat(getComputedStyle(summary).lineHeight));
    expect((await placeOnScreen(fold)).height).toBeLessThan(lineHeight * 1.75);
    const details = page.locator('.warnings li');
    expect(await details.first().isVisible()).toBe(false);

    await fold.click();
    expect(await details.allTextContents()).toEqual([
      'Not encrypted: counts.example.org uses http://, so the token and counts travel in clear text.',
      'This computer offers no key store: the server token and passwords are saved unencrypted.',
    ]);
    expect(await details.nth(1).isVisible()).toBe(true);
    await page.screenshot({ path: `${outputDir}mail-zoom-200-warnings-open.png` });
    expect(window.problems).toEqual([]);
    await window.close();
  });

  test('keeps a left-out mailbox\'s tags, name and count inside the window', async () => {
    const window = await openPage({ ...liveSetup, snapshot: { ...liveSetup.snapshot, counts: { ...withMessages, total: 4 } } }, { zoom: 2 });
    const { page } = window;
    const lists = page.locator('.mailbox[data-mailbox="lists"]');
    await lists.locator('.mailbox-count').waitFor();
    await lists.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${outputDir}mailbox-tags-zoom-200.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    const inside = await lists.evaluate((row) => {
      const box = row.getBoundingClientRect();
      return [...row.querySelectorAll('.mailbox-head > :not([hidden])')].every((part) => {
        const r = part.getBoundingClientRect();
        return r.left >= box.left && r.right <= box.right;
      });
    });
    expect(inside).toBe(true);
    expect(await lists.getByText('not in total', { exact: true }).isVisible()).toBe(true);
    await window.close();
  });

  test('keeps the field that Save sends the user to in view, not under the Save bar and its message', async () => {
    const window = await openPage(liveSetup, { zoom: 2 });
    const { page, fake } = window;
    await page.getByRole('tab', { name: 'Settings' }).click();
    await fake.queueSaveResult({ ok: false, errors: [
      { field: 'accounts.0.host', message: { key: 'check.host' } },
      { field: 'general', message: { key: 'check.onOff' } },
    ] });
    await page.getByRole('button', { name: 'Save' }).click();
    const host = page.getByLabel('IMAP server', { exact: true });
    await expect.poll(() => host.evaluate((field) => field === document.activeElement)).toBe(true);
    await page.screenshot({ path: `${outputDir}settings-save-problem-zoom-200.png` });
    expect(await page.locator('.save-message').textContent()).toBe('Not saved: 2 problems to fix, marked beside the fields.');
    for (const seen of [host, errorBeside(host)]) {
      expect((await placeOnScreen(seen)).isOnScreen).toBe(true);
      expect(await isUncovered(seen)).toBe(true);
    }
    expect(await errorBeside(host).textContent()).toBe("Enter only the IMAP server's host name, like imap.example.com (the port goes in Port).");
    // The bar may stay in reach, but not as a wall over the form.
    expect(await saveBarShare(page)).toBeLessThanOrEqual(0.25);
    expect(window.problems).toEqual([]);
    await window.close();
  });
});

test('at 100% the sticky Save bar stays in reach and the field Save focuses is above it', async () => {
  const window = await openPage(liveSetup);
  const { page, fake } = window;
  await page.getByRole('tab', { name: 'Settings' }).click();
  await fake.queueSaveResult({ ok: false, errors: [{ field: 'accounts.0.host', message: { key: 'check.host' } }] });
  await page.getByRole('button', { name: 'Save' }).click();
  const host = page.getByLabel('IMAP server', { exact: true });
  await expect.poll(() => host.evaluate((field) => field === document.activeElement)).toBe(true);
  for (const seen of [host, errorBeside(host)]) {
    expect((await placeOnScreen(seen)).isOnScreen).toBe(true);
    expect(await isUncovered(seen)).toBe(true);
  }
  expect((await placeOnScreen(page.getByRole('button', { name: 'Save' }))).isOnScreen).toBe(true);
  await window.close();
});
