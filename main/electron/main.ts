// The Electron main process entry: builds the app core and hands it the
// Electron pieces. Decisions live in ../mailtray-app.ts and friends.
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import axios from 'axios';
import { app, net, powerMonitor, safeStorage } from 'electron';
import ElectronStore from 'electron-store';
import { countsClient, markReadClient } from '../connection/counts-client.ts';
import { invokeHandlers } from '../ipc-handlers.ts';
import { MailtrayApp } from '../mailtray-app.ts';
import { parseOAuthClients } from '../oauth/oauth-clients.ts';
import { Settings } from '../settings/settings.ts';
import { settingsFileOptions, type SettingsFile } from '../settings/settings-file.ts';
import type { StoredSettings } from '../settings/stored-settings.ts';
import type { Secrets } from '../secrets.ts';
import { watchStatusNotifierWatcher } from '../tray/status-notifier-watch.ts';
import { electronShell } from './electron-shell.ts';
import { handleInvokes } from './ipc.ts';
import { safeStorageSecrets } from './safe-storage-secrets.ts';
import { utilitySpawner } from './utility-spawner.ts';
import { createMainWindow, registerWindowScheme, showWindow } from './window.ts';
import { LOCK_WAIT, startAfterUpdate } from '../updates/start-after-update.ts';
import type { Words } from '../../common/i18n/translator.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

function readTextIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
// Windows: notifications and the taskbar group by this id; it matches electron-builder's appId.
const APP_ID = 'app.mailtray.desktop';

// Tests (test/e2e) run the app against a throw-away profile.
if (process.env.MAILTRAY_USER_DATA) app.setPath('userData', process.env.MAILTRAY_USER_DATA);

registerWindowScheme();

function begin(): void {
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  app.whenReady().then(start, (error: unknown) => {
    console.error('mailtray: could not start', error);
    app.exit(1);
  });
}

const afterUpdate = startAfterUpdate(process.env);
if (afterUpdate === 'exit-now') {
  // Started by the updater only to finish installing a new AppImage (updates/start-after-update.ts).
  app.exit(0);
} else if (app.requestSingleInstanceLock()) {
  begin();
} else if (afterUpdate === 'wait-for-lock') {
  // Restart to install: the old Mailtray is still quitting; start once it has let go.
  let waited = 0;
  const timer = setInterval(() => {
    waited += LOCK_WAIT.everyMs;
    if (app.requestSingleInstanceLock()) {
      clearInterval(timer);
      begin();
    } else if (waited >= LOCK_WAIT.forMs) {
      clearInterval(timer);
      app.quit();
    }
  }, LOCK_WAIT.everyMs);
} else {
  // Another Mailtray runs: it shows its window (below, 'second-instance') and this one leaves.
  app.quit();
}

function start(): void {
  let isQuitting = false;
  let isStopped = false;
  const secrets = safeStorageSecrets(safeStorage, process.platform);
  const opened = openSettingsFile(secrets);
  const settings = new Settings(opened.file, secrets, opened.problems);
  const window = createMainWindow({
    preload: here('../preload.cjs'),
    pageDir: here('../../renderer/'),
    placeholderDir: here('../placeholder/'),
    icon: join(app.getAppPath(), 'build', 'icons', '256x256.png'),
  }, () => isQuitting);
  const shell = electronShell({
    window,
    // Menus are only built once `core` exists (core.start below).
    onMenu: (action) => core.handleMenu(action),
    onTrayClick: () => showWindow(window),
    onMenuOpened: () => core.markSeen(),
    quit: () => app.quit(),
  });
  const core = new MailtrayApp({
    shell,
    settings,
    requestCounts: countsClient(axios.create()),
    requestMarkRead: markReadClient(axios.create()),
    spawnServer: utilitySpawner(here('./server-process.js')),
    // Asked on events only (the window's online/offline, waking, a failed poll), never on a timer while live.
    isOnline: () => net.isOnline(),
    // Written by scripts/build-main.ts from the build's environment; none in a build made without.
    oauthClients: parseOAuthClients(readTextIfThere(here('../oauth-clients.json'))),
    // Packed outside app.asar (electron-builder.yml, extraResources), where afplay, paplay and PowerShell can read them.
    soundsFolder: app.isPackaged ? join(process.resourcesPath, 'sounds') : join(app.getAppPath(), 'build', 'sounds'),
  });
  // Opening the window is looking: the badge's "new since I last looked" starts again.
  window.on('show', () => core.markSeen());
  window.on('focus', () => core.markSeen());
  handleInvokes(invokeHandlers(core, () => settings.view()), window);

  app.on('second-instance', () => showWindow(window));
  app.on('activate', () => showWindow(window));
  // The window only hides; with it "closed" the app stays in the tray.
  app.on('window-all-closed', () => {});

  // A held poll can die in sleep without a sound; try again at once on waking.
  powerMonitor.on('resume', () => {
    // Linux: the tray icon can vanish after standby; a new one comes back
    // (electron#22443, https://github.com/electron/electron/issues/22443).
    if (process.platform === 'linux') shell.rebuildTray();
    core.wake();
  });
  powerMonitor.on('unlock-screen', () => core.wake());
  // Linux: a restarted org.kde.StatusNotifierWatcher (the panel's tray host) has forgotten our icon.
  const watcher = process.platform === 'linux' ? watchStatusNotifierWatcher(() => shell.rebuildTray()) : undefined;

  app.on('before-quit', (event) => {
    isQuitting = true;
    if (isStopped) return;
    // Stop the bundled server first, so it answers held polls and closes its port.
    event.preventDefault();
    watcher?.stop();
    core.stop().finally(() => {
      isStopped = true;
      shell.destroyTray();
      app.quit();
    });
  });

  core.start();
}

/**
 * The settings file. One the schema refuses (hand-edited, or from a newer
 * app) is kept aside for the user to look at, a fresh one is begun, and the
 * window says so. An old layout is migrated instead (settings/migrate.ts):
 * migration never yields a file the schema refuses, so no plain token from an
 * old file is ever set aside.
 */
function openSettingsFile(secrets: Secrets): { file: SettingsFile; problems: Words[] } {
  const options = { ...settingsFileOptions(secrets), name: 'settings' };
  try {
    return { file: new ElectronStore<StoredSettings>(options), problems: [] };
  } catch (error) {
    const path = join(app.getPath('userData'), 'settings.json');
    const aside = `${path}.invalid-${Date.now()}`;
    console.error(`mailtray: the settings file could not be read (${(error as Error).message}); kept as ${aside}`);
    renameSync(path, aside);
    return {
      file: new ElectronStore<StoredSettings>(options),
      problems: [{ key: 'app.settings.unreadable', values: { file: aside } }],
    };
  }
}
