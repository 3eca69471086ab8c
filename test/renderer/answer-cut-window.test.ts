import { afterEach, describe, expect, test } from 'vitest';
import type { AppSnapshot } from '../../main/ipc-contract.ts';
import { eventually } from '../helpers/eventually.ts';
import { answerBody, startHostileServer } from '../helpers/hostile-server.ts';
import { startAppUnderTest } from '../main/support/app-under-test.ts';
import { outputDir, windowPerFile } from './window-harness.ts';
import { liveSetup, someSettings } from './window-fixtures.ts';

const openPage = windowPerFile();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * What the app makes of a hostile server's answer: 100,000 mailboxes, the
 * first with a 1 MB name and 10,000 messages (4.5 MB in all, under the bound
 * on an answer's size). A real server on port 0, the app's core with the fake
 * shell; the window then shows the snapshot the app would send it.
 */
async function snapshotOfHostileAnswer(): Promise<AppSnapshot> {
  const messages = Array.from({ length: 10_000 }, (_, i) => ({ id: `m${i}`, from: `Sender ${i} <s${i}@example.com>`, subject: `Message ${i}` }));
  const mailboxes: unknown[] = Array.from({ length: 100_000 }, (_, i) => ({ id: `box-${i}`, count: i % 3 }));
  mailboxes[0] = { id: 'box-0', name: `Shared ${'x'.repeat(1024 * 1024)}`, count: 10_000, state: 'ok', changedAt: '2026-11-21T09:58:00.000Z', messages };
  const server = await startHostileServer(answerBody(mailboxes));
  cleanups.push(() => server.close());
  const { app, shell } = await startAppUnderTest(cleanups, {
    settings: {
      servers: { bundled: { enabled: false }, remotes: [{ url: server.url, token: 'a-token-for-the-hostile-server', enabled: true }] },
      accounts: [],
      notifications: { enabled: true, sound: false, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' } },
      general: { launchAtLogin: false },
    },
  });
  await eventually(() => shell.payloads('counts:changed').some((c) => c.mailboxes.length > 0), 20_000);
  return app.snapshot();
}

describe('the window, when the app left part of a server\'s answer out', () => {
  test('says what was left out, in a line above the mailboxes, and lists only what was kept', async () => {
    const snapshot = await snapshotOfHostileAnswer();
    const window = await openPage({ snapshot, settings: someSettings }, { scale: 2 });
    const { page } = window;
    const notice = page.locator('.answer-cut');
    await notice.waitFor();
    expect(await notice.textContent()).toBe(
      'Mailtray lists 500 of the 100,000 mailboxes the server sent and leaves the rest out. '
      + 'Some names or messages the server sent were too long, so they are shortened. '
      + 'Some messages the server sent are left out: Mailtray lists at most the newest 50 of each mailbox.');
    expect(await notice.getAttribute('role')).toBe('note');
    expect(await page.locator('.mailbox').count()).toBe(500);
    expect(await page.locator('.mailbox[data-mailbox="s1/box-0"] .message').count()).toBe(50);
    const name = await page.locator('.mailbox[data-mailbox="s1/box-0"] .mailbox-name').textContent();
    expect(Array.from(name!)).toHaveLength(200);
    // Nothing overflows sideways, however long the name.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.screenshot({ path: `${outputDir}answer-cut.png` });
    expect(window.problems).toEqual([]);
    await window.close();
  });

  test('says nothing of the kind when the whole answer was kept', async () => {
    const window = await openPage(liveSetup);
    const { page } = window;
    await page.locator('.mailbox').first().waitFor();
    expect(await page.locator('.answer-cut').isHidden()).toBe(true);
    await window.close();
  });
});
