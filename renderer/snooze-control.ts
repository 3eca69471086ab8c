import { snoozeChoiceLabel, snoozeChoices, snoozeUntil } from '../common/snooze.ts';
import type { MailtrayApi } from '../main/ipc-contract.ts';
import { h, setText } from './dom.ts';
import { currentWords, worded } from './words.ts';

export interface SnoozeControl {
  element: HTMLElement;
  show(snoozedUntil: number | null, now: number): void;
}

/**
 * Snoozed until a time, with a way to end it; or the tray menu's own snooze
 * choices (For 30 minutes, For 1 hour, Until tomorrow 8:00), so both offer
 * the same.
 */
export function snoozeControl(api: MailtrayApi, now: () => number): SnoozeControl {
  const text = h('span', { class: 'snooze-text' });
  const end = worded(h('button', { type: 'button', class: 'secondary' }), 'window.snooze.end');
  end.addEventListener('click', () => { void api.snooze(null); });
  const choices = snoozeChoices.filter(({ choice }) => choice !== 'off').map(({ choice }) => {
    const button = h('button', { type: 'button', class: 'secondary' });
    button.addEventListener('click', () => { void api.snooze(snoozeUntil(choice, now())); });
    return { choice, button };
  });
  const start = worded(h('div', { class: 'actions', role: 'group' }, ...choices.map(({ button }) => button)), 'window.snooze.label', undefined, 'aria-label');
  return {
    element: h('div', { class: 'snooze' }, text, end, start),
    show(snoozedUntil, at) {
      const snoozed = snoozedUntil !== null && snoozedUntil > at;
      const words = currentWords();
      setText(text, snoozed ? words.t('window.snooze.until', { time: words.clock(snoozedUntil, at) }) : words.t('window.snooze.prompt'));
      // The tray's own words for the choices, in the window's language ("Until tomorrow 8:00 AM").
      for (const { choice, button } of choices) setText(button, snoozeChoiceLabel(choice, at, words));
      end.hidden = !snoozed;
      start.hidden = snoozed;
    },
  };
}
