import { chooseLanguage, systemLanguage } from '../common/i18n/languages.ts';
import { translatorFor, type Translator } from '../common/i18n/translator.ts';
import type { CountsAnswer, Mailbox } from '../common/protocol.ts';
import { realTimers, type Timers } from '../common/timers.ts';
import { AccountActions } from './account-actions.ts';
import { bundledServerConfig, newAppToken } from './bundled/server-config.ts';
import { BundledServerSupervisor, type BundledServerStatus } from './bundled/bundled-server-supervisor.ts';
import { connectionStatus } from './connection/connection-status.ts';
import { testConnection } from './connection/connection-test.ts';
import type { RequestCounts, RequestMarkRead } from './connection/counts-client.ts';
import type {
  AnswerCut, AppSnapshot, ConnectionTestResult, LanguageView, MarkReadResult, MarkWhich, SaveResult, SoundChoice,
} from './ipc-contract.ts';
import { chooseOpener, type MailClientFacts } from './mail-client.ts';
import type { MailtrayAppOptions } from './mailtray-app-options.ts';
import { countsView } from './mailbox-view.ts';
import { runMenuAction } from './menu-actions.ts';
import { showNotification } from './notification-clicks.ts';
import { notificationBlock, type PlannedNotification } from './notifications/notification-policy.ts';
import { soundOfNotification, soundPlan, type SoundPlan } from './notifications/notification-sound.ts';
import type { DoNotDisturbWatch, WatchDoNotDisturb } from './notifications/dnd-watch.ts';
import { Notifier, type NotificationKind } from './notifications/notifier.ts';
import { hookCommand, hookNewsFor } from './notifications/hook-plan.ts';
import { HookRunner, type HookOutcome } from './notifications/hook-runner.ts';
import { hookLogLine, hookProblemWords } from './notifications/hook-words.ts';
import type { MailboxNews } from './notifications/notification-text.ts';
import type { Words } from '../common/i18n/translator.ts';
import { markSeen, newSinceSeen, seenAfter } from './tray/seen-counts.ts';
import { ServerLink } from './connection/server-link.ts';
import {
  BUNDLED_KEY, mergedCut, mergedMailboxes, overallConfirmedAt, overallConnection, serverViews, splitMailboxId, type ServerState,
} from './connection/servers-state.ts';
import type { UnusableAccount } from './settings/bundled-accounts.ts';
import type { Settings } from './settings/settings.ts';
import type { MenuAction, Shell } from './shell.ts';
import { ShellView } from './shell-view.ts';
import { updateEngine } from './updates/update-engine.ts';
import type { UpdateState } from './updates/update-policy.ts';
import { Updates } from './updates/updates.ts';

/**
 * The app's main-process core: one poll loop per followed server (the
 * bundled one and any number of remote ones, issue 22), the counts of all of
 * them together, the notifications, and what the tray, badge and window are
 * told. Everything Electron does goes through `shell`.
 */
export class MailtrayApp {
  readonly #shell: Shell;
  readonly #settings: Settings;
  readonly #timers: Timers;
  readonly #requestCounts: RequestCounts;
  readonly #random: () => number;
  readonly #options: MailtrayAppOptions;
  /** The followed servers by key, in the settings' order: the bundled one first, then the remote ones. */
  #links = new Map<string, ServerLink>();
  readonly #supervisor: BundledServerSupervisor;
  readonly #notifier: Notifier;
  readonly #view: ShellView;
  /** Checks for a newer version, downloads and installs it (main/updates/). */
  readonly #updates: Updates;
  /** Sign-in, Test account and the certificate chooser of the account form. */
  readonly accounts: AccountActions;
  // Made at each start; the bundled server gets only its sha256: form.
  readonly #clientToken = newAppToken();
  /** Every server's mailboxes of its last answer, ids made unique (servers-state.ts), within the app's bounds (read-answer.ts). */
  #mailboxes: readonly Mailbox[] = [];
  #facts: MailClientFacts;
  readonly #requestMarkRead: RequestMarkRead | undefined;
  #supervisorStatus: BundledServerStatus = { state: 'stopped' };
  #snoozedUntil: number | null = null;
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
  readonly #watchDoNotDisturb: WatchDoNotDisturb | undefined;
  #doNotDisturb: DoNotDisturbWatch | undefined;
  /** The desktop's Do Not Disturb is on: new mail is held (dnd-hold.ts). */
  #isDoNotDisturb = false;
  /** The new-mail hook's runner; none where the host does not run hooks (`mailtray watch` without --hooks). */
  readonly #hooks: HookRunner | undefined;
  /** The last failed run of the hook, shown in the window until a run goes well. */
  #hookProblem: Words | undefined;
  /** The global shortcut asked of the system ("" none), and why it could not be had. */
  #shortcut = '';
  #shortcutProblem: Words | undefined;
  readonly #log: (line: string) => void;

