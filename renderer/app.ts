import type { AppSnapshot, AppStatus, CountsView, LanguageView, MailtrayApi, SettingsView } from '../main/ipc-contract.ts';
import { connectionPanel } from './connection-panel.ts';
import { realTimers, type Timers } from '../common/timers.ts';
import { AnnouncementLimiter, announcementText, countChanges, countsOf } from './mail-view/count-announcements.ts';
import { countsPanel } from './mail-view/counts-panel.ts';
import { h, setText } from './dom.ts';
import { settingsPanel } from './settings/settings-panel.ts';
import { snoozeControl } from './snooze-control.ts';
import { tabs } from './tabs.ts';
import { updateNotice } from './update-notice.ts';
import { currentWords, speak, worded } from './words.ts';

export interface WindowOptions {
  api: MailtrayApi;
  root: HTMLElement;
  now: () => number;
  /** Calls `tick` every `ms` (and at once), while the window is shown: the retry countdown and "2 min ago" move with it. */
  every: (ms: number, tick: () => void) => void;
  /** The clock of the screen reader announcements' rate limit; the real one by default. */
  timers?: Timers;
}

const startingStatus: AppStatus = {
  connection: { state: 'connecting', server: { mode: 'bundled', label: 'bundled server', isInsecure: false } },
  warnings: [],
  snoozedUntil: null,
  countsConfirmedAt: null,
};

// Until main says which language it chose, the window speaks English, the catalogues' source.
const englishUntilTold: LanguageView = { choice: 'system', chosen: 'en', system: 'en' };

/** Builds the window and keeps it in step with what main relays. */
export function startWindow({ api, root, now, every, timers = realTimers }: WindowOptions): void {
  const openSettings = () => view.select(1, true);
  const connection = connectionPanel(api, openSettings);
  const update = updateNotice(api);
  // "Pick folders again" under a mailbox whose folder is gone: Settings, its account open at the folder picker.
  const pickFolders = (id: string) => {
    view.select(1);
    settings.pickFolders(id);
  };
  const counts = countsPanel(api, openSettings, pickFolders);
  const settings = settingsPanel(api, now, () => state.counts.mailboxes.map(({ id, name }) => ({ id, name })));
  settings.showLanguage(englishUntilTold);
  // While snoozed, the Mail tab says so too, with the way to end it.
  const mailSnooze = snoozeControl(api, now);
  const mailPanel = h('div', { class: 'panel' }, mailSnooze.element, counts.element);
  const loading = worded(h('p', { class: 'hint' }), 'settings.loading');
  const settingsPanelElement = h('div', { class: 'panel' }, loading, settings.element);
  const view = tabs([{ label: 'window.tab.mail', panel: mailPanel }, { label: 'window.tab.settings', panel: settingsPanelElement }]);
  // Count changes for screen readers (polite: said when the reader is idle), rate-limited; the connection line has its own.
  const countsAnnouncer = h('p', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true', 'data-live': 'counts' });
  const announcer = new AnnouncementLimiter({ timers, say: (changes) => setText(countsAnnouncer, announcementText(changes, currentWords())) });
  root.replaceChildren(
    h('header', { class: 'top' }, connection.element, update.element, view.element),
    h('main', {}, mailPanel, settingsPanelElement),
    countsAnnouncer);

  let state: AppSnapshot = { counts: { total: 0, mailboxes: [] }, status: startingStatus, language: englishUntilTold };
  let heardCounts = false;
  let heardStatus = false;
  let heardLanguage = false;
  let heardSettings = false;

  const draw = () => {
    const at = now();
    connection.show(state.status, at);
    update.show(state.status.update);
    settings.showUpdate(state.status.update);
    const server = state.status.connection.server;
    // Partial: the live servers' counts are current; each server's group says for itself whether it is.
    const isLive = state.status.connection.state === 'live' || state.status.connection.state === 'partial';
    counts.show(state.counts, server.mode, isLive, at, state.status.countsConfirmedAt, state.status.servers);
    settings.showSnooze(state.status.snoozedUntil, at);
    mailSnooze.show(state.status.snoozedUntil, at);
    mailSnooze.element.hidden = state.status.snoozedUntil === null || state.status.snoozedUntil <= at;
    const words = currentWords();
    document.title = state.counts.total > 0 ? words.t('window.title.unread', { count: state.counts.total }) : words.t('window.title');
  };
  const showCounts = (next: CountsView) => {
    // The first counts, or those after a reconnect's empty state, are no change: the counts are read as the page is.
    const before = countsOf(state.counts.mailboxes);
    announcer.push(countChanges(before, next.mailboxes), before);
    heardCounts = true;
    state = { ...state, counts: next };
    draw();
  };
  const showStatus = (next: AppStatus) => { heardStatus = true; state = { ...state, status: next }; draw(); };
  const showSettings = (next: SettingsView) => { heardSettings = true; loading.hidden = true; settings.showSettings(next); };
  // A new language re-words the open window in place (words.ts) and redraws what is drawn each tick.
  const showLanguage = (next: LanguageView) => {
    state = { ...state, language: next };
    settings.showLanguage(next);
    if (speak(next.chosen)) draw();
  };

  // Subscribe before asking, so nothing sent in between is lost; a late answer must not undo a newer event.
  api.onCounts(showCounts);
  api.onStatus(showStatus);
  api.onSettings(showSettings);
  api.onLanguage((next) => { heardLanguage = true; showLanguage(next); });
  api.onShowSettings(openSettings);
  // Should main not answer, the window stays at "Connecting" and takes the next event instead.
  api.getState().then((snapshot) => {
    if (!heardCounts) state = { ...state, counts: snapshot.counts };
    if (!heardStatus) state = { ...state, status: snapshot.status };
    if (!heardLanguage) showLanguage(snapshot.language);
    draw();
  }, (error: unknown) => console.warn('state:get failed', error));
  api.getSettings().then((view) => { if (!heardSettings) showSettings(view); },
    (error: unknown) => console.warn('settings:get failed', error));

  draw();
  every(1000, draw);
}
