import type { MailtrayApi } from '../main/ipc-contract.ts';
import { startWindow } from './app.ts';

// The preload's contextBridge API is the window's only way to main.
const { mailtray } = window as unknown as { mailtray: MailtrayApi };
// Electron's main process hears nothing when the network goes or comes back; the window
// does (it is loaded at start, even while hidden), and tells main, which asks the OS itself.
// So main never asks on a timer: idle and live, it costs one request per held poll.
for (const event of ['online', 'offline']) window.addEventListener(event, () => void mailtray.networkChanged());
const root = document.getElementById('app');
if (root) {
  startWindow({
    api: mailtray,
    root,
    now: () => Date.now(),
    every: (ms, tick) => { setInterval(tick, ms); },
  });
}
