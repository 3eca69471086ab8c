// The real app, end to end, with Playwright's Electron support. It needs the
// Electron binary, which the first `npm start` downloads from GitHub; where that cannot
// happen (DESIGN.md, "Running where Electron cannot") the suite says it
// skipped, and why.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailtrayApi } from '../../main/ipc-contract.ts';
import { MAIN_PROCESS_SWITCHES } from '../../main/launch-command.ts';
import { startAppServer, type AppServer } from '../helpers/count-server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The Electron binary's path, or why there is none. Requiring the `electron`
 * package would try to download the binary on the spot; the suite only looks.
 */
function findElectron(): { path: string } | { problem: string } {
  const packageDir = join(root, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return { problem: 'the Electron binary is not installed (the first `npm start`, or `npx install-electron`, downloads it)' };
  }
  const path = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path } : { problem: `the Electron binary is missing at ${path}` };
}

const electron = findElectron();
const skipReason = 'problem' in electron ? electron.problem : undefined;

declare global {
  interface Window { mailtray: MailtrayApi }
}

if (skipReason) {
  describe('the app, end to end', () => {
    it(`is skipped: ${skipReason}`, (context) => {
      console.warn(`test/e2e skipped: ${skipReason}; the suite runs where the Electron binary can be downloaded.`);
      context.skip(skipReason);
    });
  });
} else {
  describe('the app, end to end', () => {
    let app: ElectronApplication;
    let page: Page;
    let server: AppServer;
    let userData: string;

    beforeAll(async () => {
      // Windows: npm is npm.cmd, which only a shell runs.
      execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
      server = await startAppServer();
      await server.setCount('work', 1);
      userData = await mkdtemp(join(tmpdir(), 'mailtray-e2e-'));
      app = await _electron.launch({
        executablePath: (electron as { path: string }).path,
        // As the installed app starts (main/launch-command.ts).
        args: [...MAIN_PROCESS_SWITCHES, root],
        env: { ...process.env, MAILTRAY_USER_DATA: userData, XDG_CONFIG_HOME: userData } as Record<string, string>,
      });
      // Every notification main shows is recorded for the tests to read.
      await app.evaluate(({ Notification }) => {
        const shown: string[] = [];
        Object.assign(globalThis, { shownNotifications: shown });
        const show = Notification.prototype.show;
        Notification.prototype.show = function (this: Electron.Notification) {
          shown.push(this.title);
          return show.call(this);
        };
      });
      // Electron keeps no list of trays, and the app puts none on globalThis: the test notes the
      // tray the app next updates, then makes it update (a snooze and its end change the tooltip).
      await app.evaluate(({ Tray }) => {
        const setToolTip = Tray.prototype.setToolTip;
        Tray.prototype.setToolTip = function (this: Electron.Tray, toolTip: string) {
          Object.assign(globalThis, { appTray: this });
          return setToolTip.call(this, toolTip);
        };
      });
      page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      await page.evaluate(async () => {
        await window.mailtray.snooze(Date.now() + 3600_000);
        await window.mailtray.snooze(null);
      });
      await expect.poll(() => app.evaluate(() => 'appTray' in globalThis)).toBe(true);
    }, 300_000);

    afterAll(async () => {
      await app?.close();
      await server?.stop();
      if (userData) await rm(userData, { recursive: true, force: true });
    });

    // The tray the app last updated, as noted in beforeAll.
    type Noted = { appTray: Electron.Tray };
    // The app's one window, hidden or not, as Electron itself lists it.
    const isWindowVisible = () => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isVisible());

    it('starts in the tray with its window hidden', async () => {
      expect(await app.evaluate(() => (globalThis as unknown as Noted).appTray.isDestroyed())).toBe(false);
      expect(await isWindowVisible()).toBe(false);
    });

    it('shows the window on a tray click, sandboxed: no Node, only window.mailtray', async () => {
      await app.evaluate(() => (globalThis as unknown as Noted).appTray.emit('click'));
      await expect.poll(isWindowVisible).toBe(true);
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(await page.evaluate(() => Object.keys(window.mailtray).sort())).toEqual([
        'cancelSignIn', 'chooseCertificate', 'getSettings', 'getState', 'markRead', 'networkChanged', 'onCounts', 'onSettings',
        'onShowSettings', 'onStatus', 'openMailbox', 'retryNow', 'saveSettings', 'signIn', 'snooze', 'testAccount', 'testConnection',
      ]);
    });

    it('serves the window from mailtray://app/ under the CSP header: the page can reach no network', async () => {
      expect(page.url()).toBe('mailtray://app/index.html');
      // connect-src 'none' (main/window-protocol.ts): even the window's own files cannot be fetched from script.
      expect(await page.evaluate(() => fetch('mailtray://app/index.html').then(() => 'fetched', () => 'blocked'))).toBe('blocked');
      expect(await page.evaluate(() => fetch('https://example.com/').then(() => 'fetched', () => 'blocked'))).toBe('blocked');
    });

    it('polls a remote server set in the settings and notifies when mail arrives', async () => {
      const result = await page.evaluate(({ url, token }) => window.mailtray.saveSettings({
        servers: { bundled: { enabled: false }, remotes: [{ url: url, token: token, enabled: true }] },
        accounts: [],
        notifications: { enabled: true, sound: false, summaryAtStart: false, quietHours: { enabled: false, start: '22:00', end: '07:00' } },
        general: { launchAtLogin: false },
      }), { url: server.url, token: server.token });
      expect(result.ok).toBe(true);
      await expect.poll(() => page.evaluate(() => window.mailtray.getState().then((s) => s.status.connection.state)), { timeout: 10_000 }).toBe('live');
      expect(await page.evaluate(() => window.mailtray.getState().then((s) => s.counts.total))).toBe(1);

      await server.setCount('work', 3);
      await expect.poll(() => app.evaluate(() => (globalThis as unknown as { shownNotifications: string[] }).shownNotifications), { timeout: 10_000 })
        .toEqual(['2 new: Work 2']);
    });
  });
}
