import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  app, dialog, Menu, nativeImage, Notification, shell as osShell, Tray,
  type BrowserWindow, type MenuItemConstructorOptions, type NativeImage,
} from 'electron';
import { setLinuxAutostart } from '../autostart.ts';
import { launchCommand, MAIN_PROCESS_SWITCHES } from '../launch-command.ts';
import { linuxMailClientEntry } from '../mail-client-facts.ts';
import { playCommand } from '../notifications/notification-sound.ts';
import { isOpenableAddress } from '../settings/check-input.ts';
import type { ImageRepresentation, MenuAction, MenuItemView, Shell, TrayView } from '../shell.ts';
import { launcherShowsBadge, trayGuid } from '../tray/tray-platform.ts';
import { updateLog } from '../updates/update-engine.ts';
import { packageKind } from '../updates/update-policy.ts';
import { showWindow } from './window.ts';

export interface ElectronShellOptions {
  window: BrowserWindow;
  onMenu(action: MenuAction): void;
  /** Windows and most Linux trays report a click; macOS opens the menu instead. */
  onTrayClick(): void;
  /** The tray menu opened: the user looked (the badge's "new since I last looked"). */
  onMenuOpened?(): void;
  quit(): void;
}

/** The Shell, plus what only the Electron entry asks of the tray. */
export interface ElectronShell extends Shell {
  readonly tray: Tray;
  /** A new tray icon in place of the old one, showing what the old one showed. */
  rebuildTray(): void;
  destroyTray(): void;
}

