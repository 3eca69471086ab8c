import type { MailtrayApi } from '../main/ipc-contract.ts';
import { h, setText } from './dom.ts';

export interface SnoozeControl {
  element: HTMLElement;
  show(snoozedUntil: number | null, now: number): void;
}

const hour = 3_600_000;

/** Snoozed until a time, with a way to end it; or a way to start one for an hour. */
export function snoozeControl(api: MailtrayApi, now: () => number): SnoozeControl {
  const text = h('span', { class: 'snooze-text' });
  const button = h('button', { type: 'button', class: 'secondary' });
  let snoozed = false;
  button.addEventListener('click', () => {
    void api.snooze(snoozed ? null : now() + hour);
  });
  return {
    element: h('div', { class: 'snooze' }, text, button),
    show(snoozedUntil, at) {
      snoozed = snoozedUntil !== null && snoozedUntil > at;
      setText(text, snoozed ? `Notifications are snoozed until ${clockTime(snoozedUntil ?? 0, at)}.` : 'Notifications are not snoozed.');
      setText(button, snoozed ? 'End snooze' : 'Snooze for 1 hour');
    },
  };
}

/** "14:30" today, "Sat 14:30" on another day, in the user's locale. */
export function clockTime(at: number, now: number): string {
  const date = new Date(at);
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (date.toDateString() === new Date(now).toDateString()) return time;
  return `${date.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`;
}
