import type { Translator } from '../common/i18n/translator.ts';
import type { AppSnapshot, TrayIconStyle } from './ipc-contract.ts';
import type { Shell } from './shell.ts';
import { badgeView, trayDot, trayMenu, trayTooltip, trayView, type CountLook } from './tray/tray-view.ts';

/** Tells the tray, badge and window what changed, and nothing when nothing did. */
export class ShellView {
  readonly #shell: Shell;
  #sent = { counts: '', status: '', language: '', tray: '', badge: '' };

  constructor(shell: Shell) {
    this.#shell = shell;
  }

  /** `words`: the translator of `snapshot.language.chosen`, which main keeps. */
  show(snapshot: AppSnapshot, now: number, iconStyle: TrayIconStyle, words: Translator, look: CountLook = {}): void {
    const platform = this.#shell.platform;
    const counts = JSON.stringify(snapshot.counts);
    const status = JSON.stringify(snapshot.status);
    const language = JSON.stringify(snapshot.language);
    const state = snapshot.status.connection.state;
    const shownTotal = look.shownTotal ?? snapshot.counts.total;
    const tray = JSON.stringify([
      state, shownTotal, iconStyle, trayDot(snapshot.counts), look.isCueing === true,
      trayTooltip(snapshot, now, words, look), trayMenu(snapshot, now, words, look),
    ]);
    // The Windows overlay's description is words too.
    const badge = JSON.stringify([state, shownTotal, words.language]);
    if (tray !== this.#sent.tray) this.#shell.setTray(trayView(snapshot, platform, now, words, iconStyle, look));
    if (badge !== this.#sent.badge) this.#shell.setBadge(badgeView(snapshot, platform, words, look));
    if (language !== this.#sent.language) this.#shell.send('language:changed', snapshot.language);
    if (counts !== this.#sent.counts) this.#shell.send('counts:changed', snapshot.counts);
    if (status !== this.#sent.status) this.#shell.send('status:changed', snapshot.status);
    this.#sent = { counts, status, language, tray, badge };
  }
}
