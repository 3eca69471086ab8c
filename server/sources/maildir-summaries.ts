import { relative } from 'node:path';
import type { MessageSummary } from '../../common/protocol.ts';
import { summaryFromHeader } from '../messages/message-text.ts';
import { deliveredAt, newestFirst, pathOf, readHeader, uniqueOf, type UnseenFile } from './maildir-messages.ts';

/**
 * The newest unseen messages of one Maildir, with each header read once: a
 * summary is kept by message id for as long as it stays among the newest, so
 * a recount after every delivery reads only the new file.
 */
export class MaildirMessages {
  readonly #root: string;
  readonly #limit: number;
  #known = new Map<string, MessageSummary>();

  constructor(root: string, limit: number) {
    this.#root = root;
    this.#limit = limit;
  }

  /** The message's id in the protocol: its unique name, after its sub-folder when not in the inbox (".Work/1705312000.M1P2.host"). */
  idOf(file: UnseenFile): string {
    const folder = relative(this.#root, file.folder);
    return folder === '' ? uniqueOf(file.name) : `${folder}/${uniqueOf(file.name)}`;
  }

  /** The summaries of the newest `limit` of `unseen`, newest first. */
  async newest(unseen: readonly UnseenFile[]): Promise<MessageSummary[]> {
    if (this.#limit === 0) return [];
    const picked = newestFirst(unseen).slice(0, this.#limit);
    const known = new Map<string, MessageSummary>();
    const summaries: MessageSummary[] = [];
    for (const file of picked) {
      const summary = await this.#summaryOf(file);
      if (!summary) continue;
      known.set(summary.id, summary);
      summaries.push(summary);
    }
    this.#known = known;
    return summaries;
  }

  async #summaryOf(file: UnseenFile): Promise<MessageSummary | undefined> {
    const id = this.idOf(file);
    const known = this.#known.get(id);
    if (known) return known;
    let header: Buffer;
    try {
      header = await readHeader(pathOf(file));
    } catch {
      // Moved or deleted since the folder was listed (the watch brings the recount that
      // sees where it went), or unreadable: it still counts, it is just not shown.
      return undefined;
    }
    const { seconds } = deliveredAt(file.name);
    return summaryFromHeader(header, id, seconds > 0 ? new Date(seconds * 1000) : undefined);
  }
}
