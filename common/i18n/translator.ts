import { IntlMessageFormat } from 'intl-messageformat';
import { ar } from './catalogues/ar.ts';
import { de } from './catalogues/de.ts';
import { en, type Catalogue, type MessageKey } from './catalogues/en.ts';
import { ja } from './catalogues/ja.ts';
import { ko } from './catalogues/ko.ts';
import { directionOf, PSEUDO_LANGUAGE, type Language } from './languages.ts';
import { pseudo } from './pseudo.ts';

/**
 * Words in the person's language: the catalogue's messages (ICU
 * MessageFormat, through intl-messageformat) and `Intl` for times, relative
 * times, lists and numbers. Built once per language; main and the window
 * each make their own from the language main chose.
 */
export interface Translator {
  readonly language: Language;
  /** The BCP 47 tag `Intl` and the page's `lang` get (`en-XA` formats as English). */
  readonly locale: string;
  readonly dir: 'ltr' | 'rtl';
  /** The catalogue's message for `key`, its placeholders filled. */
  t(key: MessageKey, values?: MessageValues): string;
  /** The same for a text another process made: `t(words.key, words.values)`. */
  say(words: Words): string;
  /** A moment as the tray and the window show it: the time on the day of `now`, with the weekday on another day. */
  clock(at: number, now: number): string;
  /** "2 min ago", "in 5 min", "now". */
  relative(at: number, now: number): string;
  /** "Alice, Bob and Carol". */
  list(items: readonly string[]): string;
  number(value: number): string;
}

export type MessageValues = Readonly<Record<string, string | number | boolean>>;

/**
 * A text one process makes for another to show (main for the window: a check's
 * message, a test's result), sent as its catalogue key and values so that the
 * showing side words it in the language it speaks now, and words it again
 * when the language changes. Values are plain: times go as epoch milliseconds.
 */
export interface Words {
  key: MessageKey;
  values?: MessageValues;
}

const catalogues: Readonly<Record<Exclude<Language, typeof PSEUDO_LANGUAGE>, Catalogue>> = { en, ko, de, ja, ar };

function catalogueOf(language: Language): Catalogue {
  return language === PSEUDO_LANGUAGE ? pseudo() : catalogues[language];
}

export interface TranslatorOptions {
  /** Tests fix the time zone; the app leaves it to the system. */
  timeZone?: string;
}

const made = new Map<string, Translator>();

/** The translator for `language` (one per language and time zone, made on first use). */
export function translatorFor(language: Language, options: TranslatorOptions = {}): Translator {
  const cacheKey = `${language} ${options.timeZone ?? ''}`;
  let translator = made.get(cacheKey);
  if (!translator) {
    translator = makeTranslator(language, options);
    made.set(cacheKey, translator);
  }
  return translator;
}

function makeTranslator(language: Language, { timeZone }: TranslatorOptions): Translator {
  const locale = language;
  // `en-XA` is not a locale `Intl` knows data for; it formats as English.
  const intlLocale = language === PSEUDO_LANGUAGE ? 'en' : language;
  const catalogue = catalogueOf(language);
  const formats = new Map<MessageKey, IntlMessageFormat>();
  const zone = timeZone === undefined ? {} : { timeZone };
  const timeOfDay = new Intl.DateTimeFormat(intlLocale, { hour: 'numeric', minute: '2-digit', ...zone });
  const dayAndTime = new Intl.DateTimeFormat(intlLocale, { weekday: 'short', hour: 'numeric', minute: '2-digit', ...zone });
  const dayOf = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...zone });
  const relativeTime = new Intl.RelativeTimeFormat(intlLocale, { numeric: 'auto', style: 'short' });
  const conjunction = new Intl.ListFormat(intlLocale, { type: 'conjunction' });
  const numbers = new Intl.NumberFormat(intlLocale);

  const t = (key: MessageKey, values?: MessageValues): string => {
    let format = formats.get(key);
    if (!format) {
      format = new IntlMessageFormat(catalogue[key], intlLocale, undefined, { ignoreTag: true });
      formats.set(key, format);
    }
    return String(format.format(values));
  };

  return {
    language,
    locale,
    dir: directionOf(language),
    t,
    say: (words) => t(words.key, words.values),
    clock(at, now) {
      const sameDay = dayOf.format(at) === dayOf.format(now);
      return (sameDay ? timeOfDay : dayAndTime).format(at);
    },
    relative(at, now) {
      const seconds = Math.round((at - now) / 1000);
      const size = Math.abs(seconds);
      if (size < 45) return relativeTime.format(0, 'second');
      if (size < 45 * 60) return relativeTime.format(Math.round(seconds / 60), 'minute');
      if (size < 22 * 3600) return relativeTime.format(Math.round(seconds / 3600), 'hour');
      return relativeTime.format(Math.round(seconds / 86_400), 'day');
    },
    list(items) {
      return conjunction.format(items);
    },
    number(value) {
      return numbers.format(value);
    },
  };
}
