/**
 * The snooze choices, the same in the tray menu and the window; when each
 * ends is worked out here, from the moment it is chosen.
 */
import type { Translator } from './i18n/translator.ts';

export type SnoozeChoice = '30m' | '1h' | 'tomorrow' | 'off';

/** `label`: English, for the window until it words the choices with `snoozeChoiceLabel` (issue 21, i18n/window). */
export const snoozeChoices: ReadonlyArray<{ choice: SnoozeChoice; label: string }> = [
  { choice: '30m', label: 'For 30 minutes' },
  { choice: '1h', label: 'For 1 hour' },
  { choice: 'tomorrow', label: 'Until tomorrow 8:00' },
  { choice: 'off', label: 'Off' },
];

/** A choice's words at `now`: "For 30 minutes", "Until tomorrow 8:00 AM" (the time as the language writes it). */
export function snoozeChoiceLabel(choice: SnoozeChoice, now: number, words: Translator): string {
  switch (choice) {
    case '30m':
      return words.t('snooze.forMinutes', { count: 30 });
    case '1h':
      return words.t('snooze.forHours', { count: 1 });
    case 'tomorrow': {
      const end = snoozeUntil(choice, now)!;
      // The end's own day: its time alone, without the weekday that `clock` adds on another day.
      return words.t('snooze.untilTomorrow', { time: words.clock(end, end) });
    }
    case 'off':
      return words.t('snooze.off');
  }
}

/** When a snooze chosen at `now` ends (ms since the epoch), or null for "off". */
export function snoozeUntil(choice: SnoozeChoice, now: number): number | null {
  switch (choice) {
    case '30m':
      return now + 30 * 60_000;
    case '1h':
      return now + 60 * 60_000;
    case 'tomorrow': {
      const date = new Date(now);
      // Chosen in the small hours, "tomorrow" means the coming morning, not the one after.
      if (date.getHours() >= 5) date.setDate(date.getDate() + 1);
      date.setHours(8, 0, 0, 0);
      return date.getTime();
    }
    case 'off':
      return null;
  }
}
