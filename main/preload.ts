// The window's only door to main: a few named, typed functions on
// `window.mailtray`, never ipcRenderer itself (STYLE.md, "A small preload").
// Built into one CommonJS file (dist/main/preload.cjs): a sandboxed preload cannot be an ES module.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { EventChannels, InvokeChannels, MailtrayApi, Unsubscribe } from './ipc-contract.ts';

function invoke<K extends keyof InvokeChannels>(
  channel: K, ...args: Parameters<InvokeChannels[K]>
): Promise<Awaited<ReturnType<InvokeChannels[K]>>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<Awaited<ReturnType<InvokeChannels[K]>>>;
}

function subscribe<K extends keyof EventChannels>(channel: K, listener: (payload: EventChannels[K]) => void): Unsubscribe {
  const wrapped = (_event: IpcRendererEvent, payload: EventChannels[K]) => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => void ipcRenderer.removeListener(channel, wrapped);
}

const api: MailtrayApi = {
  getState: () => invoke('state:get'),
  getSettings: () => invoke('settings:get'),
  saveSettings: (settings) => invoke('settings:save', settings),
  testConnection: (server) => invoke('connection:test', server),
  retryNow: () => invoke('connection:retry'),
  networkChanged: () => invoke('network:changed'),
  snooze: (until) => invoke('snooze:set', until),
  openMailbox: (id) => invoke('mailbox:open', id),
  markRead: (id, which) => invoke('mailbox:mark-read', id, which),
  signIn: (request) => invoke('account:sign-in', request),
  cancelSignIn: () => invoke('account:sign-in-cancel'),
  testAccount: (account) => invoke('account:test', account),
  chooseCertificate: () => invoke('account:choose-certificate'),
  onCounts: (listener) => subscribe('counts:changed', listener),
  onStatus: (listener) => subscribe('status:changed', listener),
  onSettings: (listener) => subscribe('settings:changed', listener),
  onShowSettings: (listener) => subscribe('settings:show', () => listener()),
};

contextBridge.exposeInMainWorld('mailtray', api);
