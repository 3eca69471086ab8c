import type { ConnectionTestResult } from '../main/ipc-contract.ts';

export interface TestOutcome {
  ok: boolean;
  /** What happened, in a person's words. */
  headline: string;
  /** Main's own sentence, when it adds something to the headline. */
  detail?: string;
}

const headlines: Record<Exclude<ConnectionTestResult, { ok: true }>['problem'], string> = {
  'invalid-url': 'That address cannot be used.',
  dns: 'Cannot resolve the host: check the address.',
  refused: 'Connection refused: nothing answers at that address and port.',
  tls: 'TLS certificate problem: the connection is not safe.',
  auth: 'Token rejected: check the token.',
  'not-mailtray': 'Not a Mailtray server: something answered, but not Mailtray.',
  timeout: 'Timed out: the server did not answer in time.',
  other: 'The test failed.',
};

/** What the Test connection button reports for main's answer. */
export function connectionTestOutcome(result: ConnectionTestResult): TestOutcome {
  const headline = result.ok
    ? `OK: a Mailtray server with ${result.mailboxes} ${result.mailboxes === 1 ? 'mailbox' : 'mailboxes'} for this token.`
    : headlines[result.problem];
  const detail = result.message.trim();
  return detail === '' || detail === headline ? { ok: result.ok, headline } : { ok: result.ok, headline, detail };
}
