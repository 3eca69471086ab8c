/**
 * A stand-in for the `electron` module, for the shipped-app test
 * (test/e2e/shipped-app.test.ts), where Electron's binary cannot be
 * downloaded. It is the module the built app imports: the test installs it as
 * node_modules/electron of the production-only copy.
 *
 * It records every call (recorder.ts) and does the real thing where one is at
 * hand: a page in real Chromium (window-host.ts), a real child process for
 * utilityProcess.fork (utility-process.ts), a real single-instance lock and
 * real folders (app.ts). It is not a tray host or a notification server: a
 * tray and a notification are what was asked of them, recorded. Where
 * Electron documents a rule of start-up, it enforces it (startup-rules.ts)
 * and throws, so the app process fails loudly.
 *
 * Each export is typed against electron.d.ts for the part the app uses, so a
 * signature that drifts from Electron's fails `npm run typecheck`.
 */
import { EventEmitter } from 'node:events';
import type {
  App, BrowserWindow as ElectronBrowserWindow, Dialog, GlobalShortcut, IpcMain, Menu as ElectronMenu, NativeImage, Net,
  Notification as ElectronNotification, Protocol, SafeStorage, Session, Shell, Tray as ElectronTray, UtilityProcess,
} from 'electron';
import { rules, StandInApp } from './app.ts';
import { record, recordListeners } from './recorder.ts';
import { StandInUtilityProcess } from './utility-process.ts';
import { StandInBrowserWindow, type InvokeListener, type SchemeHandler } from './window-host.ts';

export const app = recordListeners(new StandInApp(), 'app') satisfies Pick<App, 'quit' | 'exit' | 'whenReady' | 'isReady' | 'getAppPath' | 'getPath' | 'setPath'
  | 'getVersion' | 'getName' | 'requestSingleInstanceLock' | 'setAppUserModelId' | 'setDesktopName' | 'setBadgeCount' | 'setLoginItemSettings' | 'isPackaged'>;

const invokeListeners = new Map<string, InvokeListener>();
const schemeHandlers = new Map<string, SchemeHandler>();
StandInBrowserWindow.host = {
  // A page of a scheme that is not standard and secure gets no origin of its own: its module scripts would not load.
  schemeHandler: (scheme) => (rules.isPrivileged(scheme) ? schemeHandlers.get(scheme) : undefined),
  invokeListener: (channel) => invokeListeners.get(channel),
};

export const ipcMain = Object.assign(recordListeners(new EventEmitter(), 'ipcMain'), {
  handle(channel: string, listener: InvokeListener) {
    record('ipcMain.handle', channel);
    rules.handleChannel(channel);
    invokeListeners.set(channel, listener);
  },
  removeHandler(channel: string) {
    record('ipcMain.removeHandler', channel);
    invokeListeners.delete(channel);
  },
}) satisfies Pick<IpcMain, 'handle' | 'removeHandler'>;

const sessionProtocol = {
  handle(scheme: string, handler: SchemeHandler) {
    record('protocol.handle', scheme);
    rules.handleScheme(scheme);
    schemeHandlers.set(scheme, handler);
  },
  isProtocolHandled: (scheme: string) => rules.isHandled(scheme),
} satisfies Pick<Protocol, 'handle' | 'isProtocolHandled'>;

export const protocol = {
  ...sessionProtocol,
  registerSchemesAsPrivileged(schemes: Parameters<Protocol['registerSchemesAsPrivileged']>[0]) {
    record('protocol.registerSchemesAsPrivileged', schemes);
    rules.registerPrivileged(schemes.filter((s) => s.privileges?.standard && s.privileges.secure).map((s) => s.scheme));
  },
} satisfies Pick<Protocol, 'handle' | 'isProtocolHandled' | 'registerSchemesAsPrivileged'>;

const permissions = {
  setPermissionRequestHandler(handler: Parameters<Session['setPermissionRequestHandler']>[0]) {
    record('session.setPermissionRequestHandler', handler);
  },
  setPermissionCheckHandler(handler: Parameters<Session['setPermissionCheckHandler']>[0]) {
    record('session.setPermissionCheckHandler', handler);
  },
} satisfies Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;
const defaultSession = { protocol: sessionProtocol, ...permissions };

export const session = {
  get defaultSession() {
    rules.requireReady('session.defaultSession');
    return defaultSession;
  },
};

export class BrowserWindow extends StandInBrowserWindow {
  constructor(options: ConstructorParameters<typeof ElectronBrowserWindow>[0] = {}) {
    rules.requireReady('new BrowserWindow()');
    super(options as ConstructorParameters<typeof StandInBrowserWindow>[0]);
    record('new BrowserWindow', options);
  }
}

/** A NativeImage that keeps the PNGs it is given; the test decodes them. */
class StandInImage {
  readonly representations: Array<{ scaleFactor: number; png: Buffer }> = [];
  #isTemplate = false;

  addRepresentation(options: { scaleFactor?: number; buffer?: Buffer }): void {
    if (options.buffer) this.representations.push({ scaleFactor: options.scaleFactor ?? 1, png: options.buffer });
  }

