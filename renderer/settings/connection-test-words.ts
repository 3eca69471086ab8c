import type { ConnectionTestResult } from '../../main/ipc-contract.ts';
import { currentWords } from '../words.ts';

export interface TestOutcome {
  ok: boolean;
  /** What happened, in a person's words. */
  headline: string;
  /** Main's own sentence, when it adds something to the headline. */
  detail?: string;
}

const headlines: Record<Exclude<ConnectionTestResult, { ok: true }>['problem'], string> = {
  'invalid-url': 'That address cannot be used.',
  'no-token': "No token entered: type the token the server's operator gave you.",
  dns: 'Cannot resolve the host: check the address.',
  refused: 'Connection refused: nothing answers at that address and port.',
  tls: 'TLS certificate problem: the connection is not safe.',
  'plain-http': 'This server speaks HTTP, not HTTPS: use an http:// address, or ask its operator for HTTPS.',
  auth: 'Token rejected: check the token.',
  'not-mailtray': 'Not a Mailtray server: something answered, but not Mailtray.',
  timeout: 'Timed out: the server did not answer in time.',
  other: 'The test failed.',
};

/** What the Test connection button reports for main's answer; the detail line never repeats the headline. */
export function connectionTestOutcome(result: ConnectionTestResult): TestOutcome {
  const headline = result.ok
    ? `OK: a Mailtray server with ${result.mailboxes} ${result.mailboxes === 1 ? 'mailbox' : 'mailboxes'} for this token.`
    : headlines[result.problem];
  const detail = result.ok || result.message === undefined ? '' : capitalised(currentWords().say(result.message).trim());
  return detail === '' || repeats(detail, headline) ? { ok: result.ok, headline } : { ok: result.ok, headline, detail };
}

/** A detail line starts with a capital, as a sentence does, where the language has them. */
function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase(currentWords().locale) + text.slice(1);
}

/** Whether `detail` says nothing the headline does not: all its words are in it. */
function repeats(detail: string, headline: string): boolean {
  const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const said = new Set(words(headline));
  return words(detail).every((word) => said.has(word));
}
