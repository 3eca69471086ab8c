import type { FieldError, MailtrayApi, SettingsView, TrayIconStyle } from '../../main/ipc-contract.ts';
import { accountsSection } from './accounts-section.ts';
import { h, setText } from '../dom.ts';
import { TRAY_ICON_STYLES, trayIconStyleNames } from '../../common/settings-rules.ts';
import { checkboxField, selectField, type FieldSlot } from './form-fields.ts';
import { mailboxesSection, type KnownMailbox } from './mailboxes-section.ts';
import { notificationsSection } from './notifications-section.ts';
import { serverSection } from './server-section.ts';
import { draftFromView, settingsFromDraft, type SettingsDraft } from './settings-draft.ts';
import { snoozeControl } from '../snooze-control.ts';
import { tabs } from '../tabs.ts';
import { currentWords } from '../words.ts';

export interface SettingsPanel {
  element: HTMLElement;
  /** Settings from main: shown at once unless the user has unsaved edits. */
  showSettings(view: SettingsView): void;
  showSnooze(snoozedUntil: number | null, now: number): void;
}

/** One section of the form as drawn from the settings: its fieldset and the fields that problems can name. */
interface DrawnSection {
  element: HTMLElement;
  /** The field for a problem's path ("accounts.1.port"), opening what hides it; undefined when not this section's. */
  fieldFor(path: string): FieldSlot | undefined;
  allFields(): FieldSlot[];
  /** This section's part of the draft. */
  read(): Partial<SettingsDraft>;
}

interface SectionKind {
  label: string;
  /** The first part of the field paths this section holds ("server" for "server.url"). */
  owns: string;
}

// The sections, in the order of the section tabs. A new group of settings is a new entry here and in draw().
const sectionKinds: SectionKind[] = [
  { label: 'Server', owns: 'server' },
  { label: 'Accounts', owns: 'accounts' },
  { label: 'Notifications', owns: 'notifications' },
  { label: 'Mailboxes', owns: 'mailboxes' },
  { label: 'General', owns: 'general' },
];
const ACCOUNTS = sectionKinds.findIndex((kind) => kind.owns === 'accounts');

const fixedFields = (fields: FieldSlot[]) => ({
  fieldFor: (path: string) => fields.find((field) => field.path === path),
  allFields: () => fields,
});

/**
 * Settings in sections a person can find at a glance (Server, Accounts,
 * Notifications, General), one shown at a time, all saved with one button.
 * Accounts are hidden while a remote server is chosen: its operator has them.
 */