  setTemplateImage(option: boolean): void {
    this.#isTemplate = option;
  }

  isTemplateImage(): boolean {
    return this.#isTemplate;
  }

  isEmpty(): boolean {
    return this.representations.length === 0;
  }

  recorded(): unknown {
    return { image: this.representations, isTemplate: this.#isTemplate };
  }
}

export const nativeImage = {
  createEmpty: () => new StandInImage() as unknown as NativeImage,
};

export const Menu = {
  buildFromTemplate(template: Parameters<typeof ElectronMenu.buildFromTemplate>[0]) {
    // An emitter, as Electron's Menu is: the app listens for 'menu-will-show'.
    return Object.assign(new EventEmitter(), { items: template }) as unknown as ElectronMenu;
  },
} satisfies Pick<typeof ElectronMenu, 'buildFromTemplate'>;

/** Not a tray host: it keeps what the tray was given, and the test clicks it and its menu. */
export class Tray extends EventEmitter implements Pick<ElectronTray, 'setImage' | 'setToolTip' | 'setTitle' | 'setContextMenu' | 'destroy' | 'isDestroyed'> {
  static latest: Tray | undefined;
  menu: Array<{ label?: string; click?: () => void; submenu?: unknown }> = [];
  #isDestroyed = false;

  constructor(image: NativeImage, guid?: string) {
    super();
    recordListeners(this, 'Tray');
    record('new Tray', image, guid);
    Tray.latest = this;
  }

  setImage(image: NativeImage | string): void {
    record('Tray.setImage', image);
  }

  setToolTip(toolTip: string): void {
    record('Tray.setToolTip', toolTip);
  }

  setTitle(title: string, options?: object): void {
    record('Tray.setTitle', title, options);
  }

  setContextMenu(menu: ElectronMenu | null): void {
    this.menu = (menu as unknown as { items: Tray['menu'] } | null)?.items ?? [];
    record('Tray.setContextMenu', this.menu);
  }

  destroy(): void {
    record('Tray.destroy');
    this.#isDestroyed = true;
  }

  isDestroyed(): boolean {
    return this.#isDestroyed;
  }
}

/** Not a notification server: a shown notification is a record the test reads. */
export class Notification extends EventEmitter implements Pick<ElectronNotification, 'show' | 'close'> {
  static isSupported(): boolean {
    return true;
  }

  readonly #options: ConstructorParameters<typeof ElectronNotification>[0];

  constructor(options: ConstructorParameters<typeof ElectronNotification>[0] = {}) {
    super();
    this.#options = options;
  }

  show(): void {
    record('Notification.show', this.#options);
  }

  close(): void {
    record('Notification.close');
  }
}

export const utilityProcess = {
  fork(modulePath: string, args: string[] = [], options: { stdio?: 'inherit' | 'ignore' | 'pipe'; serviceName?: string } = {}) {
    record('utilityProcess.fork', modulePath, args, options);
    rules.requireReady('utilityProcess.fork');
    return new StandInUtilityProcess(modulePath, args, options) as unknown as UtilityProcess;
  },
};

// Linux's documented behaviour: no encryption before 'ready'. After it, a stand-in key store that only
// marks what it seals: a profile of this test is never a user's.
const SEALED = 'stand-in-sealed:';
export const safeStorage = {
  isEncryptionAvailable: () => rules.isReady,
  getSelectedStorageBackend: () => (rules.isReady ? 'gnome_libsecret' : 'unknown'),
  encryptString(plainText: string) {
    if (!rules.isReady) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    return Buffer.from(SEALED + plainText);
  },
  decryptString(encrypted: Buffer) {
    const text = encrypted.toString();
    if (!text.startsWith(SEALED)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return text.slice(SEALED.length);
  },
} satisfies Pick<SafeStorage, 'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'>;

export const net = { isOnline: () => true } satisfies Pick<Net, 'isOnline'>;

export const powerMonitor = recordListeners(new EventEmitter(), 'powerMonitor');

export const dialog = {
  async showOpenDialog(...args: unknown[]) {
    record('dialog.showOpenDialog', ...args);
    return { canceled: true, filePaths: [] };
  },
} satisfies Pick<Dialog, 'showOpenDialog'>;

// Electron: "the module cannot be used before the ready event". Taken by no other program here.
export const globalShortcut = {
  register(accelerator: string, callback: () => void) {
    rules.requireReady('globalShortcut.register');
    record('globalShortcut.register', accelerator, typeof callback);
    return true;
  },
  unregister(accelerator: string) {
    record('globalShortcut.unregister', accelerator);
  },
} satisfies Pick<GlobalShortcut, 'register' | 'unregister'>;

export const shell = {
  async openExternal(url: string) {
    record('shell.openExternal', url);
  },
  async openPath(path: string) {
    record('shell.openPath', path);
    return '';
  },
} satisfies Pick<Shell, 'openExternal' | 'openPath'>;

// The app's main process, and electron-store, take these names; an import of any other fails at link time.
export default {
  app, BrowserWindow, dialog, globalShortcut, ipcMain, Menu, nativeImage, net, Notification, powerMonitor, protocol, safeStorage, session, shell, Tray, utilityProcess,
};
