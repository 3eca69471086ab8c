import axios, { type AxiosInstance } from 'axios';
import { because, type ConnectionReason } from '../../common/connection.ts';
import type { CountsAnswer } from '../../common/protocol.ts';
import { retryAfterMs } from '../../common/retry.ts';
import type { AnswerCut, MarkReadResult, MarkWhich } from '../ipc-contract.ts';
import { describeNetworkError, type NetworkProblem } from './network-error.ts';
import { answerBounds, readAnswer } from './read-answer.ts';
import { isThisMachine } from './server-label.ts';

/** A count server and the client token to watch it with. */
export interface ServerEndpoint {
  url: string;
  token: string;
}

export interface CountsRequest {
  since?: string | undefined;
  waitSeconds: number;
  signal: AbortSignal;
}

/** What one `GET /v1/counts` came to; never a rejection. */
export type PollOutcome =
  /** `cut`: what was left out of the answer to keep within `answerBounds`, when anything was. */
  | { kind: 'answer'; answer: CountsAnswer; cut?: AnswerCut }
  /** `serverSaid`: the server's own sentence, when it gave one. */
  | ({ kind: 'auth-failed'; serverSaid?: string } & ConnectionReason)
  | ({ kind: 'retry'; problem: NetworkProblem | 'status' | 'not-mailtray' | 'too-large'; retryAfterMs?: number; isCursorRefused?: boolean } & ConnectionReason)
  | { kind: 'aborted' };

export type RequestCounts = (endpoint: ServerEndpoint, request: CountsRequest) => Promise<PollOutcome>;

/** `requestCounts` over an axios instance (tests pass a real one against a real server). */
export function countsClient(http: AxiosInstance, now: () => number = Date.now): RequestCounts {
  return (endpoint, request) => requestCounts(http, endpoint, request, now);
}

export async function requestCounts(
  http: AxiosInstance, endpoint: ServerEndpoint, request: CountsRequest, now: () => number = Date.now,
): Promise<PollOutcome> {
  let response;
  try {
    const params: Record<string, string> = { wait: String(request.waitSeconds) };
    if (request.since !== undefined) params.since = request.since;
    response = await http.get<unknown>(countsUrl(endpoint.url), {
      params,
      headers: { Authorization: `Bearer ${endpoint.token}`, Accept: 'application/json' },
      signal: request.signal,
      validateStatus: () => true,
      responseType: 'json',
      // The poller abandons a held poll itself (wait + 15 s); axios must not cut it first.
      timeout: 0,
      maxRedirects: 0,
      // Read no further than this: a larger answer is refused, not taken into memory.
      maxContentLength: answerBounds.bodyBytes,
      // The bundled server is on this machine: a system proxy must not stand in between.
      ...(isLoopback(endpoint.url) ? { proxy: false as const } : {}),
    });
  } catch (error) {
    if (axios.isCancel(error) || request.signal.aborted) return { kind: 'aborted' };
    const err = error as { code?: string; message?: string };
    if (err.code === 'ERR_BAD_RESPONSE' && err.message?.startsWith('maxContentLength')) {
      return { kind: 'retry', problem: 'too-large', ...because('connection.reason.tooLarge', { size: answerBounds.bodyBytes / 1024 / 1024 }) };
    }
    const { problem, reason, reasonWords } = describeNetworkError(err.code, err.message ?? String(error));
    return { kind: 'retry', problem, reason, reasonWords };
  }

  const status = response.status;
  const message = errorMessage(response.data);
  if (status === 200) {
    const read = readAnswer(response.data);
    if (read) return read.cut ? { kind: 'answer', answer: read.answer, cut: read.cut } : { kind: 'answer', answer: read.answer };
    return { kind: 'retry', problem: 'not-mailtray', ...because('connection.reason.notMailtray') };
  }
  if (status === 401 || status === 403) {
    if (message !== undefined) return { kind: 'auth-failed', ...because('connection.reason.serverSaid', { message }), serverSaid: message };
    return { kind: 'auth-failed', ...because(status === 401 ? 'connection.reason.tokenUnknown' : 'connection.reason.tokenForbidden') };
  }
  const retryAfterHeader = response.headers['retry-after'] as string | undefined;
  const wait = retryAfterMs(retryAfterHeader, now());
  const outcome: PollOutcome = {
    kind: 'retry',
    problem: message === undefined && status === 404 ? 'not-mailtray' : 'status',
    // The status as digits, not a number the language groups ("1,234").
    ...(message === undefined
      ? because('connection.reason.httpStatus', { status: String(status) })
      : because('connection.reason.serverSaidStatus', { message, status: String(status) })),
    // A 400 here means the server refused our cursor: start over without one.
    ...(status === 400 ? { isCursorRefused: true } : {}),
  };
  if (wait !== undefined) outcome.retryAfterMs = wait;
  return outcome;
}

export function countsUrl(base: string): string {
  return `${base.replace(/\/+$/, '')}/v1/counts`;
}

function isLoopback(url: string): boolean {
  try {
    return isThisMachine(new URL(url).hostname);
  } catch {
    return false;
  }
}

function errorMessage(data: unknown): string | undefined {
  const error = (data as { error?: { message?: unknown } } | null)?.error;
  return typeof error?.message === 'string' ? error.message : undefined;
}

export type RequestMarkRead = (endpoint: ServerEndpoint, mailboxId: string, which: MarkWhich) => Promise<MarkReadResult>;

/** POST /v1/mailboxes/<id>/read; the count that drops comes back through the poll. Never a rejection. */
export function markReadClient(http: AxiosInstance): RequestMarkRead {
  return async (endpoint, mailboxId, which) => {
    const url = `${endpoint.url.replace(/\/+$/, '')}/v1/mailboxes/${encodeURIComponent(mailboxId)}/read`;
    try {
      const response = await http.post<unknown>(url, 'all' in which ? { all: true } : { messages: which.messageIds }, {
        headers: { Authorization: `Bearer ${endpoint.token}`, 'Content-Type': 'application/json' },
        validateStatus: () => true,
        responseType: 'json',
        timeout: 30_000,
        maxRedirects: 0,
        // The answer is `{"marked": n}`, or an error sentence.
        maxContentLength: 64 * 1024,
        ...(isLoopback(endpoint.url) ? { proxy: false as const } : {}),
      });
      const marked = (response.data as { marked?: unknown } | null)?.marked;
      if (response.status === 200 && typeof marked === 'number') return { ok: true, marked };
      const said = errorMessage(response.data);
      return {
        ok: false,
        message: said === undefined
          ? because('connection.reason.httpStatus', { status: String(response.status) }).reasonWords
          : because('connection.reason.other', { message: said }).reasonWords,
      };
    } catch (error) {
      const err = error as { code?: string; message?: string };
      return { ok: false, message: describeNetworkError(err.code, err.message ?? String(error)).reasonWords };
    }
  };
}
