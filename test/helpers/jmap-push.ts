/**
 * The JMAP EventSource (RFC 8620 7.3) in front of a real Cyrus, for the push
 * tests. Cyrus serves its push stream only when built with wslay; Debian's
 * bookworm build is not, and its /jmap/eventsource/ answers 204 No Content
 * (tested as such: the source then polls). This stand-in serves the stream
 * the way Cyrus's own code does (http_jmap.c: every `jmap_pushpoll` it reads
 * the account's states and sends a StateChange when one moved, plus pings):
 * the states are Cyrus's real ones, read over JMAP with the client's own
 * credentials. Everything else is Cyrus's: the session it serves is Cyrus's
 * with the eventSourceUrl pointing here and the other URLs made absolute, so
 * API calls go straight to Cyrus.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JmapPush {
  /** http://127.0.0.1:<port>: its session is at /.well-known/jmap. */
  url: string;
  /** How many push streams were opened so far. */
  streamsOpened(): number;
  /** How many are open now. */
  streamsOpen(): number;
  /** Ends every open stream from the server's side, as a restart or a proxy's timeout would. */
  dropStreams(): void;
  stop(): Promise<void>;
}

export async function startJmapPush(cyrusUrl: string, options: { pollMs?: number } = {}): Promise<JmapPush> {
  const pollMs = options.pollMs ?? 100;
  const open = new Set<ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();
  let opened = 0;
  let self = '';

  const server = createServer((request, response) => {
    const authorization = request.headers.authorization ?? '';
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const cyrusSession = () => fetch(`${cyrusUrl}/.well-known/jmap`, { headers: { Authorization: authorization } });
    void (async () => {
      const session = await cyrusSession();
      if (!session.ok) {
        response.writeHead(session.status, { 'WWW-Authenticate': session.headers.get('www-authenticate') ?? 'Basic' }).end();
        return;
      }
      const body = await session.json() as Record<string, unknown> & { primaryAccounts: Record<string, string> };
      if (path === '/.well-known/jmap') {
        for (const key of ['apiUrl', 'downloadUrl', 'uploadUrl']) body[key] = `${cyrusUrl}${String(body[key])}`;
        body.eventSourceUrl = `${self}/eventsource/?types={types}&closeafter={closeafter}&ping={ping}`;
        response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
        return;
      }
      if (path !== '/eventsource/') {
        response.writeHead(404).end();
        return;
      }
      const query = new URL(request.url ?? '/', 'http://x').searchParams;
      const pingSeconds = Number(query.get('ping') ?? 0);
      const accountId = body.primaryAccounts['urn:ietf:params:jmap:mail']!;
      const states = async () => {
        const answer = await fetch(`${cyrusUrl}/jmap/`, {
          method: 'POST', headers: { Authorization: authorization, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            using: ['urn:ietf:params:jmap:core', 'urn:ietf:params:jmap:mail'],
            methodCalls: [['Mailbox/get', { accountId, ids: [] }, 'm'], ['Email/get', { accountId, ids: [] }, 'e']],
          }),
        });
        const { methodResponses } = await answer.json() as { methodResponses: Array<[string, { state: string }, string]> };
        return { Mailbox: methodResponses[0]![1].state, Email: methodResponses[1]![1].state };
      };
      // The states the stream starts from are read before the client sees it open: a change
      // made once it is open (the tests deliver after isPushed()) is then always one to send.
      let last = JSON.stringify(await states());
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      response.flushHeaders();
      opened += 1;
      open.add(response);
      let lastPing = Date.now();
      let busy = false;
      const timer = setInterval(() => {
        if (busy) return;
        busy = true;
        states().then((now) => {
          if (JSON.stringify(now) !== last) {
            last = JSON.stringify(now);
            response.write(`event: state\ndata: ${JSON.stringify({ '@type': 'StateChange', changed: { [accountId]: now } })}\n\n`);
          } else if (pingSeconds > 0 && Date.now() - lastPing >= pingSeconds * 1000) {
            lastPing = Date.now();
            response.write(`event: ping\ndata: {"interval":${pingSeconds}}\n\n`);
          }
        }, () => { /* Cyrus stopped: the stream stays open, as Cyrus's own would until it is killed */ }).finally(() => { busy = false; });
      }, pollMs);
      timers.add(timer);
      response.once('close', () => {
        clearInterval(timer);
        timers.delete(timer);
        open.delete(response);
      });
    })().catch(() => {
      if (!response.headersSent) response.writeHead(502).end();
      else response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: self,
    streamsOpened: () => opened,
    streamsOpen: () => open.size,
    dropStreams() {
      for (const response of open) response.destroy();
    },
    async stop() {
      for (const timer of timers) clearInterval(timer);
      for (const response of open) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
