import { chooseLanguage, systemLanguage } from '../common/i18n/languages.ts';
import { translatorFor, type Translator } from '../common/i18n/translator.ts';
import type { CountsAnswer, Mailbox } from '../common/protocol.ts';
import { realTimers, type Timers } from '../common/timers.ts';
import { AccountActions } from './account-actions.ts';
import { bundledServerConfig, newAppToken } from './bundled/server-config.ts';
import { BundledServerSupervisor, type BundledServerStatus } from './bundled/bundled-server-supervisor.ts';
import { connectionStatus } from './connection/connection-status.ts';
import { testConnection } from './connection/connection-test.ts';
import type { RequestCounts, RequestMarkRead, ServerEndpoint } from './connection/counts-client.ts';
import type {
  AnswerCut, AppSnapshot, ConnectionTestResult, LanguageView, MarkReadResult, MarkWhich, SaveResult, ServerLabel, SoundChoice,
} from './ipc-contract.ts';
import { chooseOpener, type MailClientFacts } from './mail-client.ts';
import type { MailtrayAppOptions } from './mailtray-app-options.ts';
import { countsView } from './mailbox-view.ts';
import { runMenuAction } from './menu-actions.ts';
import { showNotification } from './notification-clicks.ts';
import { notificationBlock, type PlannedNotification } from './notifications/notification-policy.ts';
import { soundOfNotification, soundPlan, type SoundPlan } from './notifications/notification-sound.ts';
import { Notifier, type NotificationKind } from './notifications/notifier.ts';
import { markSeen, newSinceSeen, seenAfter } from './tray/seen-counts.ts';
import type { PollerStatus } from './connection/poller-options.ts';
import { Poller } from './connection/poller.ts';
import { serverLabel } from './connection/server-label.ts';
import type { UnusableAccount } from './settings/bundled-accounts.ts';
import type { Settings } from './settings/settings.ts';
import type { MenuAction, Shell } from './shell.ts';
import { ShellView } from './shell-view.ts';
import { updateEngine } from './updates/update-engine.ts';
import type { UpdateState } from './updates/update-policy.ts';
import { Updates } from './updates/updates.ts';

/**
 * The app's main-process core: one poll loop (on the bundled server or a
 * remote one), the counts, the notifications, and what the tray, badge and
 * window are told. Everything Electron does goes through `shell`.
 */
export class MailtrayApp {
  readonly #shell: Shell;
  readonly #settings: Settings;
  readonly #timers: Timers;
  readonly #requestCounts: RequestCounts;
  readonly #poller: Poller;
  readonly #supervisor: BundledServerSupervisor;
  readonly #notifier: Notifier;
  readonly #view: ShellView;
  /** Checks for a newer version, downloads and installs it (main/updates/). */
  readonly #updates: Updates;
  /** Sign-in, Test account and the certificate chooser of the account form. */
  readonly accounts: AccountActions;
  // Made at each start; the bundled server gets only its sha256: form.
  readonly #clientToken = newAppToken();
  #label: ServerLabel = serverLabel({ mode: 'bundled' });
  /** The mailboxes of the last answer, as the server sent them, within the app's bounds (read-answer.ts). */
  #mailboxes: readonly Mailbox[] = [];
  /** What those bounds left out of the last answer, for the window to say. */
  #cut: AnswerCut | undefined;
  /** The server being polled, for Mark as read. */
  #endpoint: ServerEndpoint | undefined;
  #facts: MailClientFacts;
  readonly #requestMarkRead: RequestMarkRead | undefined;
  #pollerStatus: PollerStatus = { state: 'stopped' };
  #supervisorStatus: BundledServerStatus = { state: 'stopped' };
  #snoozedUntil: number | null = null;
  /** When the server last vouched for the counts shown (see AppStatus.countsConfirmedAt). */
  #confirmedAt: number | null = null;
  /** Bundled accounts the server was given no source for, and why: shown as those mailboxes' errors. */
  #unusable = new Map<string, UnusableAccount>();
  #cancelSnooze: (() => void) | undefined;
  /** The language spoken, and its words for the tray and the notifications: one translator, replaced when the setting changes. */
  #language!: LanguageView;
  #words!: Translator;
  /** Per mailbox, the count the user last saw (window or menu opened), for the badge's "new since I last looked". */
  #seen = new Map<string, number>();
  /** The attention cue is on the tray icon until this is called. */
  #cancelCue: (() => void) | undefined;
  readonly #soundsFolder: string;
  readonly #cueMs: number;

