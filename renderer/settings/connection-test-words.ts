import type { MessageKey } from '../../common/i18n/catalogues/en.ts';
import type { Translator, Words } from '../../common/i18n/translator.ts';
import type { ConnectionTestResult } from '../../main/ipc-contract.ts';
import { currentWords } from '../words.ts';

export interface TestOutcome {
  ok: boolean;
  /** What happened, in a person's words. */
  headline: string;
  /** Main's own sentence, when it adds something to the headline. */
  detail?: string;
}

const headlines: Record<Exclude<ConnectionTestResult, { ok: true }>['problem'], MessageKey> = {
  'invalid-url': 'settings.test.invalidUrl',
  'no-token': 'settings.test.noToken',
  dns: 'settings.test.dns',
  refused: 'settings.test.refused',
  tls: 'settings.test.tls',
  'plain-http': 'settings.test.plainHttp',
  auth: 'settings.test.auth',
  'not-mailtray': 'settings.test.notMailtray',
  timeout: 'settings.test.timeout',
  other: 'settings.test.other',
};

/** The Test connection button's headline for main's answer, as words to show (and re-word on a language change). */
export function connectionTestHeadline(result: ConnectionTestResult): Words {
  return result.ok ? { key: 'settings.test.ok', values: { count: result.mailboxes } } : { key: headlines[result.problem] };
}

/** What the Test connection button reports for main's answer; the detail line never repeats the headline. */
export function connectionTestOutcome(result: ConnectionTestResult, words: Translator = currentWords()): TestOutcome {
  const headline = words.say(connectionTestHeadline(result));
  const detail = result.ok || result.message === undefined ? '' : capitalised(words.say(result.message).trim(), words);
  return detail === '' || repeats(detail, headline) ? { ok: result.ok, headline } : { ok: result.ok, headline, detail };
}

/** A detail line starts with a capital, as a sentence does, where the language has them. */
function capitalised(text: string, words: Translator): string {
  return text.charAt(0).toLocaleUpperCase(words.locale) + text.slice(1);
}

/** Whether `detail` says nothing the headline does not: all its words are in it. */
function repeats(detail: string, headline: string): boolean {
  const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const said = new Set(words(headline));
  return words(detail).every((word) => said.has(word));
}
