import type { FolderTally } from '../../common/protocol.ts';
import { h, setText } from '../dom.ts';
import { currentWords } from '../words.ts';

export interface FolderBreakdown {
  element: HTMLUListElement;
  update(name: string, folders: readonly FolderTally[] | undefined): void;
}

/**
 * A mailbox of several folders, folder by folder (docs/protocol.md, "Folders of a mailbox"):
 * "INBOX 3 · Lists 1". Folder names are the server's, in their own script and direction;
 * a mailbox of one folder sends none and shows none.
 */
export function folderBreakdown(): FolderBreakdown {
  const element = h('ul', { class: 'folder-breakdown', hidden: true });
  return {
    element,
    update(name, folders) {
      const words = currentWords();
      element.hidden = folders === undefined || folders.length < 2;
      element.setAttribute('aria-label', words.t('folders.breakdown', { name }));
      if (element.hidden) {
        element.replaceChildren();
        return;
      }
      element.replaceChildren(...folders!.map((folder) => {
        const count = h('span', { class: 'folder-count' });
        setText(count, words.number(folder.count));
        count.classList.toggle('has-mail', folder.count > 0);
        count.setAttribute('aria-label', words.t('window.mailbox.count', { count: folder.count }));
        return h('li', { class: 'folder-tally' }, h('bdi', { class: 'folder-tally-name' }, folder.name), ' ', count);
      }));
    },
  };
}
