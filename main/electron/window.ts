import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserWindow, protocol, session, type WebContents } from 'electron';
import { readFilesIn, WINDOW_SCHEME, WINDOW_URL, windowResponse } from '../window-protocol.ts';

export interface WindowPaths {
  preload: string;
  /** The window's folder: dist/renderer/, or the placeholder's while the window is not built. */
  pageDir: string;
  placeholderDir: string;
  icon: string;
}

/**
 * Before the app is ready (Electron's rule): `mailtray:` is a standard,
 * secure scheme, so the page has an origin of its own, relative URLs resolve,
 * and its module scripts load (`corsEnabled`; no other origin is answered).
 */
export function registerWindowScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: WINDOW_SCHEME, privileges: { standard: true, secure: true, corsEnabled: true } },
  ]);
}

/**
 * The one window: hidden at start, hidden (not closed) by its close button,
 * sandboxed and context-isolated with no Node, no navigation, no new windows.
 */
export function createMainWindow(paths: WindowPaths, isQuitting: () => boolean): BrowserWindow {
  lockDownSession();
  const folder = existsSync(join(paths.pageDir, 'index.html')) ? paths.pageDir : paths.placeholderDir;
  // The page is served from mailtray://app/ (main/window-protocol.ts), so its CSP travels as a header.
  session.defaultSession.protocol.handle(WINDOW_SCHEME, (request) => windowResponse(request, readFilesIn(folder)));
  const window = new BrowserWindow({
    show: false,
    width: 420,
    height: 560,
    minWidth: 340,
    minHeight: 400,
    title: 'Mailtray',
    icon: paths.icon,
    autoHideMenuBar: true,
    webPreferences: {
      preload: paths.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  lockDownContents(window.webContents);
  window.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    window.hide();
  });
  void window.loadURL(WINDOW_URL);
  return window;
}

export function showWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}


function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // The page opens nothing itself: a mailbox's address is opened by main, from the
  // settings, through openMailbox(id). So no address the page names reaches the OS.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
