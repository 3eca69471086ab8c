/**
 * Microsoft Graph's mail API as its documentation describes it, for the Graph
 * source's tests: Graph itself cannot run here. A real HTTP server on
 * 127.0.0.1, port 0, serving `/v1.0/me/...` for one mailbox:
 *
 * - `GET /me/mailFolders/{id | well-known name}`, `GET /me/mailFolders?$filter=displayName eq '...'`
 *   and `.../childFolders?$filter=...`: folders with their `unreadItemCount`.
 * - `GET /me/mailFolders/{id}/messages/delta`: pages of `Prefer: odata.maxpagesize` messages
 *   linked by `@odata.nextLink`, the last with an `@odata.deltaLink` whose next round holds only
 *   what changed since, messages gone from the folder as `@removed`; the only filter is
 *   `receivedDateTime ge`, as documented for messages. A delta token from before `loseSyncState()`
 *   is answered 410 Gone, `syncStateNotFound`.
 * - `GET /me/mailFolders/{id}/messages?$filter=isRead eq false&$select=id&$top=n` with nextLink paging.
 * - `PATCH /me/messages/{id}` `{"isRead": true}`; 404 `ErrorItemNotFound` for one it does not have.
 * - Every request needs `Authorization: Bearer <token>` that `acceptToken` accepts, else 401
 *   `InvalidAuthenticationToken`; `expireTokensSoFar()` makes every token seen so far expire.
 * - `throttle(n, status, retryAfterSeconds)`: the next n requests are 429 (or 503) with `Retry-After`.
 *
 * It records every request (method, path, query, Prefer, token) for the tests to assert on.
 * https://learn.microsoft.com/graph/delta-query-messages, /graph/throttling, /graph/errors.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface GraphRequest {
  method: string;
  /** Under /v1.0, decoded, without the query: `/me/mailFolders/inbox`. */
  path: string;
  query: Record<string, string>;
  prefer: string | undefined;
  token: string | undefined;
  /** What it was answered. */
  status: number;
}

interface Folder {
  id: string;
  displayName: string;
  wellKnownName?: string;
  parentId: string | undefined;
}

interface Message {
  id: string;
  folderId: string;
  subject: string;
  from: { name: string; address: string };
  receivedDateTime: string;
  isRead: boolean;
  /** The change number of its last change (arrival, read, move). */
  changedAt: number;
}

/** A message that left a folder (deleted, or moved away), for that folder's delta rounds. */
interface Departure {
  id: string;
  folderId: string;
  changedAt: number;
}

export interface GraphStandInOptions {
  /** Whether Graph takes this bearer token (a real authorization server's introspection, in the tests). */
  acceptToken?: (token: string) => boolean | Promise<boolean>;
}

export interface NewMessage {
  from: string;
  name?: string;
  subject: string;
  receivedDateTime: string;
  isRead?: boolean;
}

export interface GraphStandIn {
  /** The root as a graph source's `graphUrl` takes it: `http://127.0.0.1:<port>/v1.0`. */
  graphUrl: string;
  requests: GraphRequest[];
  /** Adds a folder (top level unless `parent` names one's id); returns its id. */
  addFolder(displayName: string, options?: { wellKnownName?: string; parent?: string }): string;
  /** The id of the folder with that well-known name. */
  folderId(wellKnownName: string): string;
  /** Mail arrives; returns the message's id. */
  deliver(folderId: string, message: NewMessage): string;
  /** The user reads it in Outlook. */
  readElsewhere(messageId: string): void;
  /** Deleted for good, or moved to another folder. */
  remove(messageId: string): void;
  move(messageId: string, folderId: string): void;
  isRead(messageId: string): boolean;
  /** Every delta token handed out so far answers 410 `syncStateNotFound` from now on. */
  loseSyncState(): void;
  /** Every token seen so far is refused from now on (it "expired" early, as Graph may say). */
  expireTokensSoFar(): void;
  throttle(times: number, status: 429 | 503, retryAfterSeconds: number | undefined): void;
  stop(): Promise<void>;
}

const ROOT = '/v1.0';
const graphId = () => `AAMkAGI2${randomBytes(33).toString('base64url')}AAA=`;

