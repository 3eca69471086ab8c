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
    every: whileVisible,
  });
}

/**
 * Calls `tick` every `ms` while the window is shown, and not at all while it
 * is hidden, as it is from the start and most of the day: the countdown and
 * "2 min ago" are for eyes. Shown again, it is brought up to date at once.
 */
function whileVisible(ms: number, tick: () => void): void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const follow = () => {
    clearInterval(timer);
    timer = undefined;
    if (document.visibilityState === 'hidden') return;
    tick();
    timer = setInterval(tick, ms);
  };
  document.addEventListener('visibilitychange', follow);
  follow();
}
