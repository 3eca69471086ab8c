import { translatorFor, type Translator } from '../common/i18n/translator.ts';

/**
 * The window's translator, from one place: texts main sends as `Words` (a
 * check's message, a test's result) are worded with it. English until the
 * window follows the app's language (the i18n/window branch owns this file
 * and replaces it).
 */
export function currentWords(): Translator {
  return translatorFor('en');
}
