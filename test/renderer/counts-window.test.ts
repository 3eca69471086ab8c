import { describe, expect, test } from 'vitest';

import { outputDir, windowPerFile } from './window-harness.ts';
import { bundledServer, countsOf, fewMailboxes, liveSetup, mailbox, manyMailboxes, now, remoteServer, status } from './window-fixtures.ts';

const openPage = windowPerFile();

describe('the counts in the window', () => {
  test('show the total and one row per mailbox with its name and count', async () => {
    const window = await openPage(liveSetup);
    const { page } = window;
    await expect.poll(() => page.locator('.total-number').textContent()).toBe('16');
    const rows = page.locator('.mailbox');
    expect(await rows.count()).toBe(5);
    expect(await rows.locator('.mailbox-name').allTextContents())
      .toEqual(['Work', 'Home', 'Mailing lists', 'Ann (old account)', 'Shared support']);
    expect(await rows.locator('.mailbox-count').allTextContents()).toEqual(['3', '1', '12', '0', '0']);
    expect(window.problems).toEqual([]);
    await window.close();
  });

  test('update live when main relays a change', async () => {
    const window = await openPage(liveSetup);
    const { page, fake } = window;
    await expect.poll(() => page.locator('.total-number').textContent()).toBe('16');
    const changed = countsOf([
      mailbox('work', 'Work', 7, { changedAt: new Date(now).toISOString() }),
      mailbox('home', 'Home', 1),
    ]);
    await fake.pushCounts(changed);
    await expect.poll(() => page.locator('.total-number').textContent()).toBe('8');
    expect(await page.locator('.mailbox-count').allTextContents()).toEqual(['7', '1']);
    expect(await page.locator('.mailbox[data-mailbox="work"] .mailbox-state').textContent()).toBe('changed just now');
    expect(await page.title()).toBe('Mailtray - 8 unread');
    await window.close();
  });

  test('say each mailbox state in words, with what to do about an error', async () => {
    const window = await openPage(liveSetup);
    const { page } = window;
    const state = (id: string) => page.locator(`.mailbox[data-mailbox="${id}"] .mailbox-state`).textContent();
    await expect.poll(() => state('work')).toBe('changed 2 min. ago');
    expect(await state('home')).toBe('changed 3 hr. ago');
    expect(await state('lists')).toBe('changed just now');
    expect(await state('new')).toBe('waiting for the first count');
    expect(await state('ann')).toBe('IMAP login failed for ann@example.com: wrong password');
    expect(await page.locator('.mailbox[data-mailbox="ann"] .mailbox-advice').textContent())
      .toBe('Check the user name and password of this account in Settings.');
    await window.close();
  });

  test("say a working mailbox's note from its source (a server that reports new mail late) under its state", async () => {
    const window = await openPage(liveSetup);
    const { page, fake } = window;
    await expect.poll(() => page.locator('.total-number').textContent()).toBe('16');
    const note = 'this server reports new mail late; checking for it every 60 s';
    await fake.pushCounts(countsOf([mailbox('work', 'Work', 3, { note }), mailbox('home', 'Home', 1)]));
    const work = page.locator('.mailbox[data-mailbox="work"]');
    await expect.poll(() => work.locator('.mailbox-note').textContent()).toBe(note);
    expect(await work.locator('.mailbox-note').isVisible()).toBe(true);
    expect(await work.locator('.mailbox-state').textContent()).toBe('changed 2 min. ago');
    expect(await page.locator('.mailbox[data-mailbox="home"] .mailbox-note').isVisible()).toBe(false);
    expect(await page.locator('.total-number').textContent()).toBe('4');
    await page.screenshot({ path: `${outputDir}mailbox-note.png` });
    await window.close();
  });

  test('say when the counts were last confirmed while the connection is not live', async () => {
    const window = await openPage(liveSetup);
    const { page, fake } = window;
    const work = page.locator('.mailbox[data-mailbox="work"] .mailbox-state');
    await expect.poll(() => work.textContent()).toBe('changed 2 min. ago');
    const lostAt = now - 5 * 60_000;
    await fake.pushStatus(status({ state: 'offline', server: bundledServer }, { countsConfirmedAt: lostAt }));
    // The time as English (en, the window's default) writes it, in the page's time zone.
    const time = await page.evaluate((at) => new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(at), lostAt);
    await expect.poll(() => work.textContent()).toBe(`last confirmed ${time}`);
    // An error or a pending mailbox still says what it is.
    expect(await page.locator('.mailbox[data-mailbox="new"] .mailbox-state').textContent()).toBe('waiting for the first count');
    await fake.pushStatus(status({ state: 'live', server: bundledServer }, { countsConfirmedAt: now }));
    await expect.poll(() => work.textContent()).toBe('changed 2 min. ago');
    await window.close();
  });

  test('keep "2 min ago" true as time passes', async () => {
    const window = await openPage(liveSetup, { paused: true });
    const { page } = window;
    const work = page.locator('.mailbox[data-mailbox="work"] .mailbox-state');
    await expect.poll(() => work.textContent()).toBe('changed 2 min. ago');
    await page.clock.runFor(3 * 60_000);
    await expect.poll(() => work.textContent()).toBe('changed 5 min. ago');
    await window.close();
  });

  test('render a mailbox name with markup in it as text', async () => {
    const name = '<img src=x onerror="window.pwned=1">Boss';
    const window = await openPage({
      ...liveSetup,
      snapshot: { ...liveSetup.snapshot, counts: countsOf([mailbox('evil', name, 2, { state: 'error', error: '<b>bold</b> failure' })]) },
    });
    const { page } = window;
    await expect.poll(() => page.locator('.mailbox-name').textContent()).toBe(name);
    expect(await page.locator('.mailbox img, .mailbox b').count()).toBe(0);
    expect(await page.locator('.mailbox-state').textContent()).toBe('<b>bold</b> failure');
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    await window.close();
  });

  test('run no inline script, as the page\'s CSP says', async () => {
    const window = await openPage(liveSetup);
    const { page } = window;
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return (window as unknown as { inlineRan?: boolean }).inlineRan ?? false;
    });
    expect(ran).toBe(false);
    expect(window.problems.join('\n')).toContain('Content Security Policy');
    await window.close();
  });

  test('open a mailbox with a web address through main', async () => {
    const window = await openPage(liveSetup);
    const { page, fake } = window;
    const open = page.getByRole('button', { name: 'Open Work in the browser' });
    await open.click();
    expect((await fake.calls('openMailbox')).map((call) => call.args)).toEqual([['work']]);
    // Only mailboxes with a web address offer Open.
    expect(await page.getByRole('button', { name: /^Open .* in the browser$/ }).count()).toBe(1);
    await window.close();
  });

  test('keep the focused Open button focused while the list redraws', async () => {
    const window = await openPage(liveSetup);
    const { page, fake } = window;
    await page.getByRole('button', { name: 'Open Work in the browser' }).focus();
    await fake.pushCounts(countsOf([...fewMailboxes.mailboxes.slice(0, 4), mailbox('new', 'Shared support', 4)]));
    await page.clock.runFor(5_000);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Open Work in the browser');
    await window.close();
  });

  test('fit 20 mailboxes with long names without sideways scrolling', async () => {
    const window = await openPage({ ...liveSetup, snapshot: { ...liveSetup.snapshot, counts: manyMailboxes(20) } });
    const { page } = window;
    await expect.poll(() => page.locator('.mailbox').count()).toBe(20);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    // Long names are cut, never pushing the count out of the row.
    const fits = await page.locator('.mailbox-head').evaluateAll((heads) => heads.every((head) => {
      const count = head.querySelector('.mailbox-count')?.getBoundingClientRect();
      return count !== undefined && count.right <= head.getBoundingClientRect().right + 0.5;
    }));
    expect(fits).toBe(true);
    await window.close();
  });

  test('say they are waiting for the first answer while connecting, not that the server shows no mailboxes', async () => {
    const connecting = status({ state: 'connecting', server: remoteServer });
    const window = await openPage({ ...liveSetup, snapshot: { ...liveSetup.snapshot, counts: countsOf([]), status: connecting } });
    const { page, fake } = window;
    const empty = page.locator('.empty p');
    await expect.poll(() => page.locator('.connection-text').textContent()).toBe('Connecting: mail.example.com');
    expect(await empty.textContent()).toBe("No counts yet: waiting for the server's first answer.");
    expect(await empty.isVisible()).toBe(true);
    // Nor a total of 0 that nobody has counted.
    expect(await page.locator('.total').isVisible()).toBe(false);
    expect(await page.locator('.empty').getByRole('button', { name: 'Open Settings' }).isVisible()).toBe(false);
    // The first answer, with no mailboxes in it, is news worth saying.
    await fake.pushStatus(status({ state: 'live', server: remoteServer }));
    await expect.poll(() => empty.textContent()).toBe('The server shows no mailboxes for this token.');
    expect(await page.locator('.total').isVisible()).toBe(true);
    await window.close();
  });

  test('offer Settings when there are no mailboxes yet', async () => {
    const window = await openPage({ ...liveSetup, snapshot: { ...liveSetup.snapshot, counts: countsOf([]) } });
    const { page } = window;
    await expect.poll(() => page.locator('.empty p').textContent()).toBe('No mailboxes yet. Add a mail account in Settings.');
    await page.locator('.empty').getByRole('button', { name: 'Open Settings' }).click();
    expect(await page.getByRole('tab', { name: 'Settings' }).getAttribute('aria-selected')).toBe('true');
    await window.close();
  });
});