/** The Shell in Electron terms: each call is a translation, with the platform quirks noted. */
export function electronShell(options: ElectronShellOptions): ElectronShell {
  const { window } = options;
  const platform = process.platform;
  // Kept referenced: a Notification that is garbage-collected loses its click handler.
  let current: Notification | undefined;
  const guid = trayGuid(platform, app.isPackaged);
  const showsLauncherBadge = launcherShowsBadge(platform, process.env.XDG_CURRENT_DESKTOP);
  let lastView: TrayView | undefined;
  // The launcher finds the badge's app by its .desktop file: electron-builder names it after executableName.
  if (platform === 'linux') app.setDesktopName('mailtray.desktop');

  const createTray = (): Tray => {
    const created = guid === undefined ? new Tray(nativeImage.createEmpty()) : new Tray(nativeImage.createEmpty(), guid);
    created.on('click', () => options.onTrayClick());
    return created;
  };
  let tray = createTray();

  const applyView = (view: TrayView) => {
    const image = imageOf(view.images);
    if (view.isTemplate) image.setTemplateImage(true);
    tray.setImage(image);
    tray.setToolTip(view.tooltip);
    // macOS: the count sits beside the icon as text, the one place it is crisp in the menu bar.
    if (platform === 'darwin') tray.setTitle(view.title, { fontType: 'monospacedDigit' });
    const menu = Menu.buildFromTemplate(view.menu.map((item) => menuItem(item, options.onMenu)));
    menu.on('menu-will-show', () => options.onMenuOpened?.());
    tray.setContextMenu(menu);
  };

  return {
    platform,
    get tray() {
      return tray;
    },
    rebuildTray() {
      if (tray.isDestroyed()) return;
      tray.destroy();
      tray = createTray();
      if (lastView) applyView(lastView);
    },
    destroyTray() {
      if (!tray.isDestroyed()) tray.destroy();
    },
    setTray(view) {
      lastView = view;
      applyView(view);
    },
    setBadge(badge) {
      if (platform === 'darwin') app.dock?.setBadge(badge.text);
      // Linux: only where a Unity-style launcher shows it (tray-platform.ts); elsewhere the tray icon tells.
      else if (showsLauncherBadge) app.setBadgeCount(badge.count);
      else if (platform === 'win32') {
        window.setOverlayIcon(badge.overlay ? imageOf(badge.overlay.images) : null, badge.overlay?.description ?? '');
      }
    },
    showNotification(notification, onClick, onAction) {
      if (!Notification.isSupported()) return;
      current?.close();
      // Action buttons exist on macOS and Windows; Linux through Electron shows none
      // (https://github.com/electron/electron/issues/24333): there a click opens the
      // mailbox, and the window has Mark as read.
      const hasButtons = platform === 'darwin' || platform === 'win32';
      const shown = new Notification({
        title: notification.title,
        body: notification.body,
        silent: notification.silent,
        // Linux and Windows; macOS keeps a notification as the user's System Settings say (banner or alert).
        ...(notification.timeoutType ? { timeoutType: notification.timeoutType } : {}),
        ...(hasButtons ? { actions: notification.actions.map((action) => ({ type: 'button' as const, text: action.label })) } : {}),
      });
      shown.on('click', onClick);
      shown.on('action', (details, index) => onAction?.(details.actionIndex ?? index));
      shown.show();
      current = shown;
    },
    closeNotification() {
      // close() also takes it out of the notification centre (Windows' Action Center, macOS's list).
      current?.close();
      current = undefined;
    },
    playSound(path) {
      const { command, args } = playCommand(platform, path);
      const child = spawn(command, args, { stdio: 'ignore', windowsHide: true });
      child.on('error', (error) => console.error(`mailtray: could not play ${path} with ${command}`, error));
      child.unref();
    },
    showWindow: () => showWindow(window),
    async mailClientFacts() {
      if (platform === 'linux') {
        const desktopEntry = await linuxMailClientEntry();
        return desktopEntry === undefined ? { platform } : { platform, desktopEntry };
      }
      try {
        // macOS: the default mailto: handler's .app; Windows: the registered mail client's program.
        const { path } = await app.getApplicationInfoForProtocol('mailto:');
        return path ? { platform, handlerPath: path } : { platform };
      } catch {
        return { platform };
      }
    },
    launch(plan) {
      if (plan.kind === 'app') {
        void osShell.openPath(plan.path);
        return;
      }
      // Detached, so the mail client outlives Mailtray and is not its child in the process tree.
      const child = spawn(plan.command, plan.args, { detached: true, stdio: 'ignore' });
      child.on('error', (error) => console.error('mailtray: could not start the mail client', error));
      child.unref();
    },
    send(channel, payload) {
      if (!window.isDestroyed()) window.webContents.send(channel, payload);
    },
    openExternal(url) {
      // Checked again here, at the last step before the OS: only web and mail addresses.
      if (isOpenableAddress(url)) void osShell.openExternal(url);
    },
    setLaunchAtLogin(enabled) {
      if (platform === 'linux') {
        const command = launchCommand({ appImage: process.env.APPIMAGE, isPackaged: app.isPackaged, execPath: process.execPath, appPath: app.getAppPath() });
        void setLinuxAutostart(enabled, { configHome: process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), command })
          .catch((error: unknown) => console.error('mailtray: could not change the autostart entry', error));
      } else {
        // `args` is Windows only; a macOS login item starts the app without switches.
        app.setLoginItemSettings({ openAtLogin: enabled, args: [...MAIN_PROCESS_SWITCHES] });
      }
    },
    // Not app.getLocale(): that is the one language Chromium's own strings use; this is the whole fallback list.
    preferredLanguages: () => app.getPreferredSystemLanguages(),
    async chooseFile({ title, filters }) {
      const choice = window.isDestroyed()
        ? await dialog.showOpenDialog({ title, filters, properties: ['openFile'] })
        : await dialog.showOpenDialog(window, { title, filters, properties: ['openFile'] });
      return choice.canceled ? undefined : choice.filePaths[0];
    },
    // No app adapter or HTTP client: electron-updater then takes Electron's own (the app, and `net` through the system's proxy).
    updaterSeat: () => ({ kind: packageKind({ platform, isPackaged: app.isPackaged, env: process.env }), version: app.getVersion(), logger: updateLog }),
    quit: () => options.quit(),
  };
}

function imageOf(representations: ImageRepresentation[]): NativeImage {
  const image = nativeImage.createEmpty();
  for (const { scaleFactor, png } of representations) image.addRepresentation({ scaleFactor, buffer: png });
  return image;
}

function menuItem(item: MenuItemView, onMenu: (action: MenuAction) => void): MenuItemConstructorOptions {
  if (item.type === 'separator') return { type: 'separator' };
  const { action } = item;
  return {
    label: item.label,
    enabled: item.enabled,
    ...(action ? { click: () => onMenu(action) } : {}),
    ...(item.submenu ? { submenu: item.submenu.map((sub) => menuItem(sub, onMenu)) } : {}),
  };
}
