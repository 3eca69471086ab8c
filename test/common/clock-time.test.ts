import { describe, expect, it } from 'vitest';
import { CLOCK_TIME_PATTERN, isClockTime, minutesOfClockTime } from '../../common/clock-time.ts';

describe('a time of day for quiet hours', () => {
  it.each([
    ['00:00', 0], ['07:05', 425], ['22:00', 1320], ['23:59', 1439],
  ])('"%s" is %i minutes after midnight', (text, minutes) => {
    expect(isClockTime(text)).toBe(true);
    expect(minutesOfClockTime(text)).toBe(minutes);
    expect(new RegExp(CLOCK_TIME_PATTERN).test(text)).toBe(true);
  });

  it.each(['24:00', '7:00', '07:60', '07:5', ' 07:00', '07:00 ', '0700', '', '١٢:٠٠'])('"%s" is not one', (text) => {
    expect(isClockTime(text)).toBe(false);
    expect(minutesOfClockTime(text)).toBeUndefined();
    // The settings schema uses the pattern itself: it must refuse the same texts.
    expect(new RegExp(CLOCK_TIME_PATTERN).test(text)).toBe(false);
  });

  it('only text can be a time', () => {
    expect(isClockTime(700)).toBe(false);
    expect(isClockTime(undefined)).toBe(false);
  });
});