export async function startGraphStandIn(options: GraphStandInOptions = {}): Promise<GraphStandIn> {
  const folders = new Map<string, Folder>();
  const messages = new Map<string, Message>();
  const departures: Departure[] = [];
  const requests: GraphRequest[] = [];
  const seenTokens = new Set<string>();
  const expiredTokens = new Set<string>();
  let changes = 0;
  /** Delta tokens carry the era they were made in; losing the sync state starts a new one. */
  let era = 1;
  let throttles: { times: number; status: number; retryAfterSeconds: number | undefined } = { times: 0, status: 429, retryAfterSeconds: undefined };

  const addFolder: GraphStandIn['addFolder'] = (displayName, folderOptions = {}) => {
    const id = graphId();
    const folder: Folder = { id, displayName, parentId: folderOptions.parent };
    if (folderOptions.wellKnownName) folder.wellKnownName = folderOptions.wellKnownName;
    folders.set(id, folder);
    return id;
  };
  addFolder('Inbox', { wellKnownName: 'inbox' });
  addFolder('Archive', { wellKnownName: 'archive' });
  addFolder('Junk Email', { wellKnownName: 'junkemail' });

  const server: Server = createServer((request, response) => {
    void answer(request, response).catch((error: unknown) => send(response, 500, { error: { code: 'generalException', message: String(error) } }));
  });

  function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
    response.end(text);
  }

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const auth = request.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
    // Prefer may come as several headers: one list (RFC 7240).
    const prefer = [request.headers.prefer ?? []].flat().join(', ') || undefined;
    const record: GraphRequest = { method: request.method ?? '', path: decodeURIComponent(url.pathname.slice(ROOT.length)), query, prefer, token, status: 0 };
    requests.push(record);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      send(response, status, body, headers);
    };
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);

    if (!token || expiredTokens.has(token) || !(await (options.acceptToken ?? (() => true))(token))) {
      reply(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired or is not yet valid.' } },
        { 'WWW-Authenticate': 'Bearer realm="", error="invalid_token"' });
      return;
    }
    seenTokens.add(token);
    if (throttles.times > 0) {
      throttles.times -= 1;
      const headers: Record<string, string> = throttles.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(throttles.retryAfterSeconds) };
      const code = throttles.status === 429 ? 'TooManyRequests' : 'ServiceNotAvailable';
      reply(throttles.status, { error: { code, message: 'Application is over its MailboxConcurrency limit.' } }, headers);
      return;
    }
    if (!url.pathname.startsWith(`${ROOT}/me/`)) {
      reply(400, { error: { code: 'BadRequest', message: 'Resource not found for the segment.' } });
      return;
    }
    const parts = url.pathname.slice(`${ROOT}/me/`.length).split('/').map(decodeURIComponent);
    const base = `http://${request.headers.host}${ROOT}`;

    if (request.method === 'PATCH' && parts[0] === 'messages' && parts.length === 2) {
      const message = messages.get(parts[1]!);
      if (!message) {
        reply(404, { error: { code: 'ErrorItemNotFound', message: 'The specified object was not found in the store.' } });
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { isRead?: unknown };
      if (typeof body.isRead === 'boolean' && body.isRead !== message.isRead) {
        message.isRead = body.isRead;
        message.changedAt = ++changes;
      }
      reply(200, messageJson(message));
      return;
    }
    if (request.method !== 'GET' || parts[0] !== 'mailFolders') {
      reply(405, { error: { code: 'ErrorInvalidRequest', message: 'The OData request is not supported.' } });
      return;
    }
    if (parts.length === 1) {
      reply(200, { value: foldersNamed(undefined, query.$filter) });
      return;
    }
    const folder = findFolder(parts[1]!);
    if (!folder) {
      reply(404, { error: { code: 'ErrorInvalidIdMalformed', message: 'Id is malformed.' } });
      return;
    }
    if (parts.length === 2) {
      reply(200, folderJson(folder));
      return;
    }
    if (parts.length === 3 && parts[2] === 'childFolders') {
      reply(200, { value: foldersNamed(folder.id, query.$filter) });
      return;
    }
    if (parts.length === 4 && parts[2] === 'messages' && parts[3] === 'delta') {
      const page = deltaPage(folder, query, prefer, base);
      if (page === 'gone') {
        reply(410, { error: { code: 'syncStateNotFound', message: 'The sync state generation is not found.' } });
        return;
      }
      reply(200, page);
      return;
    }
    if (parts.length === 3 && parts[2] === 'messages') {
      if (query.$filter !== 'isRead eq false') {
        reply(400, { error: { code: 'ErrorInvalidUrlQueryFilter', message: 'The stand-in knows only isRead eq false.' } });
        return;
      }
      const unread = [...messages.values()].filter((m) => m.folderId === folder.id && !m.isRead).sort(newestFirst);
      const top = Number(query.$top ?? 10);
      const skip = Number(query.$skip ?? 0);
      const page: Record<string, unknown> = { value: unread.slice(skip, skip + top).map((m) => ({ id: m.id })) };
      if (skip + top < unread.length) {
        page['@odata.nextLink'] = `${base}/me/mailFolders/${folder.id}/messages?${new URLSearchParams({ ...query, $skip: String(skip + top) })}`;
      }
      reply(200, page);
      return;
    }
    reply(400, { error: { code: 'BadRequest', message: 'Unsupported segment.' } });
  }

  function findFolder(idOrName: string): Folder | undefined {
    return folders.get(idOrName) ?? [...folders.values()].find((f) => f.wellKnownName === idOrName.toLowerCase());
  }

  /** `displayName eq 'It''s'`, the one filter the Graph source sends for folders. */
  function foldersNamed(parentId: string | undefined, filter: string | undefined): unknown[] {
    const wanted = filter === undefined ? undefined : /^displayName eq '((?:[^']|'')*)'$/.exec(filter)?.[1]?.replaceAll("''", "'");
    return [...folders.values()]
      .filter((f) => f.parentId === parentId && (wanted === undefined || f.displayName.toLowerCase() === wanted.toLowerCase()))
      .map(folderJson);
  }

  function folderJson(folder: Folder): Record<string, unknown> {
    const inFolder = [...messages.values()].filter((m) => m.folderId === folder.id);
    return {
      id: folder.id, displayName: folder.displayName, parentFolderId: folder.parentId ?? 'root',
      childFolderCount: [...folders.values()].filter((f) => f.parentId === folder.id).length,
      unreadItemCount: inFolder.filter((m) => !m.isRead).length, totalItemCount: inFolder.length,
    };
  }

  function messageJson(message: Message): Record<string, unknown> {
    return {
      '@odata.type': '#microsoft.graph.message', id: message.id, receivedDateTime: message.receivedDateTime, subject: message.subject,
      isRead: message.isRead, from: { emailAddress: { name: message.from.name, address: message.from.address } },
    };
  }

  /**
   * One page of a delta round. A round's state travels in its links, as Graph's opaque tokens do:
   * `$skiptoken` = era.since.upTo.offset.filterTime, `$deltatoken` = era.since.filterTime.
   */
  function deltaPage(folder: Folder, query: Record<string, string>, prefer: string | undefined, base: string): Record<string, unknown> | 'gone' {
    let since = 0;
    let upTo = changes;
    let offset = 0;
    let filterFrom = '';
    const token = query.$skiptoken ?? query.$deltatoken;
    if (token !== undefined) {
      const fields = token.split('.');
      if (Number(fields[0]) !== era) return 'gone';
      since = Number(fields[1]);
      if (query.$skiptoken !== undefined) {
        upTo = Number(fields[2]);
        offset = Number(fields[3]);
        filterFrom = fields[4] ?? '';
      } else {
        filterFrom = fields[2] ?? '';
      }
    } else {
      const filter = query.$filter === undefined ? undefined : /^receivedDateTime ge (\S+)$/.exec(query.$filter);
      if (query.$filter !== undefined && !filter) return 'gone';
      filterFrom = filter?.[1] ?? '';
    }
    const inWindow = (m: Message) => filterFrom === '' || Date.parse(m.receivedDateTime) >= Date.parse(filterFrom);
    // A first round (since 0): every message in the folder; a later one: what changed in (since, upTo], gone ones as @removed.
    const present = [...messages.values()]
      .filter((m) => m.folderId === folder.id && inWindow(m) && m.changedAt > since && m.changedAt <= upTo)
      .sort(newestFirst).map(messageJson);
    const gone = since === 0 ? [] : departures
      .filter((d) => d.folderId === folder.id && d.changedAt > since && d.changedAt <= upTo && messages.get(d.id)?.folderId !== folder.id)
      .map((d) => ({ '@odata.type': '#microsoft.graph.message', id: d.id, '@removed': { reason: 'deleted' } }));
    const items = [...present, ...gone];
    // Graph's default page for messages is 10; odata.maxpagesize asks for another.
    const size = Number(/odata\.maxpagesize=(\d+)/.exec(prefer ?? '')?.[1] ?? 10);
    const page: Record<string, unknown> = { value: items.slice(offset, offset + size) };
    const link = (params: Record<string, string>) => `${base}/me/mailFolders/${folder.id}/messages/delta?${new URLSearchParams(params)}`;
    if (offset + size < items.length) page['@odata.nextLink'] = link({ $skiptoken: `${era}.${since}.${upTo}.${offset + size}.${filterFrom}` });
    else page['@odata.deltaLink'] = link({ $deltatoken: `${era}.${upTo}.${filterFrom}` });
    return page;
  }

  function newestFirst(a: Message, b: Message): number {
    return b.receivedDateTime.localeCompare(a.receivedDateTime);
  }

  function leave(message: Message): void {
    message.changedAt = ++changes;
    departures.push({ id: message.id, folderId: message.folderId, changedAt: message.changedAt });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const known = (id: string) => {
    const message = messages.get(id);
    if (!message) throw new Error(`the stand-in has no message ${id}`);
    return message;
  };

  return {
    graphUrl: `http://127.0.0.1:${port}${ROOT}`,
    requests,
    addFolder,
    folderId: (wellKnownName) => findFolder(wellKnownName)!.id,
    deliver(folderId, message) {
      const id = graphId();
      messages.set(id, {
        id, folderId, subject: message.subject, from: { name: message.name ?? '', address: message.from },
        receivedDateTime: message.receivedDateTime, isRead: message.isRead ?? false, changedAt: ++changes,
      });
      return id;
    },
    readElsewhere(messageId) {
      const message = known(messageId);
      message.isRead = true;
      message.changedAt = ++changes;
    },
    remove(messageId) {
      leave(known(messageId));
      messages.delete(messageId);
    },
    move(messageId, folderId) {
      const message = known(messageId);
      leave(message);
      message.folderId = folderId;
    },
    isRead: (messageId) => known(messageId).isRead,
    loseSyncState() {
      era += 1;
    },
    expireTokensSoFar() {
      for (const token of seenTokens) expiredTokens.add(token);
    },
    throttle(times, status, retryAfterSeconds) {
      throttles = { times, status, retryAfterSeconds };
    },
    stop: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
