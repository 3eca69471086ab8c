import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';
import { en, type Catalogue, type MessageKey } from './catalogues/en.ts';

/**
 * The pseudo-locale: English with every letter accented and each message
 * lengthened by about a third inside brackets, `[Ŏƥḗƞ Ḿȧīŀŧřȧẏ ~~~~]`.
 * Text that escaped the catalogues shows up as plain English beside it, and a
 * layout that only fits English words shows up cut. Placeholders, plural
 * cases and tags keep their ICU syntax.
 */

const accented: Readonly<Record<string, string>> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter, i) => [
    letter,
    [...'ȧƀƈḓḗƒɠħīĵķŀḿƞǿƥɋřşŧŭṽẇẋẏẑȦƁƇḒḖƑƓĦĪĴĶĿḾȠǾƤɊŘŞŦŬṼẆẊẎẐ'][i]!,
  ]),
);

function accentText(text: string): string {
  return [...text].map((char) => accented[char] ?? char).join('');
}

function accentElements(elements: MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element) => {
    switch (element.type) {
      case TYPE.literal:
        return { ...element, value: accentText(element.value) };
      case TYPE.plural:
      case TYPE.select:
        return {
          ...element,
          options: Object.fromEntries(
            Object.entries(element.options).map(([key, option]) => [key, { ...option, value: accentElements(option.value) }]),
          ),
        };
      case TYPE.tag:
        return { ...element, children: accentElements(element.children) };
      default:
        return element;
    }
  });
}

/** One English message in the pseudo-locale. */
export function pseudoMessage(message: string): string {
  const printed = printAST(accentElements(parse(message)));
  const padding = '~'.repeat(Math.max(1, Math.round(message.length / 3)));
  return `[${printed} ${padding}]`;
}

let pseudoCatalogue: Catalogue | undefined;

/** The whole pseudo catalogue, made from English once. */
export function pseudo(): Catalogue {
  pseudoCatalogue ??= Object.fromEntries(
    (Object.keys(en) as MessageKey[]).map((key) => [key, pseudoMessage(en[key])]),
  ) as Record<MessageKey, string>;
  return pseudoCatalogue;
}
