import type { ImapFlow } from 'imapflow';
import { decodePath, encodePath, normalizePath } from 'imapflow/lib/tools.js';

/**
 * The parts of imapflow 2.1.2 (pinned in package.json) that NOTIFY needs and
 * its public API lacks: a raw command, and a handler for the STATUS answers
 * the server sends unasked. Both are marked @internal there, hence this one
 * narrow view of them, checked by the NOTIFY test against Dovecot.
 */
type UntaggedHandler = (untagged: { attributes?: Array<{ value?: unknown }> }) => Promise<void> | void;
interface ImapFlowInternals {
  exec(command: string, attributes: unknown[]): Promise<{ next(): void }>;
  untaggedHandlers: Record<string, UntaggedHandler | undefined>;
  getUntaggedHandler(command: string, attributes: unknown[]): UntaggedHandler | undefined;
}

/** Whether an untagged LIST reports a folder renamed (OLDNAME, RFC 5465 5.4) or deleted (\NonExistent), as no answer to a LIST command does. */
function isNameChange(attributes: unknown): boolean {
  if (!Array.isArray(attributes)) return false;
  const flags = Array.isArray(attributes[0]) ? (attributes[0] as Array<{ value?: unknown }>) : [];
  const extended = Array.isArray(attributes[3]) ? (attributes[3] as Array<{ value?: unknown }>) : [];
  return flags.some((f) => String(f?.value).toLowerCase() === '\\nonexistent')
    || extended.some((item) => String(item?.value).toUpperCase() === 'OLDNAME');
}

const atoms = (values: string[]) => values.map((value) => ({ type: 'ATOM', value }));
const events = atoms(['MessageNew', 'MessageExpunge', 'FlagChange']);
// MailboxName too for the other folders: the server then reports one renamed or deleted (RFC 5465 5.4)
// with an untagged LIST, so a mailbox counting it can say so at once, not at the next recount.
const eventsWithNames = atoms(['MessageNew', 'MessageExpunge', 'FlagChange', 'MailboxName']);

/**
 * Asks the server to report changes in `others` (not selected) as they
 * happen, by IMAP NOTIFY (RFC 5465): while the connection IDLEs on the
 * selected folder, the server sends `* STATUS "Lists" (MESSAGES 4 UNSEEN 2)`
 * for a change elsewhere, and `changed` is called with that folder's name.
 * `renamed` is called when the server reports one of them renamed or deleted.
 * Resolves false where the server does not offer NOTIFY or refuses the list.
 */
export async function notifyOtherFolders(
  client: ImapFlow, others: string[], changed: (folder: string) => void, renamed: () => void = () => {},
): Promise<boolean> {
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
  // A watched folder renamed or deleted: "* LIST (\NonExistent) ..." or "* LIST () "/" "New" ("OLDNAME" ("Old"))".
  // Such a word means the folders are worth checking again (renames are rare, the check is cheap). It may come
  // while one of imapflow's own commands runs a LIST (status() does) and takes that command's LIST answers, so
  // it is looked for where imapflow picks the handler, before either.
  const pick = internals.getUntaggedHandler.bind(client);
  internals.getUntaggedHandler = (command, attributes) => {
    if (command.toUpperCase() === 'LIST' && isNameChange(attributes)) renamed();
    return pick(command, attributes);
  };
  const notify = async (names: string[], withNames: boolean) => {
    const response = await internals.exec('NOTIFY', [
      { type: 'ATOM', value: 'SET' },
      // The selected folder as before (EXISTS, EXPUNGE, FETCH FLAGS), and the others as STATUS answers.
      [{ type: 'ATOM', value: 'SELECTED' }, events],
      [{ type: 'ATOM', value: 'MAILBOXES' }, names.map((value) => ({ type: 'STRING', value })), withNames ? eventsWithNames : events],
      // A rename is reported under the new name, which no list above holds: every personal folder's names, nothing else of them.
      ...(withNames ? [[{ type: 'ATOM', value: 'PERSONAL' }, atoms(['MailboxName'])]] : []),
    ]);
    // imapflow holds the parser until the caller releases the answer.
    response.next();
  };
  const wireNames = [...byWireName.keys()];
  // A server that keeps to 7-bit names may refuse the UTF-8 ones: then the list as the RFC has it.
  const lists = utf8Only.length > 0 ? [[...wireNames, ...utf8Only], wireNames] : [wireNames];
  // A server that does not report folder names (MailboxName) is asked without them: counts still come at once.
  for (const names of lists) {
    for (const withNames of [true, false]) {
      try {
        await notify(names, withNames);
        return true;
      } catch {
        // refused: the next form, or none
      }
    }
  }
  internals.untaggedHandlers.STATUS = undefined;
  internals.getUntaggedHandler = pick;
  return false;
}
