import type { AppSnapshot, TrayIconStyle } from './ipc-contract.ts';
import type { Shell } from './shell.ts';
import { badgeView, trayDot, trayMenu, trayTooltip, trayView } from './tray/tray-view.ts';

/** Tells the tray, badge and window what changed, and nothing when nothing did. */
export class ShellView {
  readonly #shell: Shell;
  #sent = { counts: '', status: '', tray: '', badge: '' };

  constructor(shell: Shell) {
    this.#shell = shell;
  }

  show(snapshot: AppSnapshot, now: number, iconStyle: TrayIconStyle): void {
    const platform = this.#shell.platform;
    const counts = JSON.stringify(snapshot.counts);
    const status = JSON.stringify(snapshot.status);
    const state = snapshot.status.connection.state;
    const tray = JSON.stringify([state, snapshot.counts.total, iconStyle, trayDot(snapshot.counts), trayTooltip(snapshot, now), trayMenu(snapshot, now)]);
    const badge = JSON.stringify([state, snapshot.counts.total]);
    if (tray !== this.#sent.tray) this.#shell.setTray(trayView(snapshot, platform, now, iconStyle));
    if (badge !== this.#sent.badge) this.#shell.setBadge(badgeView(snapshot, platform));
    if (counts !== this.#sent.counts) this.#shell.send('counts:changed', snapshot.counts);
    if (status !== this.#sent.status) this.#shell.send('status:changed', snapshot.status);
    this.#sent = { counts, status, tray, badge };
  }
}
