import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';

import type { AppStatus } from '../../main/ipc-contract.ts';
import { windowPerFile } from './window-harness.ts';
import { bundledServer, liveSetup, now, remoteServer, status } from './window-fixtures.ts';

const openPage = windowPerFile();

const connectionStates: [string, AppStatus, string][] = [
  ['live on the bundled server', status({ state: 'live', server: bundledServer }), 'Live: bundled server'],
  ['live on a remote server', status({ state: 'live', server: remoteServer }), 'Live: mail.example.com'],
  ['connecting', status({ state: 'connecting', server: remoteServer }), 'Connecting: mail.example.com'],
  ['retrying', status({ state: 'retrying', server: remoteServer, reason: 'server unreachable (connection refused)', nextTryAt: now + 8_000 }),
    'Not connected: server unreachable (connection refused); retrying in 8 s'],
  ['rejected', status({ state: 'auth-failed', server: remoteServer, reason: 'token rejected' }), 'Token refused: token rejected; check it in the settings'],
  ['offline', status({ state: 'offline', server: remoteServer }), 'Offline: waiting for the network'],
];

describe('the connection line', () => {
  test('says where the counts come from and how that is going, for each state', async () => {
    const window = await openPage(liveSetup, { paused: true });
    const { page, fake } = window;
    const text = page.locator('.connection-text');
    for (const [, pushed, words] of connectionStates) {
      await fake.pushStatus(pushed);
      await expect.poll(() => text.textContent()).toBe(words);
      // Retry now belongs to a retry, Open Settings to a rejected token.
      expect(await page.getByRole('button', { name: 'Retry now' }).isVisible()).toBe(pushed.connection.state === 'retrying');
      expect(await page.locator('.connection').getByRole('button', { name: 'Open Settings' }).isVisible())
        .toBe(pushed.connection.state === 'auth-failed');
    }
    expect(window.problems).toEqual([]);
    await window.close();
  });

  test('counts down to the next try and offers Retry now', async () => {
    const retrying = status({ state: 'retrying', server: remoteServer, reason: 'server unreachable (connection refused)', nextTryAt: now + 8_000 });
    const window = await openPage({ ...liveSetup, snapshot: { ...liveSetup.snapshot, status: retrying } }, { paused: true });
    const { page, fake } = window;
    const text = page.locator('.connection-text');
    await expect.poll(() => text.textContent()).toBe('Not connected: server unreachable (connection refused); retrying in 8 s');
    await page.clock.runFor(3_000);
    await expect.poll(() => text.textContent()).toBe('Not connected: server unreachable (connection refused); retrying in 5 s');
    await page.clock.runFor(6_000);
    await expect.poll(() => text.textContent()).toBe('Not connected: server unreachable (connection refused); retrying now');
    await page.getByRole('button', { name: 'Retry now' }).click();
    expect((await fake.calls('retryNow')).length).toBe(1);
    await window.close();
  });

  test('takes a rejected token to Settings', async () => {
    const rejected = status({ state: 'auth-failed', server: remoteServer, reason: 'token rejected' });
    const window = await openPage({ ...liveSetup, snapshot: { ...liveSetup.snapshot, status: rejected } });
    const { page } = window;
    await page.locator('.connection').getByRole('button', { name: 'Open Settings' }).click();
    expect(await page.getByRole('tab', { name: 'Settings' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('.settings').isVisible()).toBe(true);
    await window.close();
  });

  test('warns about an insecure http:// server and a missing OS key store', async () => {
    const insecure = status(
      { state: 'live', server: { mode: 'remote', label: 'counts.example.org', isInsecure: true } },
      { warnings: [{ key: 'app.keyStore.none' }] },
    );
    const window = await openPage({ ...liveSetup, snapshot: { ...liveSetup.snapshot, status: insecure } });
    const { page, fake } = window;
    const warnings = page.locator('.warnings li');
    await expect.poll(() => warnings.count()).toBe(2);
    expect(await warnings.nth(0).textContent()).toBe('Not encrypted: counts.example.org uses http://, so the token and counts travel in clear text.');
    expect(await warnings.nth(1).textContent()).toBe('This computer offers no key store: the server token and passwords are saved unencrypted.');
    await fake.pushStatus(status({ state: 'live', server: remoteServer }));
    await expect.poll(() => warnings.count()).toBe(0);
    await window.close();
  });

  test('tells screen readers about a change of state, not about every tick of the countdown', async () => {
    const window = await openPage(liveSetup, { paused: true });
    const { page, fake } = window;
    const announced = page.locator('.connection [role="status"]');
    await expect.poll(() => announced.textContent()).toBe('Live: bundled server');
    await fake.pushStatus(status({ state: 'retrying', server: bundledServer, reason: 'server unreachable (connection refused)', nextTryAt: now + 8_000 }));
    await expect.poll(() => announced.textContent()).toBe('Not connected: server unreachable (connection refused); retrying in 8 s');
    await page.clock.runFor(2_000);
    await expect.poll(() => page.locator('.connection-text').textContent()).toContain('in 6 s');
    expect(await announced.textContent()).toBe('Not connected: server unreachable (connection refused); retrying in 8 s');
    await window.close();
  });
});

describe('the snooze', () => {
  test('shows until when notifications are snoozed and ends it through main', async () => {
    const snoozed = status({ state: 'live', server: bundledServer }, { snoozedUntil: now + 90 * 60_000 });
    const window = await openPage({ ...liveSetup, snapshot: { ...liveSetup.snapshot, status: snoozed } });
    const { page, fake } = window;
    // The Mail tab says so too.
    await expect.poll(() => page.locator('.counts').locator('xpath=..').locator('.snooze-text').textContent())
      .toBe('Notifications are snoozed until 11:30 AM.');
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Notifications' }).click();
    const text = page.locator('.settings .snooze-text');
    await expect.poll(() => text.textContent()).toBe('Notifications are snoozed until 11:30 AM.');
    await page.locator('.settings').getByRole('button', { name: 'End snooze' }).click();
    expect((await fake.calls('snooze')).map((call) => call.args)).toEqual([[null]]);
    await expect.poll(() => text.textContent()).toBe('Snooze notifications:');
    // The same choices as the tray menu's Snooze notifications.
    const choices = page.locator('.settings').getByRole('group', { name: 'Snooze notifications' }).getByRole('button');
    expect(await choices.allTextContents()).toEqual(['For 30 minutes', 'For 1 hour', 'Until tomorrow 8:00 AM']);
    await choices.first().click();
    const [[until]] = (await fake.calls('snooze')).slice(1).map((call) => call.args as [number]);
    expect(until! - now).toBeGreaterThanOrEqual(30 * 60_000);
    expect(until! - now).toBeLessThan(31 * 60_000);
    await expect.poll(() => text.textContent()).toBe('Notifications are snoozed until 10:30 AM.');
    await page.getByRole('tab', { name: 'Mail', exact: true }).click();
    expect(await page.locator('.panel > .snooze .snooze-text').textContent()).toBe('Notifications are snoozed until 10:30 AM.');
    await page.locator('.panel > .snooze').getByRole('button', { name: 'End snooze' }).click();
    await expect.poll(() => page.locator('.panel > .snooze').isVisible()).toBe(false);
    await window.close();
  });
});

describe('the network', () => {
  test('going offline and coming back online are each told to main at once', async () => {
    const window = await openPage(liveSetup);
    const { page, fake } = window;
    // Chromium fires the window's offline and online events, as it does when the machine's network goes and comes back.
    await page.context().setOffline(true);
    await expect.poll(async () => (await fake.calls('networkChanged')).length).toBe(1);
    await page.context().setOffline(false);
    await expect.poll(async () => (await fake.calls('networkChanged')).length).toBe(2);
    // Main asks the OS itself: the window sends no verdict of its own.
    expect((await fake.calls('networkChanged')).map((call) => call.args)).toEqual([[], []]);
    expect(window.problems).toEqual([]);
    await window.close();
  });
});

describe('a hidden window', () => {
  // Headless Chromium keeps every page visible; the page is told it is hidden as Electron tells a hidden window.
  const setVisibility = (page: Page, state: 'hidden' | 'visible') => page.evaluate((to) => {
    Object.defineProperty(document, 'visibilityState', { value: to, configurable: true });
    Object.defineProperty(document, 'hidden', { value: to === 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);

  test('redraws nothing on a timer, and is up to date the moment it is shown', async () => {
    const retrying = status({ state: 'retrying', server: remoteServer, reason: 'server unreachable (connection refused)', nextTryAt: now + 8_000 });
    const window = await openPage({ ...liveSetup, snapshot: { ...liveSetup.snapshot, status: retrying } }, { paused: true });
    const { page } = window;
    const text = page.locator('.connection-text');
    await expect.poll(() => text.textContent()).toBe('Not connected: server unreachable (connection refused); retrying in 8 s');
    await setVisibility(page, 'hidden');
    await page.clock.runFor(3_000);
    expect(await text.textContent()).toBe('Not connected: server unreachable (connection refused); retrying in 8 s');
    await setVisibility(page, 'visible');
    expect(await text.textContent()).toBe('Not connected: server unreachable (connection refused); retrying in 5 s');
    await page.clock.runFor(1_000);
    await expect.poll(() => text.textContent()).toBe('Not connected: server unreachable (connection refused); retrying in 4 s');
    expect(window.problems).toEqual([]);
    await window.close();
  });
});
