import type { NotificationText } from './notification-text.ts';
import { escapeMarkup } from '../../common/markup.ts';

/**
 * A notification's words as the platform's notification service reads them.
 *
 * Linux: Electron hands the body to libnotify as it is, and notification
 * servers with the `body-markup` capability (KDE Plasma, GNOME Shell, dunst,
 * mako, xfce4-notifyd) read it as markup (Desktop Notifications spec,
 * "Markup"): a subject such as `<a href="smb://x/y">Invoice</a>` from any
 * sender becomes a link, `<img>` an image, and `a < b & c` is mangled or
 * dropped. So the body is escaped there. It is escaped after
 * notification-text.ts cut it, so its limits count what the person reads
 * and no escape is ever cut in half.
 *
 * The title is the spec's "summary", which is plain text: dunst and mako
 * escape it themselves, GNOME Shell and Plasma show it as text. Escaping it
 * too would show "&amp;" there, so it is left as it is.
 *
 * macOS and Windows take plain text.
 */
export function notificationForPlatform<T extends NotificationText>(notification: T, platform: NodeJS.Platform): T {
  if (platform !== 'linux') return notification;
  return { ...notification, body: escapeMarkup(notification.body) };
}
