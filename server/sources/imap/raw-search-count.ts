import type { ImapFlow } from 'imapflow';
import { searchCompiler } from 'imapflow/lib/search-compiler.js';
import type { CountFilter } from '../filter/count-filter.ts';
import { parseRawSearch } from '../../../common/raw-search.ts';
import { unseenSearch } from './filter-search.ts';
import { serverWords } from './imap-error.ts';
import { highestUids, type NewestMessages } from './imap-newest.ts';
import type { MessageSummary } from '../../../common/protocol.ts';

/** What folder-counts.ts's FolderCount holds (named here again: that file calls this one). */
type RawCount = { unseen: number; messages?: MessageSummary[] } | { problem: string; kind: 'setup' };

interface ImapFlowExec {
  exec(command: string, attributes: unknown[], options: { untagged: Record<string, (untagged: { attributes?: Array<{ value?: unknown }> }) => Promise<void>> }):
    Promise<{ next(): void }>;
}

/**
 * The count of the selected folder under a filter with a raw `search`: `UID SEARCH UNSEEN <the
 * filter's other parts> <search>`, sent as imapflow sends its own commands (its public search()
 * takes no raw keys). A server that refuses the keys (BAD, NO) makes a `setup` problem naming the
 * search and the server's words; a dropped connection rejects, as every count does.
 */
export async function rawSearchCount(client: ImapFlow, filter: CountFilter & { search: string }, now: number, newest: NewestMessages | undefined): Promise<RawCount> {
  const { search, ...rest } = filter;
  const structured = Object.keys(rest).length > 0 ? rest : undefined;
  const attributes = [...searchCompiler(client, unseenSearch(structured, now)), ...parseRawSearch(search)];
  const uids: number[] = [];
  try {
    const response = await (client as unknown as ImapFlowExec).exec('UID SEARCH', attributes, {
      untagged: {
        SEARCH: async (untagged) => {
          for (const attribute of untagged.attributes ?? []) {
            const uid = Number(attribute.value);
            if (Number.isSafeInteger(uid) && uid > 0) uids.push(uid);
          }
        },
      },
    });
    // imapflow holds the parser until the caller releases the answer.
    response.next();
  } catch (error) {
    if (!client.usable) throw error;
    return { problem: `the mail server refused the search ${JSON.stringify(search)}: ${serverWords(error)}`, kind: 'setup' };
  }
  const unseen = new Set(uids).size;
  return newest ? { unseen, messages: await newest.of(client, highestUids([...new Set(uids)], newest.limit)) } : { unseen };
}
