import { existsSync } from 'node:fs';
import { BrowserWindow, session, type WebContents } from 'electron';

export interface WindowPaths {
  preload: string;
  /** The window's page: dist/renderer/index.html, or the placeholder while the window is not built. */
  page: string;
  placeholder: string;
  icon: string;
}

// The page's own <meta> CSP is the one that counts for file:// pages; this header covers
// anything served over http(s) should that ever be added.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
  + "connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The one window: hidden at start, hidden (not closed) by its close button,
 * sandboxed and context-isolated with no Node, no navigation, no new windows.
 */
export function createMainWindow(paths: WindowPaths, isQuitting: () => boolean): BrowserWindow {
  lockDownSession();
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
  void window.loadFile(existsSync(paths.page) ? paths.page : paths.placeholder);
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
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}

function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // The page opens nothing itself: a mailbox's address is opened by main, from the
  // settings, through openMailbox(id). So no address the page names reaches the OS.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
