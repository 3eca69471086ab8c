/** A changed mailbox as a change message carries it: its version and its stored JSON (null once forgotten). */
export interface ChangedBox {
  id: string;
  version: number;
  box: string | null;
}

export interface ChangeMessage {
  epoch: string;
  /** The mailboxes that changed: what wakes held polls. */
  ids: string[];
  /**
   * The store's total after the change, and each changed mailbox as it is now;
   * absent from a message that names ids only (a new epoch's, or one published
   * by a server before 2026-12), which then wakes polls to be read as before.
   */
  state?: { total: number; boxes: ChangedBox[] };
}

/**
 * A message on the store's channel, as the scripts publish it (lua/head.lua):
 * `<epoch> <id> <id> ` and then, one line each, the total and every changed
 * mailbox's `<version> <stored JSON>`. Its first line alone is the older
 * message, so an instance that reads only the ids still reads them right.
 * Undefined for a line it cannot read, which then wakes nothing.
 */
export function parseChangeMessage(text: string): ChangeMessage | undefined {
  const end = text.indexOf('\n');
  const [epoch, ...ids] = (end < 0 ? text : text.slice(0, end)).split(' ').filter((word) => word !== '');
  if (epoch === undefined) return undefined;
  if (end < 0) return { epoch, ids };
  const lines = text.slice(end + 1).split('\n');
  const total = Number(lines[0]);
  if (lines.length !== ids.length + 1 || !Number.isSafeInteger(total)) return { epoch, ids };
  const boxes: ChangedBox[] = [];
  for (const [i, id] of ids.entries()) {
    const line = lines[i + 1]!;
    const space = line.indexOf(' ');
    const version = Number(line.slice(0, space));
    if (space < 1 || !Number.isSafeInteger(version)) return { epoch, ids };
    boxes.push({ id, version, box: space === line.length - 1 ? null : line.slice(space + 1) });
  }
  return { epoch, ids, state: { total, boxes } };
}
