import type { Timers } from '../../common/timers.ts';
import type { UpdateSettings, UpdateView } from '../ipc-contract.ts';
import type { NotificationBlock } from '../notifications/notification-policy.ts';
import { UpdateError, type UpdateEngine } from './update-engine.ts';
import {
  initialUpdateState, nextCheckAt, notifiesNow, shouldDownload, updateView, type PackageKind, type UpdateState,
} from './update-policy.ts';

export interface UpdatesOptions {
  /** electron-updater for this copy; undefined where nothing can be checked (run from the source tree). */
  engine: UpdateEngine | undefined;
  kind: PackageKind;
  currentVersion: string;
  timers: Timers;
  random?: () => number;
  settings: () => UpdateSettings;
  /** Why no notification may be shown now (off, snoozed, quiet hours), or undefined. */
  notificationBlock: () => NotificationBlock | undefined;
  /** The desktop's Do Not Disturb is on; false where it cannot be read. */
  isDoNotDisturb?: () => boolean;
  /** Shows the notification of a newer version (available, or downloaded and ready). */
  notify: (state: UpdateState) => void;
  /** The state changed: the tray and the window say it again. */
  onChange: () => void;
}

/**
 * Checks for a newer version on the clock `update-policy.ts` sets, downloads
 * it when the user asks or chose so, and keeps what the window and tray say.
 * A failure is a state, never a rejection: nothing here throws into the app.
 */
export class Updates {
  readonly #options: UpdatesOptions;
  readonly #startedAt: number;
  #state: UpdateState = initialUpdateState;
  #cancelCheck: (() => void) | undefined;
  /** The version a notification told of, so each is told once. */
  #toldVersion: string | undefined;
  #isStopped = true;

  constructor(options: UpdatesOptions) {
    this.#options = options;
    this.#startedAt = options.timers.now();
  }

  get state(): UpdateState {
    return this.#state;
  }

  view(): UpdateView {
    return updateView(this.#state, this.#options.kind, this.#options.settings(), this.#options.currentVersion);
  }

  start(): void {
    this.#isStopped = false;
    this.#schedule();
  }

  stop(): void {
    this.#isStopped = true;
    this.#cancelCheck?.();
    this.#cancelCheck = undefined;
  }

  /** Checks turned on or off, automatic downloads chosen: the next check moves, and a found version may download now. */
  settingsChanged(): void {
    if (this.#isStopped) return;
    this.#schedule();
    if (shouldDownload(this.#state, this.#options.kind, this.#options.settings(), false)) void this.download(false);
    this.#options.onChange();
  }

  /** Checks now (after the schedule's wait, or from a test); resolves when the check and any automatic download end. */
  async check(): Promise<void> {
    const { engine, timers } = this.#options;
    if (!engine || this.#isStopped || this.#state.phase === 'checking' || this.#state.phase === 'downloading') return;
    this.#cancelCheck?.();
    this.#cancelCheck = undefined;
    this.#set({ ...this.#state, phase: 'checking' });
    let next: UpdateState;
    try {
      const version = await engine.check();
      next = version === undefined
        ? { phase: 'up-to-date', checkedAt: timers.now(), failures: 0 }
        : { phase: 'available', version, checkedAt: timers.now(), failures: 0 };
    } catch {
      // Offline, a captive portal, the feed's host down or its file broken: said calmly, asked again later.
      next = { ...withoutProgress(this.#state), phase: 'unreachable', checkedAt: timers.now(), failures: this.#state.failures + 1 };
    }
    if (this.#isStopped) return;
    this.#set(next);
    if (shouldDownload(this.#state, this.#options.kind, this.#options.settings(), false)) await this.download(false);
    else this.#schedule();
  }

  /** Downloads the newer version (`isAsked`: the user pressed Download); a refused or broken one is said, nothing installed. */
  async download(isAsked = true): Promise<void> {
    const { engine, timers, kind } = this.#options;
    if (!engine || this.#isStopped || !shouldDownload(this.#state, kind, this.#options.settings(), isAsked)) return;
    const version = this.#state.version;
    this.#set({ ...this.#state, phase: 'downloading', percent: 0 });
    let shownTenth = 0;
    try {
      await engine.download((percent) => {
        // The tray menu is rebuilt on each change: a tenth at a time is enough to see it move.
        const tenth = Math.floor(percent / 10);
        if (tenth === shownTenth || this.#state.phase !== 'downloading') return;
        shownTenth = tenth;
        this.#set({ ...this.#state, percent });
      });
      if (this.#isStopped) return;
      this.#set({ phase: 'ready', ...(version ? { version } : {}), checkedAt: this.#state.checkedAt, failures: 0 });
    } catch (error) {
      if (this.#isStopped) return;
      const phase = error instanceof UpdateError && error.failure === 'checksum' ? 'refused' : 'download-failed';
      this.#set({ ...withoutProgress(this.#state), phase, checkedAt: timers.now(), failures: this.#state.failures + 1 });
    }
    this.#schedule();
  }

  /** Restart to install: only once a download is ready. */
  installNow(): void {
    if (this.#state.phase === 'ready') this.#options.engine?.installAndRestart();
  }

  #set(state: UpdateState): void {
    this.#state = state;
    if (notifiesNow(state, this.#toldVersion, this.#options.notificationBlock(), this.#options.isDoNotDisturb?.() === true)) {
      this.#toldVersion = state.version;
      this.#options.notify(state);
    }
    this.#options.onChange();
  }

  #schedule(): void {
    this.#cancelCheck?.();
    this.#cancelCheck = undefined;
    const { timers, kind, random } = this.#options;
    const at = nextCheckAt(this.#state, kind, this.#options.settings(), this.#startedAt, random);
    if (at === undefined || this.#isStopped) return;
    this.#cancelCheck = timers.after(Math.max(0, at - timers.now()), () => {
      this.#cancelCheck = undefined;
      void this.check();
    });
  }
}

function withoutProgress({ percent: _percent, ...state }: UpdateState): UpdateState {
  return state;
}
