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
  internals.untaggedHandlers.STATUS = (untagged) => {
    const name = untagged.attributes?.[0]?.value;
    if (typeof name !== 'string') return;
    const folder = byWireName.get(name) ?? byWireName.get(encodePath(client, decodePath(client, name)));
    if (folder !== undefined) changed(folder);
  };
  try {
    const response = await internals.exec('NOTIFY', [
      { type: 'ATOM', value: 'SET' },
      // The selected folder as before (EXISTS, EXPUNGE, FETCH FLAGS), and the others as STATUS answers.
      [{ type: 'ATOM', value: 'SELECTED' }, events],
      [{ type: 'ATOM', value: 'MAILBOXES' }, [...byWireName.keys()].map((value) => ({ type: 'STRING', value })), events],
    ]);
    // imapflow holds the parser until the caller releases the answer.
    response.next();
    return true;
  } catch {
    internals.untaggedHandlers.STATUS = undefined;
    return false;
  }
}