  constructor(options: MailtrayAppOptions) {
    this.#shell = options.shell;
    this.#settings = options.settings;
    this.#timers = options.timers ?? realTimers;
    this.#requestCounts = options.requestCounts;
    this.#requestMarkRead = options.requestMarkRead;
    this.#facts = { platform: options.shell.platform };
    this.#soundsFolder = options.soundsFolder ?? 'build/sounds';
    this.#cueMs = options.cueMs ?? 3000;
    this.#view = new ShellView(options.shell);
    this.#chooseLanguage();
    const random = options.random ?? Math.random;
    this.#poller = new Poller({
      requestCounts: options.requestCounts,
      timers: this.#timers,
      random,
      ...(options.waitSeconds === undefined ? {} : { waitSeconds: options.waitSeconds }),
      ...(options.isOnline ? { isOnline: options.isOnline } : {}),
      onStatus: (status) => {
        // Live until now: the counts held good up to this moment.
        if (this.#pollerStatus.state === 'live' && status.state !== 'live') this.#confirmedAt = this.#timers.now();
        this.#pollerStatus = status;
        this.#render();
      },
      onAnswer: (answer, { isFirst, cut }) => this.#onAnswer(answer, isFirst, cut),
    });
    this.accounts = new AccountActions({
      shell: options.shell, settings: options.settings, timers: this.#timers, oauthClients: options.oauthClients ?? {},
      // English until the app keeps its current translator (i18n/tray): then the one it speaks now.
      words: () => this.#words,
      ...(options.oauthEndpoints ? { endpointsFor: options.oauthEndpoints } : {}),
      ...(options.accountTestOptions ? { testOptions: options.accountTestOptions } : {}),
    });
    this.#supervisor = new BundledServerSupervisor({
      spawn: options.spawnServer,
      config: () => {
        const bundled = this.#settings.bundledAccounts();
        this.#unusable = bundled.unusable;
        return bundledServerConfig(bundled, this.#clientToken.hashed, options.oauthEndpoints);
      },
      timers: this.#timers,
      random,
      onStatus: (status) => this.#onSupervisor(status),
      // Sealed into the settings at once, without a restart: the server already uses it.
      onRefreshToken: (mailboxIds, refreshToken) => {
        for (const id of mailboxIds) this.#settings.keepRefreshToken(id, refreshToken);
      },
    });
    this.#notifier = new Notifier({
      timers: this.#timers,
      settings: () => this.#settings.stored.notifications,
      snoozedUntil: () => this.#snoozedUntil,
      prefs: () => ({
        detail: this.#settings.stored.notifications.detail ?? 'sender-and-subject',
        words: this.#words,
        isMuted: (id) => this.#settings.mailboxPrefs(id).isMuted,
        isInTotal: (id) => !this.#settings.mailboxPrefs(id).isLeftOutOfTotal,
        canMarkRead: (id) => this.#requestMarkRead !== undefined && this.#mailboxes.some((m) => m.id === id && m.canMarkRead === true),
      }),
      rulesOf: (id) => this.#settings.mailboxRules(id),
      show: (notification, kind) => this.#notify(notification, kind),
      withdraw: () => this.#shell.closeNotification(),
      ...(options.burstMs === undefined ? {} : { burstMs: options.burstMs }),
    });
    const seat = options.shell.updaterSeat();
    this.#updates = new Updates({
      engine: updateEngine(seat),
      kind: seat.kind,
      currentVersion: seat.version,
      timers: this.#timers,
      random,
      settings: () => this.#settings.updateSettings(),
      notificationBlock: () => notificationBlock(this.#settings.stored.notifications, this.#snoozedUntil, this.#timers.now()),
      ...(options.isDoNotDisturb ? { isDoNotDisturb: options.isDoNotDisturb } : {}),
      notify: (state) => this.#notifyUpdate(state, seat.kind === 'system-package'),
      onChange: () => this.#render(),
    });
  }

  start(): void {
    // Re-asserted at each start (the app may have moved, e.g. a new AppImage path); turned off only on a change.
    if (this.#settings.stored.general.launchAtLogin) this.#shell.setLaunchAtLogin(true);
    // A snooze outlives a restart; one that ran out meanwhile is dropped.
    this.setSnooze(this.#settings.snoozedUntil);
    this.#applyServer();
    this.#updates.start();
    this.#render();
    // Asked once: which mail client a click opens is shown on each mailbox's Open button.
    void this.#shell.mailClientFacts().then((facts) => {
      this.#facts = facts;
      this.#render();
    }, () => {});
  }

  async stop(): Promise<void> {
    this.#poller.stop();
    this.#notifier.stop();
    this.#updates.stop();
    this.#cancelCue?.();
    this.#cancelSnooze?.();
    await this.#supervisor.stop();
  }

  snapshot(): AppSnapshot {
    const connection = connectionStatus(this.#label, this.#pollerStatus, this.#supervisorStatus);
    const counts = countsView(this.#mailboxes, (id) => this.#settings.mailboxPrefs(id), this.#facts);
    if (this.#cut) counts.cut = this.#cut;
    return {
      counts,
      status: {
        connection,
        warnings: this.#settings.warnings(),
        snoozedUntil: this.#snoozedUntil,
        countsConfirmedAt: this.#confirmedAt,
        update: this.#updates.view(),
      },
      language: this.#language,
    };
  }

  /** Saves settings from the window; a new server is polled at once, without a restart. */
  saveSettings(input: unknown): SaveResult {
    const before = this.#settings.stored;
    const result = this.#settings.save(input, this.accounts.signIns);
    if (!result.ok) return result;
    const after = this.#settings.stored;
    if (JSON.stringify(before.server) !== JSON.stringify(after.server)) {
      this.#applyServer();
    } else if (after.server.mode === 'bundled' && JSON.stringify(before.accounts) !== JSON.stringify(after.accounts)) {
      // New accounts are a new bundled server config: restart it; its first answer is a silent baseline.
      this.#mailboxes = [];
      this.#cut = undefined;
      void this.#supervisor.restart();
    }
    if (before.general.launchAtLogin !== after.general.launchAtLogin) this.#shell.setLaunchAtLogin(after.general.launchAtLogin);
    // The tray, the notifications and (through the snapshot's language) the window speak it from the render below, without a restart.
    this.#chooseLanguage();
    this.#notifier.settingsChanged();
    if (JSON.stringify(before.updates) !== JSON.stringify(after.updates)) this.#updates.settingsChanged();
    this.#shell.send('settings:changed', result.settings);
    this.#render();
    return result;
  }

  testConnection(server: { url: string; token?: string }): Promise<ConnectionTestResult> {
    const token = this.#settings.tokenFor(server.url, server.token);
    return testConnection(this.#requestCounts, { url: server.url, token }, this.#timers);
  }

  /** The user asked to retry: even a refused token is tried once more. */
  retryNow(): void {
    this.#poller.retryNow({ evenAfterAuthFailure: true });
  }

  /** The machine woke up or was unlocked: a held poll may have died in its sleep. */
  wake(): void {
    this.#poller.retryNow();
  }

  /**
   * The window saw its `online` or `offline` event (Electron's main process
   * has none). What the window says is only a cue: the OS is asked, offline
   * stops polling, and back online a pending retry is skipped (a held poll,
   * which may have died with the old network, is sent again).
   */
  networkChanged(): void {
    this.#poller.retryNow();
  }

  setSnooze(until: number | null): void {
    this.#cancelSnooze?.();
    this.#cancelSnooze = undefined;
    this.#snoozedUntil = until !== null && until > this.#timers.now() ? until : null;
    if (this.#settings.snoozedUntil !== this.#snoozedUntil) this.#settings.snoozedUntil = this.#snoozedUntil;
    if (this.#snoozedUntil !== null) {
      this.#cancelSnooze = this.#timers.after(this.#snoozedUntil - this.#timers.now(), () => this.setSnooze(null));
    }
    this.#render();
  }

  /**
   * Opens the mailbox: its web address from the settings, else the default
   * mail client, else the window (`chooseOpener`).
   */
  async openMailbox(id: string): Promise<void> {
    const facts = await this.#shell.mailClientFacts().catch(() => ({ platform: this.#shell.platform }));
    const plan = chooseOpener(this.#settings.mailboxPrefs(id).webUrl, facts);
    if (plan.kind === 'web') this.#shell.openExternal(plan.url);
    else if (plan.kind === 'window') this.#shell.showWindow();
    else this.#shell.launch(plan);
  }

  /** Marks messages read on the server being polled; the lower count comes with its next answer. */
  async markRead(id: string, which: MarkWhich): Promise<MarkReadResult> {
    const endpoint = this.#endpoint;
    if (!this.#requestMarkRead || !endpoint) return { ok: false, message: { key: 'check.network.notConnected' } };
    return this.#requestMarkRead(endpoint, id, which);
  }

  /** The user looked (the window or the tray menu opened): the badge's "new since I last looked" starts again from here. */
  markSeen(): void {
    this.#seen = markSeen(this.#mailboxes);
    this.#render();
  }

  /** Plays a mailbox's sound as chosen in the form (not yet saved), for Settings' Play button. */
  previewSound(choice: { sound?: SoundChoice; soundFile?: string }): void {
    const plan = soundPlan(choice, true, this.#soundsFolder);
    // The system's sound is the notification's own, so it is heard with one: a notification naming it.
    if (plan.kind === 'file') this.#shell.playSound(plan.path);
    else if (plan.kind === 'system') {
      this.#shell.showNotification({ title: this.#words.t('window.title'), body: this.#words.t('rules.mailbox.soundSystem'), silent: false, mailboxIds: [], actions: [] }, () => {});
    }
  }

  /** The OS's file chooser for a mailbox's sound; null when cancelled. */
  async chooseSoundFile(): Promise<string | null> {
    const path = await this.#shell.chooseFile({
      title: this.#words.t('rules.mailbox.soundChooserTitle'),
      // What each desktop's player plays: WAV everywhere; afplay and paplay more.
      filters: [{ name: this.#words.t('rules.mailbox.soundFiles'), extensions: ['wav', 'ogg', 'oga', 'mp3', 'aiff', 'm4a', 'flac'] }],
    });
    return path ?? null;
  }

  /** The window's or the tray menu's Download: the newer version is fetched and checked; it installs at the restart. */
  downloadUpdate(): void {
    void this.#updates.download(true);
  }

  /** Restart to install: only once a download is ready. */
  installUpdate(): void {
    this.#updates.installNow();
  }

  /** The update checker, for tests that step it (check now) without waiting for its clock. */
  get updates(): Updates {
    return this.#updates;
  }

  handleMenu(action: MenuAction): void {
    runMenuAction(action, this.#shell, this, this.#timers);
  }

  #applyServer(): void {
    const remote = this.#settings.remoteEndpoint();
    this.#notifier.reset();
    this.#mailboxes = [];
    this.#cut = undefined;
    this.#confirmedAt = null;
    this.#endpoint = remote;
    if (remote) {
      this.#label = serverLabel({ mode: 'remote', url: remote.url });
      void this.#supervisor.stop();
      this.#poller.connect(remote);
    } else {
      this.#label = serverLabel({ mode: 'bundled' });
      this.#poller.stop();
      this.#supervisor.start();
    }
  }

  #onSupervisor(status: BundledServerStatus): void {
    this.#supervisorStatus = status;
    if (this.#label.mode === 'bundled') {
      if (status.state === 'running') {
        this.#endpoint = { url: status.url, token: this.#clientToken.token };
        this.#poller.connect(this.#endpoint);
      } else {
        this.#endpoint = undefined;
        this.#poller.stop();
      }
    }
    this.#render();
  }

  #onAnswer(answer: CountsAnswer, isFirst: boolean, cut: AnswerCut | undefined): void {
    const mailboxes = answer.mailboxes.map((mailbox): Mailbox => {
      const unusable = this.#label.mode === 'bundled' ? this.#unusable.get(mailbox.id) : undefined;
      return unusable === undefined ? mailbox : { ...mailbox, state: 'error', ...unusable };
    });
    this.#confirmedAt = this.#timers.now();
    this.#mailboxes = mailboxes;
    this.#cut = cut;
    this.#seen = seenAfter(this.#seen, mailboxes);
    this.#notifier.update(mailboxes, { isFirst });
    this.#render();
  }

  #notify(notification: PlannedNotification, kind: NotificationKind): void {
    const prefs = this.#settings.stored.notifications;
    // New mail sounds as its mailbox chose; a summary or a reminder as the global switch says.
    const sound: SoundPlan = kind === 'new-mail'
      ? soundOfNotification(notification.mailboxIds.map((id) => soundPlan(this.#settings.mailboxRules(id), prefs.sound, this.#soundsFolder)))
      : soundPlan({}, prefs.sound, this.#soundsFolder);
    showNotification(this.#shell, notification, { silent: sound.kind !== 'system', staysOnScreen: prefs.stayOnScreen === true }, this);
    if (sound.kind === 'file') this.#shell.playSound(sound.path);
    if (kind === 'new-mail' && prefs.attentionCue === true) {
      this.#cancelCue?.();
      this.#cancelCue = this.#timers.after(this.#cueMs, () => {
        this.#cancelCue = undefined;
        this.#render();
      });
      this.#render();
    }
  }

  /** A newer version, told once (update-policy.ts, notifiesNow); a click opens the window, where its button is. */
  #notifyUpdate(state: UpdateState, isSystemPackage: boolean): void {
    const version = state.version ?? '';
    const body = state.phase === 'ready' ? 'updates.notification.ready'
      : isSystemPackage ? 'updates.notification.availableSystem' : 'updates.notification.available';
    showNotification(this.#shell, {
      title: this.#words.t('updates.notification.title', { version }), body: this.#words.t(body), mailboxIds: [], actions: [],
    }, { silent: true }, this);
  }

  /** The setting's language, or the system's (asked again each time: it may have changed since the start). */
  #chooseLanguage(): void {
    const preferred = this.#shell.preferredLanguages();
    const choice = this.#settings.stored.general.language;
    const chosen = chooseLanguage(choice, preferred);
    this.#language = { choice, chosen, system: systemLanguage(preferred) };
    this.#words = translatorFor(chosen);
  }

  #render(): void {
    const prefs = this.#settings.stored.notifications;
    const isInTotal = (id: string) => !this.#settings.mailboxPrefs(id).isLeftOutOfTotal;
    this.#view.show(this.snapshot(), this.#timers.now(), this.#settings.stored.general.trayIcon ?? 'colour', this.#words, {
      ...(prefs.badgeShows === 'new-since-seen' ? { shownTotal: newSinceSeen(this.#mailboxes, this.#seen, isInTotal) } : {}),
      hidesZero: prefs.hideZeroCount === true,
      isCueing: this.#cancelCue !== undefined,
    });
  }
}