export function settingsPanel(api: MailtrayApi, now: () => number, knownMailboxes: () => KnownMailbox[] = () => []): SettingsPanel {
  const snooze = snoozeControl(api, now);
  const panels = sectionKinds.map(() => h('div', { class: 'section-panel' }));
  const sectionTabs = tabs(sectionKinds.map((kind, i) => ({ label: kind.label, panel: panels[i]! })),
    { label: 'Settings sections', className: 'section-tabs' });
  const saveButton = h('button', { type: 'submit', class: 'primary' }, 'Save');
  const message = h('p', { class: 'save-message', role: 'status' });
  const problems = h('ul', { class: 'save-problems', hidden: true });
  const form = h('form', { class: 'settings', novalidate: true, 'aria-label': 'Settings' },
    sectionTabs.element,
    h('div', { class: 'sections' }, ...panels),
    h('div', { class: 'save-bar' }, saveButton, message),
    problems);

  let drawn: DrawnSection[] = [];
  let edited = false;
  let saving = false;

  const showAccounts = (mode: SettingsDraft['serverMode']) => sectionTabs.setHidden(ACCOUNTS, mode === 'remote');

  const draw = (view: SettingsView): DrawnSection[] => {
    const draft = draftFromView(view);
    const server = serverSection(view.server, api, showAccounts);
    const accounts = accountsSection(draft.accounts, () => { edited = true; }, api);
    const notifications = notificationsSection(draft.notifications, snooze.element);
    const mailboxes = mailboxesSection(knownMailboxes(), draft.mailboxes ?? [], view.server.mode === 'remote');
    const launch = checkboxField('Start Mailtray when I log in', 'general.launchAtLogin', draft.launchAtLogin);
    const trayIcon = selectField<TrayIconStyle>('Tray icon', 'general.trayIcon', draft.trayIcon,
      TRAY_ICON_STYLES.map((style) => [style, trayIconStyleNames[style]]));
    return [
      { element: server.element, ...fixedFields(server.fields), read: () => server.read() },
      { element: accounts.element, fieldFor: accounts.fieldFor, allFields: accounts.allFields, read: () => ({ accounts: accounts.read() }) },
      { element: notifications.element, ...fixedFields(notifications.fields), read: () => ({ notifications: notifications.read() }) },
      { element: mailboxes.element, fieldFor: mailboxes.fieldFor, allFields: mailboxes.allFields, read: () => ({ mailboxes: mailboxes.read() }) },
      {
        element: h('fieldset', { class: 'section' }, h('legend', {}, 'General'), launch.row, trayIcon.row,
          h('p', { class: 'hint' }, 'One colour suits a panel that shows only one-colour icons. On macOS the menu bar colours the icon itself.')),
        ...fixedFields([launch.field, trayIcon.field]),
        read: () => ({ launchAtLogin: launch.input.checked, trayIcon: trayIcon.select.value as TrayIconStyle }),
      },
    ];
  };

  const render = (view: SettingsView) => {
    drawn = draw(view);
    drawn.forEach((section, i) => panels[i]!.replaceChildren(section.element));
    sectionKinds.forEach((_, i) => sectionTabs.setProblem(i, false));
    edited = false;
  };
  const read = (): SettingsDraft => Object.assign({}, ...drawn.map((section) => section.read())) as SettingsDraft;
  const sectionOf = (path: string) => sectionKinds.findIndex((kind) => path.split('.')[0] === kind.owns);

  form.addEventListener('input', () => { edited = true; });
  form.addEventListener('change', () => { edited = true; });

  /**
   * Puts each problem beside its field and marks its section's tab; the first
   * problem's section is shown and its field focused. Problems without a
   * field go in the list under Save.
   */
  const showProblems = (errors: FieldError[]) => {
    for (const field of drawn.flatMap((section) => section.allFields())) field.showError(undefined);
    const loose: FieldError[] = [];
    const marked = new Set<number>();
    let first: { field: FieldSlot; section: number } | undefined;
    for (const error of errors) {
      const section = sectionOf(error.field);
      const field = drawn[section]?.fieldFor(error.field);
      if (!field) { loose.push(error); continue; }
      field.showError(currentWords().say(error.message));
      marked.add(section);
      first ??= { field, section };
    }
    sectionKinds.forEach((_, i) => sectionTabs.setProblem(i, marked.has(i)));
    problems.replaceChildren(...loose.map((error) => h('li', {}, currentWords().say(error.message))));
    problems.hidden = loose.length === 0;
    const count = errors.length === 1 ? '1 problem' : `${errors.length} problems`;
    setText(message, `Not saved: ${count} to fix${first ? ', marked beside the fields' : ''}.`);
    message.className = 'save-message problem';
    if (first) {
      sectionTabs.select(first.section);
      first.field.control.focus();
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (drawn.length === 0 || saving) return;
    const result = settingsFromDraft(read());
    if (!result.ok) { showProblems(result.errors); return; }
    saving = true;
    setText(message, 'Saving…');
    message.className = 'save-message';
    try {
      const answer = await api.saveSettings(result.settings);
      if (!answer.ok) { showProblems(answer.errors); return; }
      // Re-render from main's answer: passwords typed here leave the window with it.
      render(answer.settings);
      problems.hidden = true;
      setText(message, 'Saved. The changes apply now.');
      message.className = 'save-message ok';
    } catch (error) {
      setText(message, `Not saved: ${error instanceof Error ? error.message : String(error)}`);
      message.className = 'save-message problem';
    } finally {
      saving = false;
    }
  });

  return {
    element: form,
    showSettings(view) {
      if (edited || saving) return;
      // Settings changed elsewhere redraw the form: keep a keyboard user's place in it.
      const controls = () => [...form.querySelectorAll<HTMLElement>('.sections input, .sections select, .sections button, .sections summary')];
      const place = controls().indexOf(document.activeElement as HTMLElement);
      render(view);
      if (place >= 0) controls()[place]?.focus();
    },
    showSnooze: (snoozedUntil, at) => snooze.show(snoozedUntil, at),
  };
}
