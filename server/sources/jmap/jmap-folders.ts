import type { JmapFolder } from './jmap-config.ts';

/** The part of a JMAP Mailbox object (RFC 8621 2) the source asks for. */
export interface JmapFolderInfo {
  id: string;
  name: string;
  parentId: string | null;
  role: string | null;
  unreadEmails: number;
}

/** What a configured mailbox's folders are in the account: their JMAP ids, or the first that is not there. */
export type ResolvedFolders = { ids: string[]; unread: number } | { missing: JmapFolder; isAmbiguous: boolean };

/**
 * Finds the configured folders among the account's: a role matches the folder
 * with that role; a name matches a folder's full path ("Projects/2026", names
 * joined by "/") or, failing that, the one folder of that name. Two folders of
 * the same name anywhere make a bare name ambiguous: the path must be given.
 */
export function resolveFolders(wanted: readonly JmapFolder[], account: readonly JmapFolderInfo[]): ResolvedFolders {
  const byId = new Map(account.map((folder) => [folder.id, folder]));
  const pathOf = (folder: JmapFolderInfo): string => {
    const names = [folder.name];
    const seen = new Set([folder.id]);
    for (let parent = folder.parentId; parent !== null && !seen.has(parent);) {
      seen.add(parent);
      const next = byId.get(parent);
      if (!next) break;
      names.unshift(next.name);
      parent = next.parentId;
    }
    return names.join('/');
  };
  const ids: string[] = [];
  for (const folder of wanted) {
    let found: JmapFolderInfo | undefined;
    if ('role' in folder) {
      found = account.find((candidate) => candidate.role?.toLowerCase() === folder.role);
    } else {
      found = account.find((candidate) => pathOf(candidate) === folder.name);
      if (!found) {
        const named = account.filter((candidate) => candidate.name === folder.name);
        if (named.length > 1) return { missing: folder, isAmbiguous: true };
        found = named[0];
      }
    }
    if (!found) return { missing: folder, isAmbiguous: false };
    if (!ids.includes(found.id)) ids.push(found.id);
  }
  const unread = ids.reduce((sum, id) => sum + Math.max(0, Math.trunc(byId.get(id)!.unreadEmails) || 0), 0);
  return { ids, unread };
}

/** An Email/query filter (RFC 8621 4.4.1) for the unseen messages in any of these folders. */
export function unseenIn(folderIds: readonly string[]): Record<string, unknown> {
  const inFolders = folderIds.length === 1
    ? { inMailbox: folderIds[0] }
    : { operator: 'OR', conditions: folderIds.map((id) => ({ inMailbox: id })) };
  return { operator: 'AND', conditions: [inFolders, { notKeyword: '$seen' }] };
}

/** Whether the Mailbox/get answer is a list of folders as RFC 8621 describes them; the rest of the answer is not trusted. */
export function readFolderList(list: unknown): JmapFolderInfo[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const folders: JmapFolderInfo[] = [];
  for (const item of list as Array<Record<string, unknown>>) {
    if (typeof item !== 'object' || item === null || typeof item.id !== 'string' || typeof item.name !== 'string') return undefined;
    folders.push({
      id: item.id,
      name: item.name,
      parentId: typeof item.parentId === 'string' ? item.parentId : null,
      role: typeof item.role === 'string' ? item.role : null,
      unreadEmails: typeof item.unreadEmails === 'number' ? item.unreadEmails : 0,
    });
  }
  return folders;
}
