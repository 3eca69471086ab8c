import { mkdir } from 'node:fs/promises';
import { beforeAll, describe, expect, test } from 'vitest';
import { outputDir, windowPerFile } from './window-harness.ts';
import { countsOf, english, live, someSettings, withMessages } from './window-fixtures.ts';

const openPage = windowPerFile();
beforeAll(async () => { await mkdir(outputDir, { recursive: true }); });

const setup = { snapshot: { counts: { ...withMessages, total: 4 }, status: live, language: english }, settings: someSettings };

describe('the newest messages in the window', () => {
  test('are listed under each mailbox: the sender by name, the subject as text, markup and all', async () => {
    const window = await openPage(setup);
    const { page } = window;
    const work = page.locator('.mailbox[data-mailbox="work"]');
    await work.locator('.message').first().waitFor();
    expect(await work.locator('.message-sender').allTextContents()).toEqual(['Alice Smith', 'Jones, Bob', 'carol@example.com']);
    expect(await work.locator('.message-subject').allTextContents())
      .toEqual(['Lunch tomorrow?', '<b>Urgent</b> <img src=x onerror="window.pwned=1"> &amp; more', '(no subject)']);
    // The subject's markup is text: no element was made from it, no script ran.
    expect(await page.locator('.messages b, .messages img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(window.problems).toEqual([]);
    await window.close();
  });

  test('Mark as read and Mark all as read ask main, and say so when the server refuses', async () => {
    const window = await openPage(setup);
    const { page, fake } = window;
    const work = page.locator('.mailbox[data-mailbox="work"]');
    await work.getByRole('button', { name: 'Mark "Lunch tomorrow?" from Alice Smith as read' }).click();
    await expect.poll(() => fake.calls('markRead')).toEqual([{ method: 'markRead', args: ['work', { messageIds: ['w3'] }] }]);

    await fake.queueMarkResult({ ok: false, message: { key: 'connection.reason.other', values: { message: 'the client "app" may not mark messages read' } } });
    await page.getByRole('button', { name: 'Mark all of Work as read' }).click();
    await expect.poll(() => page.locator('.mailbox[data-mailbox="work"] .mark-problem').textContent())
      .toBe('Could not mark as read: the client "app" may not mark messages read');
    expect((await fake.calls('markRead')).at(-1)!.args).toEqual(['work', { all: true }]);
    // Home's one message has its own button: no second one to mark "all".
    expect(await page.getByRole('button', { name: 'Mark all of Home as read' }).count()).toBe(0);

    // The marked message leaves with the next count from main.
    await fake.pushCounts(countsOf(withMessages.mailboxes.map((m) => (m.id === 'work'
      ? { ...m, count: 2, messages: m.messages!.filter((message) => message.id !== 'w3') } : m))));
    await expect.poll(() => work.locator('.message').count()).toBe(2);
    await window.close();
  });

  test('a mailbox the server cannot mark has no buttons; muted and left-out mailboxes say so', async () => {
    const window = await openPage(setup);
    const { page } = window;
    const lists = page.locator('.mailbox[data-mailbox="lists"]');
    await lists.locator('.message').first().waitFor();
    expect(await lists.getByRole('button', { name: /Mark/ }).count()).toBe(0);
    expect(await lists.locator('.mailbox-muted').isVisible()).toBe(true);
    expect(await page.locator('.mailbox[data-mailbox="work"] .mailbox-muted').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Open Work in the mail client' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Open Home in the browser' }).isVisible()).toBe(true);
    await window.close();
  });

  test('a count left out of the total says "not in total" beside it, so the total adds up to what it stands beside', async () => {
    const window = await openPage(setup, { scale: 2 });
    const { page } = window;
    const lists = page.locator('.mailbox[data-mailbox="lists"]');
    await lists.locator('.message').first().waitFor();
    expect(await page.locator('.total').textContent()).toBe('4 unread messages');
    const inTotal = await page.locator('.mailbox').evaluateAll((rows) => rows
      .filter((row) => !row.querySelector('.mailbox-left-out:not([hidden])'))
      .reduce((sum, row) => sum + Number(row.querySelector('.mailbox-count')?.textContent), 0));
    expect(inTotal).toBe(4);
    const tag = lists.getByText('not in total', { exact: true });
    expect(await tag.isVisible()).toBe(true);
    // On the count's line, not only as a tooltip or a faded colour.
    const [tagBox, countBox] = await Promise.all([tag.boundingBox(), lists.locator('.mailbox-count').boundingBox()]);
    expect(Math.abs(tagBox!.y + tagBox!.height / 2 - (countBox!.y + countBox!.height / 2))).toBeLessThan(countBox!.height);
    expect(await lists.locator('.mailbox-count').getAttribute('aria-label')).toBe('12 unread, not in total');
    expect(await page.locator('.mailbox[data-mailbox="work"]').getByText('not in total').isVisible()).toBe(false);
    await page.locator('.mailboxes').screenshot({ path: `${outputDir}mailboxes-not-in-total.png` });
    await window.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`look right in the ${colorScheme} theme`, async () => {
      const window = await openPage(setup, { colorScheme, height: 560, scale: 2 });
      const { page } = window;
      await page.locator('.message').first().waitFor();
      await page.screenshot({ path: `${outputDir}messages-${colorScheme}.png` });
      // Nothing overflows sideways, however long a subject.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      expect(window.problems).toEqual([]);
      await window.close();
    });
  }
});

describe('per-mailbox settings and what notifications show', () => {
  test('are set in Settings and saved through main', async () => {
    const window = await openPage(setup);
    const { page, fake } = window;
    await page.getByRole('tab', { name: 'Settings' }).click();
    const sections = page.getByRole('tablist', { name: 'Settings sections' });
    await sections.getByRole('tab', { name: 'Notifications' }).click();
    await page.getByLabel('Notifications show', { exact: true }).selectOption('sender');
    await sections.getByRole('tab', { name: 'Mailboxes' }).click();
    const lists = page.locator('fieldset.mailbox-settings[data-mailbox="lists"]');
    expect(await page.locator('fieldset.mailbox-settings legend').allTextContents()).toEqual(['Work', 'Home', 'Mailing lists']);
    await lists.getByLabel('Mute (count, never notify)').check();
    await lists.getByLabel('Count in the total').uncheck();
    await lists.getByLabel('Colour').selectOption({ label: 'Green' });
    // The bundled server's accounts have their own web address; this one is for remote mailboxes.
    expect(await lists.getByLabel('Web address').isVisible()).toBe(false);
    await page.screenshot({ path: `${outputDir}mailbox-settings-light.png`, fullPage: true });
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await fake.calls('saveSettings')).length).toBe(1);
    const [saved] = (await fake.calls('saveSettings'))[0]!.args as [{ mailboxes: unknown; notifications: { detail: string } }];
    expect(saved.notifications.detail).toBe('sender');
    expect(saved.mailboxes).toEqual([{ id: 'lists', muted: true, inTotal: false, colour: '#188038' }]);
    await window.close();
  });
});
