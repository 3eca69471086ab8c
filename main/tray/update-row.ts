import type { Translator } from '../../common/i18n/translator.ts';
import type { UpdateView } from '../ipc-contract.ts';
import type { MenuAction, MenuItemView } from '../shell.ts';

/**
 * The tray menu's row for a newer version (issue 23), above Open: Download,
 * Restart to install, the download's progress, or (a system package) only that
 * it is there. None without a notice: up to date, unreachable and checks off
 * are the window's Updates section's to say.
 */
export function updateRows(update: UpdateView | undefined, words: Translator): MenuItemView[] {
  const notice = update?.notice;
  if (!notice) return [];
  const values = notice.words.values ?? {};
  const item = (label: string, action?: MenuAction): MenuItemView[] => [
    { type: 'item', label, ...(action ? { action } : {}), enabled: action !== undefined }, { type: 'separator' },
  ];
  switch (notice.words.key) {
    case 'updates.notice.available':
      return item(words.t('updates.tray.download', values), { type: 'update-download' });
    case 'updates.notice.refused':
    case 'updates.notice.downloadFailed':
      return item(words.t('updates.tray.retry', values), { type: 'update-download' });
    case 'updates.notice.ready':
      return item(words.t('updates.tray.restart', values), { type: 'update-install' });
    case 'updates.notice.downloading':
      return item(words.t('updates.tray.downloading', values));
    case 'updates.notice.availableSystem':
      // The package manager installs it; the row opens the window, which says so whole.
      return item(words.t('updates.tray.availableSystem', values), { type: 'open' });
    default:
      return [];
  }
}
