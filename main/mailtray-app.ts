import type { CountsAnswer, Mailbox } from '../common/protocol.ts';
import { realTimers, type Timers } from '../common/timers.ts';
import { bundledServerConfig, newAppToken } from './bundled/server-config.ts';
import { Supervisor, type SpawnServer, type SupervisorStatus } from './bundled/supervisor.ts';
import { connectionStatus } from './connection-status.ts';
import { testConnection } from './connection-test.ts';
import type { RequestCounts } from './counts-client.ts';
import type { AppSnapshot, ConnectionTestResult, CountsView, SaveResult, ServerLabel } from './ipc-contract.ts';
import type { PlannedNotification } from './notification-policy.ts';
import { Notifier } from './notifier.ts';
import { Poller, type PollerStatus } from './poller.ts';
import { serverLabel } from './server-label.ts';
import { isOpenableAddress } from './settings/check-input.ts';
import type { Settings } from './settings/settings.ts';
import type { MenuAction, Shell } from './shell.ts';
import { snoozeUntil } from '../common/snooze.ts';
import { badgeView, trayMenu, trayTooltip, trayView } from './tray-view.ts';

export interface MailtrayAppOptions {
  shell: Shell;
  settings: Settings;
  requestCounts: RequestCounts;
  spawnServer: SpawnServer;
  timers?: Timers;
  random?: () => number;
  waitSeconds?: number;
  burstMs?: number;
}

