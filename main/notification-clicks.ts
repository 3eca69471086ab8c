import type { MarkWhich } from './ipc-contract.ts';
import type { PlannedNotification } from './notifications/notification-policy.ts';
import { notificationForPlatform } from './notifications/notification-markup.ts';
import type { Shell } from './shell.ts';

/** What a click on a notification, or on one of its buttons, does. */
export interface NotificationClicks {
  openMailbox(id: string): Promise<void>;
  markRead(id: string, which: MarkWhich): Promise<unknown>;
}

/** Shows a planned notification: a click opens its mailbox (the window, for several), a button does its action. */
export function showNotification(
  shell: Shell, notification: PlannedNotification, how: { silent: boolean; staysOnScreen?: boolean }, clicks: NotificationClicks,
): void {
  const open = () => {
    if (notification.mailboxIds.length === 1) void clicks.openMailbox(notification.mailboxIds[0]!);
    else shell.showWindow();
  };
  const shown = { ...notificationForPlatform(notification, shell.platform), silent: how.silent, ...(how.staysOnScreen ? { timeoutType: 'never' as const } : {}) };
  shell.showNotification(shown, open, (index) => {
    const action = notification.actions[index];
    if (action?.kind === 'mark-read') void clicks.markRead(action.mailboxId, { messageIds: action.messageIds });
    else if (action?.kind === 'open') open();
  });
}
