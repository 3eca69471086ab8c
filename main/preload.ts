// The window's only door to main: a few named, typed functions on
// `window.mailtray`, never ipcRenderer itself (STYLE.md, "A small preload").
// Each method and its channel come from the one declaration in ipc-contract.ts.
// Built into one CommonJS file (dist/main/preload.cjs): a sandboxed preload cannot be an ES module.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { events, invokes, type Unsubscribe } from './ipc-contract.ts';

// Filled from the declarations, so MailtrayApi (derived from the same ones) describes it.
const api: Record<string, unknown> = {};

for (const [method, { channel }] of Object.entries(invokes)) {
  api[method] = (...args: unknown[]): Promise<unknown> => ipcRenderer.invoke(channel, ...args);
}

for (const [method, { channel }] of Object.entries(events)) {
  api[method] = (listener: (payload: unknown) => void): Unsubscribe => {
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => void ipcRenderer.removeListener(channel, wrapped);
  };
}

contextBridge.exposeInMainWorld('mailtray', api);
