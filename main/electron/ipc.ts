import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { invokes } from '../ipc-contract.ts';
import type { InvokeHandlers } from '../ipc-handlers.ts';
import { isWindowPage } from '../window-protocol.ts';

/**
 * Registers every invoke channel once, through one wrapper that checks the
 * sender (STYLE.md, "One typed IPC contract"): only our window's top frame,
 * showing our own page, may call main.
 */
export function handleInvokes(handlers: InvokeHandlers, window: BrowserWindow): void {
  // Every declared channel, so none the window may call is left without the sender check.
  for (const { channel } of Object.values(invokes)) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isOurWindow(event, window)) throw new Error(`${channel}: refused, the sender is not the Mailtray window`);
      return handlers[channel](...args);
    });
  }
}

function isOurWindow(event: IpcMainInvokeEvent, window: BrowserWindow): boolean {
  if (window.isDestroyed() || event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  return frame !== null && frame === window.webContents.mainFrame && isWindowPage(frame.url);
}
