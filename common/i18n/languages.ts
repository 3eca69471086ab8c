/**
 * The languages Mailtray ships, and which one a person gets: the setting's
 * choice, else the first of the system's preferred languages that Mailtray
 * speaks (a region or script falls back to its language: `ko-KR` is `ko`),
 * else English.
 */

export const shippedLanguages = ['en', 'ko', 'de', 'ja', 'ar'] as const;
/**
 * A pseudo-locale (accented, lengthened English) that developers and tests
 * choose by name to find text that escaped the catalogues; never picked
 * from the system and not offered in the settings.
 */
export const PSEUDO_LANGUAGE = 'en-XA';

export type ShippedLanguage = (typeof shippedLanguages)[number];
export type Language = ShippedLanguage | typeof PSEUDO_LANGUAGE;
/** The settings' value: follow the system, or one language. */
export type LanguageChoice = 'system' | Language;

/** Each language's name in itself, as the settings list it ("System (한국어)", "English", "한국어"). */
export const languageNames: Readonly<Record<Language, string>> = {
  en: 'English',
  ko: '한국어',
  de: 'Deutsch',
  ja: '日本語',
  ar: 'العربية',
  [PSEUDO_LANGUAGE]: 'Ƥşḗḗŭŭḓǿǿ',
};

const rightToLeft: ReadonlySet<Language> = new Set(['ar']);

/** The page's `dir` for a language. */
export function directionOf(language: Language): 'ltr' | 'rtl' {
  return rightToLeft.has(language) ? 'rtl' : 'ltr';
}

export function isLanguage(value: unknown): value is Language {
  return value === PSEUDO_LANGUAGE || (shippedLanguages as readonly unknown[]).includes(value);
}

export function isLanguageChoice(value: unknown): value is LanguageChoice {
  return value === 'system' || isLanguage(value);
}

/** The shipped language for one BCP 47 tag (`ko-KR`, `de_AT`, `ar-EG`), if Mailtray speaks it. */
export function shippedLanguageOf(tag: string): ShippedLanguage | undefined {
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  return shippedLanguages.find((language) => language === base);
}

/** The system's language as Mailtray speaks it: the first preferred one shipped, else English. */
export function systemLanguage(preferred: readonly string[]): ShippedLanguage {
  for (const tag of preferred) {
    const language = shippedLanguageOf(tag);
    if (language) return language;
  }
  return 'en';
}

/** The language to speak: the setting's choice, or the system's. */
export function chooseLanguage(choice: LanguageChoice, preferred: readonly string[]): Language {
  return choice === 'system' ? systemLanguage(preferred) : choice;
}