  constructor(options: MailtrayAppOptions) {
    this.#shell = options.shell;
    this.#settings = options.settings;
    this.#timers = options.timers ?? realTimers;
    this.#requestCounts = options.requestCounts;
    this.#requestMarkRead = options.requestMarkRead;
    this.#facts = { platform: options.shell.platform };
    this.#soundsFolder = options.soundsFolder ?? 'build/sounds';
    this.#cueMs = options.cueMs ?? 3000;
    this.#watchDoNotDisturb = options.doNotDisturb;
    this.#log = options.log ?? ((line) => console.error(line));
    this.#hooks = options.runsHooks === false ? undefined : new HookRunner({
      timers: this.#timers,
      onOutcome: (outcome) => this.#onHookOutcome(outcome),
      ...(options.hookEnvironment ? { environment: options.hookEnvironment } : {}),
    });
    this.#view = new ShellView(options.shell);
    this.#chooseLanguage();
    const random = options.random ?? Math.random;
    this.#random = random;
    this.#options = options;
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
      isDoNotDisturb: () => this.#isDoNotDisturb,
      ...(this.#hooks ? { onNews: (news: readonly MailboxNews[]) => this.#runHooks(news) } : {}),
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
      // No notification of a newer version while the desktop's Do Not Disturb is on (the window and menu still say it).
      isDoNotDisturb: () => this.#isDoNotDisturb,
      notify: (state) => this.#notifyUpdate(state, seat.kind === 'system-package'),
      onChange: () => this.#render(),
    });
  }

  start(): void {
    // Re-asserted at each start (the app may have moved, e.g. a new AppImage path); turned off only on a change.
    if (this.#settings.stored.general.launchAtLogin) this.#shell.setLaunchAtLogin(true);
    // A snooze outlives a restart; one that ran out meanwhile is dropped.
    this.#applyServers();
    this.setSnooze(this.#settings.snoozedUntil);
    this.#doNotDisturb = this.#watchDoNotDisturb?.((isOn) => {
      this.#isDoNotDisturb = isOn;
      this.#notifier.doNotDisturbChanged();
    });
    this.#applyShortcut();
    this.#updates.start();
    this.#render();
    // Asked once: which mail client a click opens is shown on each mailbox's Open button.
    void this.#shell.mailClientFacts().then((facts) => {
      this.#facts = facts;
      this.#render();
    }, () => {});
  }

  async stop(): Promise<void> {
    for (const link of this.#links.values()) link.stop();
    this.#doNotDisturb?.stop();
    this.#notifier.stop();
    this.#updates.stop();
    this.#hooks?.stop();
    if (this.#shortcut !== '') this.#shell.setGlobalShortcut(undefined, () => {});
    this.#cancelCue?.();
    this.#cancelSnooze?.();
    await this.#supervisor.stop();
  }

  snapshot(): AppSnapshot {
    const servers = this.#serverStates();
    const counts = countsView(this.#mailboxes, (id) => this.#settings.mailboxPrefs(id), this.#facts);
    const cut = mergedCut(servers);
    if (cut) counts.cut = cut;
    return {
      counts,
      status: {
        connection: overallConnection(servers),
        servers: serverViews(servers, (id) => !this.#settings.mailboxPrefs(id).isLeftOutOfTotal),
        warnings: [...this.#settings.warnings(), ...(this.#shortcutProblem ? [this.#shortcutProblem] : []), ...(this.#hookProblem ? [this.#hookProblem] : [])],
        snoozedUntil: this.#snoozedUntil,
        countsConfirmedAt: overallConfirmedAt(servers),
        update: this.#updates.view(),
      },
      language: this.#language,
    };
  }

  /**
   * Saves settings from the window; what changed in the servers applies at
   * once, without a restart, and a server that did not change keeps its held poll.
   */
  saveSettings(input: unknown): SaveResult {
    const before = this.#settings.stored;
    const result = this.#settings.save(input, this.accounts.signIns);
    if (!result.ok) return result;
    const after = this.#settings.stored;
    const bundled = this.#links.get(BUNDLED_KEY);
    if (bundled && after.servers.bundled.enabled && JSON.stringify(before.accounts) !== JSON.stringify(after.accounts)) {
      // New accounts are a new bundled server config: restart it; its first answer is a silent baseline.
      bundled.forgetCounts();
      void this.#supervisor.restart();
    }
    this.#applyServers();
    if (before.general.launchAtLogin !== after.general.launchAtLogin) this.#shell.setLaunchAtLogin(after.general.launchAtLogin);
    // The tray, the notifications and (through the snapshot's language) the window speak it from the render below, without a restart.
    this.#chooseLanguage();
    this.#applyShortcut();
    // A hook turned off or changed takes its old failure with it.
    if (JSON.stringify(before.hooks) !== JSON.stringify(after.hooks)) this.#hookProblem = undefined;
    this.#notifier.settingsChanged();
    if (JSON.stringify(before.updates) !== JSON.stringify(after.updates)) this.#updates.settingsChanged();
    this.#shell.send('settings:changed', result.settings);
    this.#render();
    return result;
  }

  testConnection(server: { url: string; token?: string; key?: string }): Promise<ConnectionTestResult> {
    const token = this.#settings.tokenFor(server.url, server.token, server.key);
    return testConnection(this.#requestCounts, { url: server.url, token }, this.#timers);
  }

  /** The user asked to retry: even a refused token is tried once more. */
  retryNow(): void {
    for (const link of this.#links.values()) link.retryNow({ evenAfterAuthFailure: true });
  }

  /** The machine woke up or was unlocked: a held poll may have died in its sleep. */
  wake(): void {
    for (const link of this.#links.values()) link.retryNow();
  }

  /**
   * The window saw its `online` or `offline` event (Electron's main process
   * has none). What the window says is only a cue: the OS is asked, offline
   * stops polling, and back online a pending retry is skipped (a held poll,
   * which may have died with the old network, is sent again).
   */
  networkChanged(): void {
    for (const link of this.#links.values()) link.retryNow();
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

  /** Marks messages read on the mailbox's own server; the lower count comes with its next answer. */
  async markRead(id: string, which: MarkWhich): Promise<MarkReadResult> {
    const { serverKey, id: serverId } = splitMailboxId(id);
    const endpoint = this.#links.get(serverKey)?.endpoint;
    if (!this.#requestMarkRead || !endpoint) return { ok: false, message: { key: 'check.network.notConnected' } };
    return this.#requestMarkRead(endpoint, serverId, which);
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

  /**
   * Makes the polled servers those of the settings: a server added is polled
   * at once, one removed or switched off stops, one whose address or token
   * changed starts over (a silent baseline), and the others are left alone,
   * their held polls too.
   */
  #applyServers(): void {
    const links = new Map<string, ServerLink>();
    const old = this.#links;
    const wasBundled = old.has(BUNDLED_KEY);
    const isBundled = this.#settings.followsBundled;
    if (isBundled) links.set(BUNDLED_KEY, old.get(BUNDLED_KEY) ?? this.#newLink(BUNDLED_KEY, ''));
    for (const remote of this.#settings.remoteServers()) {
      let link = old.get(remote.key);
      if (!link) link = this.#newLink(remote.key, remote.name);
      link.name = remote.name;
      if (!link.pollsAt(remote.endpoint)) {
        link.forgetCounts();
        link.connect(remote.endpoint);
      }
      links.set(remote.key, link);
    }
    for (const [key, link] of old) {
      if (!links.has(key)) link.stop();
    }
    this.#links = links;
    this.#mergeMailboxes();
    // After the links are in place: the supervisor's status goes to the bundled one.
    if (isBundled && !wasBundled) this.#supervisor.start();
    if (!isBundled && wasBundled) void this.#supervisor.stop();
  }

  #newLink(key: string, name: string): ServerLink {
    const options = this.#options;
    return new ServerLink(key, name, {
      requestCounts: this.#requestCounts,
      timers: this.#timers,
      random: this.#random,
      ...(options.waitSeconds === undefined ? {} : { waitSeconds: options.waitSeconds }),
      ...(options.isOnline ? { isOnline: options.isOnline } : {}),
      onStatus: (link) => {
        if (this.#links.get(link.key) === link) this.#render();
      },
      onAnswer: (link, answer, { isFirst, cut }) => this.#onAnswer(link, answer, isFirst, cut),
    });
  }

  #onSupervisor(status: BundledServerStatus): void {
    this.#supervisorStatus = status;
    const bundled = this.#links.get(BUNDLED_KEY);
    if (bundled) {
      if (status.state === 'running') bundled.connect({ url: status.url, token: this.#clientToken.token });
      else bundled.stop();
    }
    this.#render();
  }

  #onAnswer(link: ServerLink, answer: CountsAnswer, isFirst: boolean, cut: AnswerCut | undefined): void {
    // A link removed by a save may still hear an answer that was under way.
    if (this.#links.get(link.key) !== link) return;
    link.mailboxes = answer.mailboxes.map((mailbox): Mailbox => {
      const unusable = link.isBundled ? this.#unusable.get(mailbox.id) : undefined;
      return unusable === undefined ? mailbox : { ...mailbox, state: 'error', ...unusable };
    });
    link.cut = cut;
    this.#mergeMailboxes();
    this.#seen = seenAfter(this.#seen, this.#mailboxes);
    // A server's first answer is a baseline for its own mailboxes; the summary, if wanted, speaks of them alone.
    const own = this.#mailboxes.filter((m) => (m as { server?: string }).server === link.key);
    this.#notifier.update(this.#mailboxes, { isFirst, summaryOf: own });
    this.#render();
  }

  #mergeMailboxes(): void {
    this.#mailboxes = mergedMailboxes(this.#serverStates());
  }

  #serverStates(): ServerState[] {
    return [...this.#links.values()].map((link) => ({
      key: link.key,
      name: link.name,
      connection: connectionStatus(link.label, link.status, link.isBundled ? this.#supervisorStatus : undefined),
      mailboxes: link.mailboxes,
      confirmedAt: link.confirmedAt,
      cut: link.cut,
    }));
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

  /** Runs the new-mail hook for each mailbox of a burst's news it is for (hook-plan.ts decides what it sees). */
  #runHooks(news: readonly MailboxNews[]): void {
    const { hooks, notifications, servers } = this.#settings.stored;
    const command = hookCommand(hooks);
    if (!command || !this.#hooks) return;
    const countOf = (id: string) => this.#mailboxes.find((m) => m.id === id)?.count ?? 0;
    for (const told of hookNewsFor(news, countOf, hooks, notifications.detail ?? 'sender-and-subject')) {
      const { serverKey, id } = splitMailboxId(told.mailboxId);
      const remote = servers.remotes.find((server) => server.key === serverKey);
      this.#hooks.run(command, remote ? { ...told, remote: { serverName: remote.name, mailboxId: id } } : told);
    }
  }

  #onHookOutcome(outcome: HookOutcome): void {
    const line = hookLogLine(outcome);
    if (line) this.#log(line);
    const name = this.#mailboxes.find((m) => m.id === outcome.mailboxId)?.name ?? outcome.mailboxId;
    this.#hookProblem = outcome.problem ? hookProblemWords(outcome.program, outcome.problem, name) : undefined;
    this.#render();
  }

  /** Asks the system for the global shortcut the settings name (none: gives it back); a refusal is said in the window. */
  #applyShortcut(): void {
    const wanted = this.#settings.stored.general.shortcut ?? '';
    // A refused one is asked again at each save: the program holding it may have let it go.
    if (wanted === this.#shortcut && this.#shortcutProblem === undefined) return;
    this.#shortcut = wanted;
    const isSet = this.#shell.setGlobalShortcut(wanted === '' ? undefined : wanted, () => this.#shell.showWindow());
    this.#shortcutProblem = isSet || wanted === '' ? undefined : { key: 'hooks.shortcut.refused', values: { shortcut: wanted } };
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
