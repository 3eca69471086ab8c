import { describe, expect, test } from 'vitest';
import { chooseLanguage, directionOf, systemLanguage } from '../../../common/i18n/languages.ts';
import { translatorFor } from '../../../common/i18n/translator.ts';

describe('which language a person gets', () => {
  test.each<[string[], string]>([
    [['ko-KR', 'en-US'], 'ko'],
    [['ko'], 'ko'],
    [['pt-BR', 'de-AT', 'en'], 'de'],
    [['zh-Hans-CN', 'ja-JP'], 'ja'],
    [['ar-EG'], 'ar'],
    [['pt-BR', 'fr-FR'], 'en'],
    [[], 'en'],
    [['de_CH'], 'de'],
  ])('a system preferring %j gets %s', (preferred, language) => {
    expect(systemLanguage(preferred)).toBe(language);
  });

  test("the setting's choice wins over the system's, and 'system' follows it", () => {
    expect(chooseLanguage('de', ['ko-KR'])).toBe('de');
    expect(chooseLanguage('system', ['ko-KR'])).toBe('ko');
    expect(chooseLanguage('en-XA', ['ko-KR'])).toBe('en-XA');
  });

  test('Arabic reads right to left; the others left to right', () => {
    expect(directionOf('ar')).toBe('rtl');
    for (const language of ['en', 'ko', 'de', 'ja', 'en-XA'] as const) expect(directionOf(language)).toBe('ltr');
  });
});

describe('times, relative times and lists in the person’s language', () => {
  const now = Date.parse('2026-12-04T05:30:00Z'); // a Friday, 14:30 in Seoul
  const earlierToday = Date.parse('2026-12-04T05:02:00Z');
  const tuesday = Date.parse('2026-12-01T05:02:00Z');

  test.each<[Parameters<typeof translatorFor>[0], string, string]>([
    ['en', '2:02 PM', 'Tue 2:02 PM'],
    ['ko', '오후 2:02', '(화) 오후 2:02'],
    ['de', '14:02', 'Di., 14:02'],
    ['ja', '14:02', '14:02 (火)'],
  ])('%s: a time today is %j, on another day %j (12- or 24-hour as the language has it)', (language, today, otherDay) => {
    const words = translatorFor(language, { timeZone: 'Asia/Seoul' });
    expect(words.clock(earlierToday, now)).toBe(today);
    expect(words.clock(tuesday, now)).toBe(otherDay);
  });

  test('relative times come from Intl in each language', () => {
    expect(translatorFor('en').relative(now - 2 * 60_000, now)).toBe('2 min. ago');
    expect(translatorFor('ko').relative(now - 2 * 60_000, now)).toBe('2분 전');
    expect(translatorFor('ko').relative(now - 5_000, now)).toBe('지금');
    expect(translatorFor('de').relative(now - 3 * 3_600_000, now)).toBe('vor 3 Std.');
  });

  test('lists join as each language joins them', () => {
    expect(translatorFor('en').list(['Alice', 'Bob', 'Carol'])).toBe('Alice, Bob, and Carol');
    expect(translatorFor('ko').list(['Alice', 'Bob', 'Carol'])).toBe('Alice, Bob 및 Carol');
    expect(translatorFor('de').list(['Alice', 'Bob'])).toBe('Alice und Bob');
  });
});
