import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, test } from 'vitest';
import { en, type MessageKey } from '../../../common/i18n/catalogues/en.ts';
import { PSEUDO_LANGUAGE, shippedLanguages, type Language } from '../../../common/i18n/languages.ts';
import { translatorFor } from '../../../common/i18n/translator.ts';
import { ar } from '../../../common/i18n/catalogues/ar.ts';
import { de } from '../../../common/i18n/catalogues/de.ts';
import { ja } from '../../../common/i18n/catalogues/ja.ts';
import { ko } from '../../../common/i18n/catalogues/ko.ts';
import { pseudo } from '../../../common/i18n/pseudo.ts';

const catalogues: Record<Language, Readonly<Record<string, string>>> = { en, ko, de, ja, ar, [PSEUDO_LANGUAGE]: pseudo() };
const keys = Object.keys(en) as MessageKey[];

/** The placeholders a message fills, with their kinds: `count:plural`, `name:argument`, `at:date`. */
function placeholdersOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if (element.type === TYPE.tag) {
      placeholdersOf(element.children, found);
      continue;
    }
    found.add(`${element.value}:${TYPE[element.type]}`);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) placeholdersOf(option.value, found);
    }
  }
  return found;
}

describe('the message catalogues', () => {
  test('every shipped language (and the pseudo-locale) has every key of the English catalogue, and no other', () => {
    for (const language of [...shippedLanguages, PSEUDO_LANGUAGE] as Language[]) {
      expect(Object.keys(catalogues[language]).sort(), language).toEqual([...keys].sort());
    }
  });

  test.each<Language>([...shippedLanguages, PSEUDO_LANGUAGE])('every %s message parses as ICU and fills the placeholders the English one does', (language) => {
    for (const key of keys) {
      const message = catalogues[language][key]!;
      expect(() => new IntlMessageFormat(message, language === PSEUDO_LANGUAGE ? 'en' : language), `${language} ${key}`).not.toThrow();
      expect([...placeholdersOf(parse(message))].sort(), `${language} ${key}`).toEqual([...placeholdersOf(parse(en[key]))].sort());
      expect(message.trim(), `${language} ${key} is empty`).not.toBe('');
    }
  });

  test.each(shippedLanguages.filter((language) => language !== 'en'))('%s translates: no message is the English text as it is, but names and codes', (language) => {
    // Messages that are the same in every language: a product name, a protocol term.
    const same = keys.filter((key) => catalogues[language][key] === en[key] && /[a-z]{3,}/.test(en[key].replace(/Mailtray|TLS|STARTTLS|IMAP|OAuth|Google|Microsoft|Naver|Daum|Kakao|Gmail|Outlook|\{[^}]*\}/g, '')));
    expect(same, `${language}: left in English`).toEqual([]);
  });

  test('the pseudo-locale accents every letter and keeps placeholders, so English that escaped the catalogues stands out', () => {
    const tr = translatorFor(PSEUDO_LANGUAGE);
    const text = tr.t('failure.reason.auth');
    expect(text).toMatch(/^\[ŀǿɠīƞ ƒȧīŀḗḓ ~+\]$/);
    expect(text).not.toMatch(/[a-z]/);
  });
});
