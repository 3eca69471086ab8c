import type { MailtrayApi } from '../main/ipc-contract.ts';
import { startWindow } from './app.ts';

// The preload's contextBridge API is the window's only way to main.
const { mailtray } = window as unknown as { mailtray: MailtrayApi };
const root = document.getElementById('app');
if (root) {
  startWindow({
    api: mailtray,
    root,
    now: () => Date.now(),
    every: (ms, tick) => { setInterval(tick, ms); },
  });
}
