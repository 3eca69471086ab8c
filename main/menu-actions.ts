import { snoozeUntil } from '../common/snooze.ts';
import type { Timers } from '../common/timers.ts';
import type { MenuAction, Shell } from './shell.ts';

/** What a tray menu row may ask of the app. */
export interface MenuTarget {
  retryNow(): void;
  openMailbox(id: string): Promise<void>;
  setSnooze(until: number | null): void;
  downloadUpdate(): void;
  installUpdate(): void;
}

/** Does what a clicked tray menu row asks. */
export function runMenuAction(action: MenuAction, shell: Shell, app: MenuTarget, timers: Timers): void {
  switch (action.type) {
    case 'open':
      return shell.showWindow();
    case 'settings':
      shell.showWindow();
      return shell.send('settings:show', null);
    case 'retry':
      return app.retryNow();
    case 'mailbox':
      return void app.openMailbox(action.id);
    case 'snooze':
      return app.setSnooze(snoozeUntil(action.choice, timers.now()));
    case 'update-download':
      return app.downloadUpdate();
    case 'update-install':
      return app.installUpdate();
    case 'quit':
      return shell.quit();
  }
}
