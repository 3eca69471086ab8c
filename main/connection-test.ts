import type { Timers } from '../common/timers.ts';
import type { RequestCounts } from './counts-client.ts';
import type { ConnectionTestProblem, ConnectionTestResult } from './ipc-contract.ts';
import { serverUrlProblem } from './settings/check-input.ts';

/** One real `GET /v1/counts` (wait=0) against a server the user typed in, in words for the form. */
export async function testConnection(
  requestCounts: RequestCounts, server: { url: string; token: string }, timers: Timers, timeoutMs = 10_000,
): Promise<ConnectionTestResult> {
  const urlProblem = serverUrlProblem(server.url);
  if (urlProblem) return { ok: false, problem: 'invalid-url', message: urlProblem };
  if (server.token === '') return { ok: false, problem: 'auth', message: 'enter the token the server\'s admin gave you' };
  const abort = new AbortController();
  const cancelTimeout = timers.after(timeoutMs, () => abort.abort());
  const outcome = await requestCounts({ url: server.url.trim(), token: server.token }, { waitSeconds: 0, signal: abort.signal });
  cancelTimeout();
  switch (outcome.kind) {
    case 'answer': {
      const n = outcome.answer.mailboxes.length;
      return { ok: true, mailboxes: n, message: `Connected: this token sees ${n} mailbox${n === 1 ? '' : 'es'}` };
    }
    case 'auth-failed':
      return { ok: false, problem: 'auth', message: `The server refused the token: ${outcome.reason}` };
    case 'aborted':
      return { ok: false, problem: 'timeout', message: `No answer within ${Math.round(timeoutMs / 1000)} s` };
    case 'retry': {
      const problems: Record<typeof outcome.problem, ConnectionTestProblem> = {
        dns: 'dns', refused: 'refused', tls: 'tls', timeout: 'timeout', 'not-mailtray': 'not-mailtray',
        reset: 'other', offline: 'other', other: 'other', status: 'other',
      };
      return { ok: false, problem: problems[outcome.problem], message: capitalised(outcome.reason) };
    }
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
