import { MAX_MESSAGE_ID_LENGTH, type MessageSummary } from '../../../common/protocol.ts';
import { cleanText, senderText } from '../../messages/message-text.ts';
import { GraphRefusal, type GraphClient } from './graph-client.ts';

/** Graph's well-known folder names (mailFolder resource): addressed as they are, in any language the mailbox speaks. */
const wellKnownNames = new Set([
  'archive', 'clutter', 'conflicts', 'conversationhistory', 'deleteditems', 'drafts', 'inbox', 'junkemail', 'localfailures',
  'msgfolderroot', 'outbox', 'recoverableitemsdeletions', 'scheduled', 'searchfolders', 'sentitems', 'serverfailures', 'syncissues',
]);

/** How far back the newest unread messages are looked for: the delta query's window, fixed at its first page. */
export const MESSAGES_WINDOW_MS = 30 * 24 * 3600_000;

/** A folder that is not there (or not one Graph lets this sign-in read). */
export class FolderMissing extends Error {
  readonly folder: string;
  constructor(folder: string, why: string) {
    super(why);
    this.folder = folder;
  }
}

/** A page of a delta query: changed messages, removed ones, and the link to the next page or to the next round. */
interface DeltaPage {
  value?: DeltaItem[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

interface DeltaItem {
  id?: unknown;
  isRead?: unknown;
  subject?: unknown;
  receivedDateTime?: unknown;
  from?: { emailAddress?: { name?: unknown; address?: unknown } } | null;
  '@removed'?: unknown;
}

export interface FolderSyncOptions {
  /** The messages asked for per page (`Prefer: odata.maxpagesize`). */
  pageSize: number;
  now: () => number;
}

/**
 * One folder of the account: its id once found, its unread count as Graph
 * keeps it (`unreadItemCount`, what Outlook shows), and its unread messages of
 * the last 30 days kept current by a delta query
 * (`/me/mailFolders/{id}/messages/delta`): each round asks only for what
 * changed since the last, and a message read elsewhere, moved or deleted
 * comes back changed or `@removed` and leaves.
 */
export class GraphFolder {
  readonly name: string;
  #id: string | undefined;
  #deltaLink: string | undefined;
  #unread = new Map<string, MessageSummary>();
  count = 0;

  constructor(name: string) {
    this.name = name;
  }

  /** The unread messages known, any order. */
  unread(): Iterable<MessageSummary> {
    return this.#unread.values();
  }

  has(messageId: string): boolean {
    return this.#unread.has(messageId);
  }

  /** A message marked read from here: it leaves at once, before the next round says so. */
  forget(messageId: string): void {
    this.#unread.delete(messageId);
  }

  /** The folder's id, found by its well-known or display name on first use. */
  async id(client: GraphClient): Promise<string> {
    this.#id ??= await findFolder(client, this.name);
    return this.#id;
  }

  /** One round: the count, then the delta since the last round (every page of it). */
  async check(client: GraphClient, options: FolderSyncOptions): Promise<void> {
    await this.readCount(client);
    await this.#sync(client, await this.id(client), options);
  }

  /** The folder's unread count, as Graph keeps it, into `count`. */
  async readCount(client: GraphClient): Promise<void> {
    const id = await this.id(client);
    let folder: { unreadItemCount?: unknown };
    try {
      folder = await client.get(`/me/mailFolders/${encodeURIComponent(id)}?$select=id,unreadItemCount`);
    } catch (error) {
      if (!(error instanceof GraphRefusal && error.status === 404)) throw error;
      // Deleted or moved since it was found: look it up by name again next round.
      this.#forgetFolder();
      throw new FolderMissing(this.name, 'it was deleted or moved');
    }
    const count = Number(folder.unreadItemCount);
    this.count = Number.isSafeInteger(count) && count >= 0 ? count : 0;
  }

  async #sync(client: GraphClient, id: string, options: FolderSyncOptions): Promise<void> {
    let isFresh = this.#deltaLink === undefined;
    let link = this.#deltaLink ?? firstDeltaLink(id, options.now());
    // Changes go to a copy, kept only once the last page came: a round cut short is asked again from the same deltaLink.
    let unread = isFresh ? new Map<string, MessageSummary>() : new Map(this.#unread);
    for (;;) {
      let page: DeltaPage;
      try {
        page = await client.get<DeltaPage>(link, { Prefer: `odata.maxpagesize=${options.pageSize}` });
      } catch (error) {
        // 410 Gone / syncStateNotFound: the delta token is too old or the mailbox was moved; start over from a full round.
        if (!isFresh && isSyncStateLost(error)) {
          isFresh = true;
          link = firstDeltaLink(id, options.now());
          unread = new Map();
          continue;
        }
        throw error;
      }
      for (const item of page.value ?? []) apply(unread, item);
      if (typeof page['@odata.nextLink'] === 'string') {
        link = page['@odata.nextLink'];
        continue;
      }
      if (typeof page['@odata.deltaLink'] !== 'string') throw new GraphRefusal(200, 'noDeltaLink', 'a delta page without a nextLink or deltaLink', undefined);
      this.#deltaLink = page['@odata.deltaLink'];
      this.#unread = unread;
      return;
    }
  }

  #forgetFolder(): void {
    this.#id = undefined;
    this.#deltaLink = undefined;
    this.#unread = new Map();
  }
}

/** Whether Graph said the delta's sync state is gone, so only a full round helps. */
export function isSyncStateLost(error: unknown): boolean {
  if (!(error instanceof GraphRefusal)) return false;
  const code = error.code.toLowerCase();
  return error.status === 410 || code === 'syncstatenotfound' || code === 'syncstateinvalid' || code === 'resyncrequired';
}

/** The first page of a delta round: the last 30 days (the only filter delta takes on messages), newest first. */
function firstDeltaLink(id: string, now: number): string {
  const since = new Date(now - MESSAGES_WINDOW_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const query = new URLSearchParams({
    $select: 'isRead,from,subject,receivedDateTime',
    $filter: `receivedDateTime ge ${since}`,
    $orderby: 'receivedDateTime desc',
  });
  return `/me/mailFolders/${encodeURIComponent(id)}/messages/delta?${query.toString().replaceAll('+', '%20')}`;
}

function apply(unread: Map<string, MessageSummary>, item: DeltaItem): void {
  if (typeof item.id !== 'string' || item.id === '') return;
  if (item['@removed'] !== undefined || item.isRead !== false) {
    unread.delete(item.id);
    return;
  }
  // Longer ids cannot travel in the protocol (or come back to mark read): still counted, not shown.
  if (item.id.length > MAX_MESSAGE_ID_LENGTH) return;
  const sender = item.from?.emailAddress;
  const summary: MessageSummary = {
    id: item.id,
    from: senderText(textOf(sender?.name), textOf(sender?.address)),
    subject: cleanText(textOf(item.subject) ?? ''),
  };
  const date = typeof item.receivedDateTime === 'string' ? new Date(item.receivedDateTime) : undefined;
  if (date && Number.isFinite(date.getTime())) summary.date = date.toISOString();
  unread.set(item.id, summary);
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A folder's id by its well-known name (`inbox`) or by its display names from the top (`Projects/2026`). */
async function findFolder(client: GraphClient, name: string): Promise<string> {
  if (wellKnownNames.has(name.toLowerCase())) {
    try {
      const folder = await client.get<{ id?: unknown }>(`/me/mailFolders/${name.toLowerCase()}?$select=id`);
      if (typeof folder.id === 'string') return folder.id;
    } catch (error) {
      if (!(error instanceof GraphRefusal && error.status === 404)) throw error;
    }
    // An account without it (a personal account has no "clutter"): a folder of that display name may still be meant.
  }
  let parent = '/me/mailFolders';
  let id = '';
  for (const part of name.split('/')) {
    // OData string literals double their single quotes.
    const filter = new URLSearchParams({ $filter: `displayName eq '${part.trim().replaceAll("'", "''")}'`, $select: 'id,displayName' });
    const found = await client.get<{ value?: Array<{ id?: unknown }> }>(`${parent}?${filter.toString().replaceAll('+', '%20')}`);
    const first = found.value?.find((f) => typeof f.id === 'string');
    if (!first) throw new FolderMissing(name, `there is no folder "${part.trim()}"${id ? ' under its parent' : ''}`);
    id = first.id as string;
    parent = `/me/mailFolders/${encodeURIComponent(id)}/childFolders`;
  }
  return id;
}
