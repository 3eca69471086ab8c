import type { Timers } from '../../common/timers.ts';
import type { RequestCounts } from './counts-client.ts';
import type { ConnectionTestProblem, ConnectionTestResult } from '../ipc-contract.ts';
import { serverUrlProblem } from '../settings/check-input.ts';

/**
 * One real `GET /v1/counts` (wait=0) against a server the user typed in. The
 * window words the headline from the problem; `message` carries only what
 * the headline cannot know (which TLS problem, the server's own words, an
 * HTTP status), as `Words` the window says in its language, so the two lines
 * never say the same thing twice.
 */
export async function testConnection(
  requestCounts: RequestCounts, server: { url: string; token: string }, timers: Timers, timeoutMs = 10_000,
): Promise<ConnectionTestResult> {
  const urlProblem = serverUrlProblem(server.url);
  if (urlProblem) return { ok: false, problem: 'invalid-url', message: urlProblem };
  if (server.token.trim() === '') return { ok: false, problem: 'no-token' };
  const abort = new AbortController();
  const cancelTimeout = timers.after(timeoutMs, () => abort.abort());
  const outcome = await requestCounts({ url: server.url.trim(), token: server.token }, { waitSeconds: 0, signal: abort.signal });
  cancelTimeout();
  switch (outcome.kind) {
    case 'answer':
      return { ok: true, mailboxes: outcome.answer.mailboxes.length };
    case 'auth-failed':
      return outcome.serverSaid === undefined
        ? { ok: false, problem: 'auth' }
        : { ok: false, problem: 'auth', message: { key: 'check.connection.serverSaid', values: { words: outcome.serverSaid } } };
    case 'aborted':
      return { ok: false, problem: 'timeout' };
    case 'retry': {
      const problems: Record<typeof outcome.problem, ConnectionTestProblem> = {
        dns: 'dns', refused: 'refused', tls: 'tls', 'plain-http': 'plain-http', timeout: 'timeout', 'not-mailtray': 'not-mailtray',
        reset: 'other', offline: 'other', other: 'other', status: 'other', 'too-large': 'other',
      };
      const problem = problems[outcome.problem];
      // Say more only where the kind alone leaves something out: which TLS problem, what the server answered.
      const adds = problem === 'tls' || problem === 'other' || outcome.problem === 'status';
      return adds && outcome.reasonWords ? { ok: false, problem, message: outcome.reasonWords } : { ok: false, problem };
    }
  }
}
