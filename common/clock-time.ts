/**
 * A time of day written `HH:MM`, 00:00 to 23:59 (quiet hours). One rule for
 * the settings schema, the settings checks, the window's form and the
 * notification policy, so none of them accepts what another refuses.
 */
export const CLOCK_TIME_PATTERN = '^([01][0-9]|2[0-3]):([0-5][0-9])$';
const clockTimeRe = new RegExp(CLOCK_TIME_PATTERN);

/** Minutes after midnight of an `HH:MM` time, or undefined when `text` is not one. */
export function minutesOfClockTime(text: string): number | undefined {
  const match = clockTimeRe.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

export function isClockTime(value: unknown): value is string {
  return typeof value === 'string' && clockTimeRe.test(value);
}
