import { describe, expect, test } from 'vitest';
import { windowPerFile } from './window-harness.ts';
import { countsOf, liveSetup, mailbox } from './window-fixtures.ts';

// The window's polite live region for count changes (issue 23), read in Chromium with the page's clock paused.
const openPage = windowPerFile();

const counts = (work: number, home: number) => countsOf([mailbox('work', 'Work', work), mailbox('home', 'Home', home)]);

describe('count changes for screen readers', () => {
  test('a polite region says changed counts, at most one sentence per 10 s, the changes in between together', async () => {
    const window = await openPage({ ...liveSetup, snapshot: { ...liveSetup.snapshot, counts: counts(3, 1) } }, { paused: true });
    const { page, fake } = window;
    const region = page.locator('[data-live="counts"]');
    expect(await region.getAttribute('aria-live')).toBe('polite');
    expect(await region.getAttribute('aria-atomic')).toBe('true');
    await expect.poll(() => page.locator('.total-number').textContent()).toBe('4');
    // The counts the window opened with are not news.
    expect(await region.textContent()).toBe('');

    await fake.pushCounts(counts(4, 1));
    await expect.poll(() => region.textContent()).toBe('Work: 4 unread');
    await page.clock.runFor(2_000);
    await fake.pushCounts(counts(4, 2));
    await fake.pushCounts(counts(6, 2));
    await expect.poll(() => page.locator('.total-number').textContent()).toBe('8');
    // Within 10 s of the last: nothing new is said yet.
    expect(await region.textContent()).toBe('Work: 4 unread');
    await page.clock.runFor(8_000);
    await expect.poll(() => region.textContent()).toBe('Home: 2 unread and Work: 6 unread');
    expect(window.problems).toEqual([]);
    await window.close();
  });

  test("in the window's language", async () => {
    const korean = { choice: 'ko', chosen: 'ko', system: 'ko' } as const;
    const window = await openPage({ ...liveSetup, snapshot: { ...liveSetup.snapshot, counts: counts(3, 1), language: korean } }, { paused: true });
    const { page, fake } = window;
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ko');
    await fake.pushCounts(counts(3, 0));
    await expect.poll(() => page.locator('[data-live="counts"]').textContent()).toBe('Home: 읽지 않은 메일 없음');
    await window.close();
  });
});
