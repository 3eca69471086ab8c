import type { ImapFlow } from 'imapflow';
import { decodePath, encodePath, normalizePath } from 'imapflow/lib/tools.js';

/**
 * The parts of imapflow 2.1.2 (pinned in package.json) that NOTIFY needs and
 * its public API lacks: a raw command, and a handler for the STATUS answers
 * the server sends unasked. Both are marked @internal there, hence this one
 * narrow view of them, checked by the NOTIFY test against Dovecot.
 */
interface ImapFlowInternals {
  exec(command: string, attributes: unknown[]): Promise<{ next(): void }>;
  untaggedHandlers: Record<string, ((untagged: { attributes?: Array<{ value?: unknown }> }) => Promise<void> | void) | undefined>;
}

const events = ['MessageNew', 'MessageExpunge', 'FlagChange'].map((value) => ({ type: 'ATOM', value }));

/**
 * Asks the server to report changes in `others` (not selected) as they
 * happen, by IMAP NOTIFY (RFC 5465): while the connection IDLEs on the
 * selected folder, the server sends `* STATUS "Lists" (MESSAGES 4 UNSEEN 2)`
 * for a change elsewhere, and `changed` is called with that folder's name.
 * Resolves false where the server does not offer NOTIFY or refuses the list.
 */
export async function notifyOtherFolders(client: ImapFlow, others: string[], changed: (folder: string) => void): Promise<boolean> {
  if (others.length === 0 || !client.capabilities.has('NOTIFY')) return false;
  const internals = client as unknown as ImapFlowInternals;
  const byWireName = new Map(others.map((folder) => [encodePath(client, normalizePath(client, folder)), folder]));
  // Dovecot 2.3 matches a NOTIFY name only as UTF-8, not in modified UTF-7 ("받은편지함" as
  // "&vBvHQNO4ycDVaA-" is never reported), and names the folder in UTF-8 in its STATUS answer.
  // So a folder outside ASCII is asked for in both forms, and answers are read in both.
  const byUtf8Name = new Map(others.map((folder) => [normalizePath(client, folder), folder]));
  const utf8Only = [...byUtf8Name.keys()].filter((name) => !byWireName.has(name));
  internals.untaggedHandlers.STATUS = (untagged) => {
    const value = untagged.attributes?.[0]?.value;
    const name = typeof value === 'string' ? value : value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : undefined;
    if (name === undefined) return;
    const folder = byWireName.get(name) ?? byUtf8Name.get(name) ?? byWireName.get(encodePath(client, decodePath(client, name)));
    if (folder !== undefined) changed(folder);
  };
  const notify = async (names: string[]) => {
    const response = await internals.exec('NOTIFY', [
      { type: 'ATOM', value: 'SET' },
      // The selected folder as before (EXISTS, EXPUNGE, FETCH FLAGS), and the others as STATUS answers.
      [{ type: 'ATOM', value: 'SELECTED' }, events],
      [{ type: 'ATOM', value: 'MAILBOXES' }, names.map((value) => ({ type: 'STRING', value })), events],
    ]);
    // imapflow holds the parser until the caller releases the answer.
    response.next();
  };
  const wireNames = [...byWireName.keys()];
  // A server that keeps to 7-bit names may refuse the UTF-8 ones: then the list as the RFC has it.
  const lists = utf8Only.length > 0 ? [[...wireNames, ...utf8Only], wireNames] : [wireNames];
  for (const names of lists) {
    try {
      await notify(names);
      return true;
    } catch {
      // refused: the next list, or none
    }
  }
  internals.untaggedHandlers.STATUS = undefined;
  return false;
}
