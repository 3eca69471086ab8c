import type { MessageKey } from '../common/i18n/catalogues/en.ts';
import type { Language } from '../common/i18n/languages.ts';
import { translatorFor, type MessageValues, type Translator, type Words } from '../common/i18n/translator.ts';

/**
 * The window's language: one current translator for every part of the
 * window. Main chooses the language (the setting, else the system's) and
 * sends it with the state; `speak` switches to it at once, with no reload.
 *
 * Texts that are drawn again on every tick (counts, "2 min ago") ask
 * `currentWords()` when they are drawn. Texts set once (labels, buttons,
 * hints, a result that stays until the next one) are set with `worded`,
 * which remembers the message so `speak` can word them again in place: a
 * half-typed settings form keeps what was typed and where the focus was.
 */

let current: Translator = translatorFor('en');

export function currentWords(): Translator {
  return current;
}

const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

/**
 * In a right-to-left language, every text value (a mailbox name, a host, an
 * address, a server's sentence) goes into the message isolated (FSI ... PDI),
 * so "mail.example.com" or "Work 2" keeps its own order inside an Arabic
 * sentence and does not drag the punctuation around it along.
 */
function isolating(translator: Translator): Translator {
  if (translator.dir === 'ltr') return translator;
  const isolate = (values?: MessageValues): MessageValues | undefined => values && Object.fromEntries(
    Object.entries(values).map(([name, value]) =>
      [name, typeof value === 'string' ? `${FIRST_STRONG_ISOLATE}${value}${POP_DIRECTIONAL_ISOLATE}` : value]));
  const t: Translator['t'] = (key, values) => translator.t(key, isolate(values));
  return { ...translator, t, say: (words) => t(words.key, words.values) };
}

type Target = 'text' | 'aria-label' | 'title' | 'placeholder';

const wordings = new WeakMap<Element, Map<Target, Words>>();
// Every worded element, attached or not yet (a settings section drawn before it is shown): held
// weakly, so an element the window drops is forgotten.
const everyWorded = new Set<WeakRef<Element>>();

function apply(element: Element, target: Target, words: Words): void {
  const text = current.say(words);
  if (target !== 'text') element.setAttribute(target, text);
  else if (element.textContent !== text) element.textContent = text;
}

/**
 * Sets an element's text (or one of its attributes a person reads) to a
 * catalogue message, now and after every language change. The element's
 * text must not be set any other way afterwards.
 */
export function worded<E extends Element>(element: E, key: MessageKey, values?: MessageValues, target: Target = 'text'): E {
  return wordedAs(element, values === undefined ? { key } : { key, values }, target);
}

/** The same for words made elsewhere (main sends a result as `Words`). */
export function wordedAs<E extends Element>(element: E, words: Words, target: Target = 'text'): E {
  let targets = wordings.get(element);
  if (!targets) {
    targets = new Map();
    wordings.set(element, targets);
    everyWorded.add(new WeakRef(element));
  }
  targets.set(target, words);
  apply(element, target, words);
  return element;
}

/** Sets the page to `language`: `lang`, `dir`, and every worded element. False when it spoke it already. */
export function speak(language: Language): boolean {
  if (language === current.language) return false;
  current = isolating(translatorFor(language));
  const html = document.documentElement;
  html.lang = current.locale;
  html.dir = current.dir;
  for (const reference of everyWorded) {
    const element = reference.deref();
    if (element === undefined) everyWorded.delete(reference);
    else for (const [target, words] of wordings.get(element) ?? []) apply(element, target, words);
  }
  return true;
}

/** Sets text that is not the catalogue's (a server's sentence) where worded text was: it stays as it is on a language change. */
export function unworded(element: Element, text: string): void {
  wordings.get(element)?.delete('text');
  if (element.textContent !== text) element.textContent = text;
}