const noCounts: CountsView = { total: 0, mailboxes: [] };

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
  readonly #supervisor: Supervisor;
  readonly #notifier: Notifier;
  // Made at each start; the bundled server gets only its sha256: form.
  readonly #clientToken = newAppToken();
  #label: ServerLabel = serverLabel({ mode: 'bundled' });
  #counts: CountsView = noCounts;
  #pollerStatus: PollerStatus = { state: 'stopped' };
  #supervisorStatus: SupervisorStatus = { state: 'stopped' };
  #snoozedUntil: number | null = null;
  /** When the server last vouched for the counts shown (see AppStatus.countsConfirmedAt). */
  #confirmedAt: number | null = null;
  /** Bundled accounts the server was given no source for, and why: shown as those mailboxes' errors. */
  #unusable = new Map<string, string>();
  #cancelSnooze: (() => void) | undefined;
  #sent = { counts: '', status: '', tray: '', badge: '' };

  constructor(options: MailtrayAppOptions) {
    this.#shell = options.shell;
    this.#settings = options.settings;
    this.#timers = options.timers ?? realTimers;
    this.#requestCounts = options.requestCounts;
    const random = options.random ?? Math.random;
    this.#poller = new Poller({
      requestCounts: options.requestCounts,
      timers: this.#timers,
      random,
      ...(options.waitSeconds === undefined ? {} : { waitSeconds: options.waitSeconds }),
      onStatus: (status) => {
        // Live until now: the counts held good up to this moment.
        if (this.#pollerStatus.state === 'live' && status.state !== 'live') this.#confirmedAt = this.#timers.now();
        this.#pollerStatus = status;
        this.#render();
      },
      onAnswer: (answer, { isFirst }) => this.#onAnswer(answer, isFirst),
    });
    this.#supervisor = new Supervisor({
      spawn: options.spawnServer,
      config: () => {
        const bundled = this.#settings.bundledAccounts();
        this.#unusable = bundled.unusable;
        return bundledServerConfig(bundled, this.#clientToken.hashed);
      },
      timers: this.#timers,
      random,
      onStatus: (status) => this.#onSupervisor(status),
    });
    this.#notifier = new Notifier({
      timers: this.#timers,
      settings: () => this.#settings.stored.notifications,
      snoozedUntil: () => this.#snoozedUntil,
      show: (notification) => this.#notify(notification),
      ...(options.burstMs === undefined ? {} : { burstMs: options.burstMs }),
    });
  }

  start(): void {
    // Re-asserted at each start (the app may have moved, e.g. a new AppImage path); turned off only on a change.
    if (this.#settings.stored.general.launchAtLogin) this.#shell.setLaunchAtLogin(true);
    // A snooze outlives a restart; one that ran out meanwhile is dropped.
    this.setSnooze(this.#settings.snoozedUntil);
    this.#applyServer();
    this.#render();
  }

  async stop(): Promise<void> {
    this.#poller.stop();
    this.#notifier.reset();
    this.#cancelSnooze?.();
    await this.#supervisor.stop();
  }

  snapshot(): AppSnapshot {
    const connection = connectionStatus(this.#label, this.#pollerStatus, this.#supervisorStatus);
    return {
      counts: this.#counts,
      status: {
        connection,
        warnings: this.#settings.warnings(),
        snoozedUntil: this.#snoozedUntil,
        countsConfirmedAt: this.#confirmedAt,
      },
    };
  }

  /** Saves settings from the window; a new server is polled at once, without a restart. */
  saveSettings(input: unknown): SaveResult {
    const before = this.#settings.stored;
    const result = this.#settings.save(input);
    if (!result.ok) return result;
    const after = this.#settings.stored;
    if (JSON.stringify(before.server) !== JSON.stringify(after.server)) {
      this.#applyServer();
    } else if (after.server.mode === 'bundled' && JSON.stringify(before.accounts) !== JSON.stringify(after.accounts)) {
      // New accounts are a new bundled server config: restart it; its first answer is a silent baseline.
      this.#counts = noCounts;
      void this.#supervisor.restart();
    }
    if (before.general.launchAtLogin !== after.general.launchAtLogin) this.#shell.setLaunchAtLogin(after.general.launchAtLogin);
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

  setOnline(isOnline: boolean): void {
    this.#poller.setOnline(isOnline);
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

  /** Opens the mailbox's web address from the settings; without one, the window. */
  openMailbox(id: string): void {
    const url = this.#settings.webUrlOf(id);
    if (isOpenableAddress(url)) this.#shell.openExternal(url);
    else this.#shell.showWindow();
  }

  handleMenu(action: MenuAction): void {
    switch (action.type) {
      case 'open':
        return this.#shell.showWindow();
      case 'settings':
        this.#shell.showWindow();
        return this.#shell.send('settings:show', null);
      case 'retry':
        return this.retryNow();
      case 'mailbox':
        return this.openMailbox(action.id);
      case 'snooze':
        return this.setSnooze(snoozeUntil(action.choice, this.#timers.now()));
      case 'quit':
        return this.#shell.quit();
    }
  }

  #applyServer(): void {
    const remote = this.#settings.remoteEndpoint();
    this.#notifier.reset();
    this.#counts = noCounts;
    this.#confirmedAt = null;
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

  #onSupervisor(status: SupervisorStatus): void {
    this.#supervisorStatus = status;
    if (this.#label.mode === 'bundled') {
      if (status.state === 'running') this.#poller.connect({ url: status.url, token: this.#clientToken.token });
      else this.#poller.stop();
    }
    this.#render();
  }

  #onAnswer(answer: CountsAnswer, isFirst: boolean): void {
    const mailboxes = answer.mailboxes.map((mailbox): Mailbox => {
      const unusable = this.#label.mode === 'bundled' ? this.#unusable.get(mailbox.id) : undefined;
      return unusable === undefined ? mailbox : { ...mailbox, state: 'error', error: unusable };
    });
    this.#confirmedAt = this.#timers.now();
    this.#counts = {
      total: mailboxes.reduce((sum, m) => sum + m.count, 0),
      mailboxes: mailboxes.map((mailbox) => {
        const webUrl = this.#settings.webUrlOf(mailbox.id);
        return webUrl ? { ...mailbox, webUrl } : mailbox;
      }),
    };
    this.#notifier.update(mailboxes, { isFirst });
    this.#render();
  }

  #notify(notification: PlannedNotification): void {
    const silent = !this.#settings.stored.notifications.sound;
    this.#shell.showNotification({ ...notification, silent }, () => {
      if (notification.mailboxIds.length === 1) this.openMailbox(notification.mailboxIds[0]!);
      else this.#shell.showWindow();
    });
  }

  /** Tells the tray, badge and window what changed, and nothing when nothing did. */
  #render(): void {
    const snapshot = this.snapshot();
    const platform = this.#shell.platform;
    const counts = JSON.stringify(snapshot.counts);
    const status = JSON.stringify(snapshot.status);
    const state = snapshot.status.connection.state;
    const now = this.#timers.now();
    const iconStyle = this.#settings.stored.general.trayIcon ?? 'colour';
    const tray = JSON.stringify([state, snapshot.counts.total, iconStyle, trayTooltip(snapshot, now), trayMenu(snapshot, now)]);
    const badge = JSON.stringify([state, snapshot.counts.total]);
    if (tray !== this.#sent.tray) this.#shell.setTray(trayView(snapshot, platform, now, iconStyle));
    if (badge !== this.#sent.badge) this.#shell.setBadge(badgeView(snapshot, platform));
    if (counts !== this.#sent.counts) this.#shell.send('counts:changed', snapshot.counts);
    if (status !== this.#sent.status) this.#shell.send('status:changed', snapshot.status);
    this.#sent = { counts, status, tray, badge };
  }
}
