import { languageNames, PSEUDO_LANGUAGE, shippedLanguages, type Language, type LanguageChoice } from '../../common/i18n/languages.ts';
import type { FieldError, LanguageView, MailtrayApi, SettingsView, TrayIconStyle, UpdateView } from '../../main/ipc-contract.ts';
import { accountsSection } from './accounts-section.ts';
import { h } from '../dom.ts';
import { TRAY_ICON_STYLES } from '../../common/settings-rules.ts';
import { checkboxField, inputField, selectField, type FieldSlot } from './form-fields.ts';
import { mailboxesSection, type KnownMailbox } from './mailboxes-section.ts';
import { notificationsSection } from './notifications-section.ts';
import { hooksSection } from './hooks-section.ts';
import { hooksDraft } from './hooks-draft.ts';
import { serverSection } from './server-section.ts';
import { draftFromView, settingsFromDraft, type SettingsDraft } from './settings-draft.ts';
import { snoozeControl } from '../snooze-control.ts';
import { tabs } from '../tabs.ts';
import type { MessageKey } from '../../common/i18n/catalogues/en.ts';
import { worded, wordedAs } from '../words.ts';
import { updatesFields } from './updates-fields.ts';

export interface SettingsPanel {
  element: HTMLElement;
  /** Settings from main: shown at once unless the user has unsaved edits. */
  showSettings(view: SettingsView): void;
  showSnooze(snoozedUntil: number | null, now: number): void;
  /** The language main speaks: the Language select's "System (한국어)" names the system's. */
  showLanguage(language: LanguageView): void;
  /** What main says about updates: the Updates part's status line. */
  showUpdate(update: UpdateView | undefined): void;
  /** Shows the Accounts section with the account of mailbox `id` open at its folder picker ("Pick folders again"). */
  pickFolders(id: string): void;
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
  label: MessageKey;
  /** The first part of the field paths this section holds ("server" for "server.url"). */
  owns: string;
}

// The sections, in the order of the section tabs. A new group of settings is a new entry here and in draw().
const sectionKinds: SectionKind[] = [
  { label: 'settings.section.server', owns: 'servers' },
  { label: 'settings.section.accounts', owns: 'accounts' },
  { label: 'settings.section.notifications', owns: 'notifications' },
  { label: 'settings.section.mailboxes', owns: 'mailboxes' },
  { label: 'hooks.settings.section', owns: 'hooks' },
  { label: 'settings.section.general', owns: 'general' },
];
const trayIconStyleWords: Record<TrayIconStyle, MessageKey> = {
  colour: 'settings.general.trayIconColour',
  'light-panel': 'settings.general.trayIconLightPanel',
  'dark-panel': 'settings.general.trayIconDarkPanel',
};
const ACCOUNTS = sectionKinds.findIndex((kind) => kind.owns === 'accounts');

const fixedFields = (fields: FieldSlot[]) => ({
  fieldFor: (path: string) => fields.find((field) => field.path === path),
  allFields: () => fields,
});

/**
 * Settings in sections a person can find at a glance (Server, Accounts,
 * Notifications, General), one shown at a time, all saved with one button.
 * Accounts are hidden while the bundled server is not followed: they are its.
 */
export function settingsPanel(api: MailtrayApi, now: () => number, knownMailboxes: () => KnownMailbox[] = () => []): SettingsPanel {
  const snooze = snoozeControl(api, now);
  const panels = sectionKinds.map(() => h('div', { class: 'section-panel' }));
  const sectionTabs = tabs(sectionKinds.map((kind, i) => ({ label: kind.label, panel: panels[i]! })),
    { label: 'settings.sections.label', className: 'section-tabs' });
  const saveButton = worded(h('button', { type: 'submit', class: 'primary' }), 'settings.save');
  const message = h('p', { class: 'save-message', role: 'status' });
  const problems = h('ul', { class: 'save-problems', hidden: true });
  const form = worded(h('form', { class: 'settings', novalidate: true },
    sectionTabs.element,
    h('div', { class: 'sections' }, ...panels),
    h('div', { class: 'save-bar' }, saveButton, message),
    problems), 'settings.label', undefined, 'aria-label');

  let drawn: DrawnSection[] = [];
  let pickAccountFolders: (id: string) => boolean = () => false;
  let spoken: LanguageView | undefined;
  let systemChoice: HTMLOptionElement | undefined;
  const nameSystem = () => {
    if (systemChoice && spoken) worded(systemChoice, 'settings.general.languageSystem', { language: languageNames[spoken.system] });
  };
  let edited = false;
  let saving = false;
  // Kept across redraws of the form: main's word on updates arrives with the status, not the settings.
  const updateStatus = h('p', { class: 'hint update-status' });

  // The accounts are the bundled server's: hidden while it is not followed.
  const showAccounts = (isBundledFollowed: boolean) => sectionTabs.setHidden(ACCOUNTS, !isBundledFollowed);

  const draw = (view: SettingsView): DrawnSection[] => {
    const draft = draftFromView(view);
    const server = serverSection(view.servers, api, showAccounts, () => { edited = true; });
    const accounts = accountsSection(draft.accounts, () => { edited = true; }, api);
    pickAccountFolders = accounts.pickFolders;
    const notifications = notificationsSection(draft.notifications, snooze.element);
    const mailboxes = mailboxesSection(knownMailboxes(), draft.mailboxes ?? [], api);
    const hooks = hooksSection(draft.hooks ?? hooksDraft(undefined), knownMailboxes());
    const launch = checkboxField('settings.general.launchAtLogin', 'general.launchAtLogin', draft.launchAtLogin);
    const shortcut = inputField({
      label: 'hooks.settings.shortcut', path: 'general.shortcut', value: draft.shortcut ?? '', hint: 'hooks.settings.shortcutHint',
    });
    const trayIcon = selectField<TrayIconStyle>('settings.general.trayIcon', 'general.trayIcon', draft.trayIcon,
      TRAY_ICON_STYLES.map((style) => [style, { key: trayIconStyleWords[style] }]));
    // Each language in its own name, so a person who cannot read the current one still finds theirs.
    // The pseudo-locale is never offered; chosen by name in the settings file, it stays chosen.
    const offered: Language[] = [...shippedLanguages, ...(draft.language === PSEUDO_LANGUAGE ? [PSEUDO_LANGUAGE] as const : [])];
    const language = selectField<LanguageChoice>('settings.general.language', 'general.language', draft.language, [
      ['system', { key: 'settings.general.languageSystem', values: { language: languageNames[spoken?.system ?? 'en'] } }],
      ...offered.map((choice): [LanguageChoice, string] => [choice, languageNames[choice]]),
    ]);
    for (const option of language.select.options) option.lang = option.value === 'system' ? '' : option.value;
    systemChoice = language.select.options[0];
    const updates = updatesFields(view.updates, updateStatus);
    return [
      { element: server.element, fieldFor: server.fieldFor, allFields: server.allFields, read: () => server.read() },
      { element: accounts.element, fieldFor: accounts.fieldFor, allFields: accounts.allFields, read: () => ({ accounts: accounts.read() }) },
      { element: notifications.element, ...fixedFields(notifications.fields), read: () => ({ notifications: notifications.read() }) },
      { element: mailboxes.element, fieldFor: mailboxes.fieldFor, allFields: mailboxes.allFields, read: () => ({ mailboxes: mailboxes.read() }) },
      { element: hooks.element, ...fixedFields(hooks.fields), read: () => ({ hooks: hooks.read(), hasSavedHooks: draft.hasSavedHooks === true }) },
      {
        element: h('fieldset', { class: 'section' }, worded(h('legend'), 'settings.general.legend'), language.row, launch.row, trayIcon.row,
          worded(h('p', { class: 'hint' }), 'settings.general.trayIconHint'), shortcut.row, updates.element),
        ...fixedFields([language.field, launch.field, trayIcon.field, shortcut.field, ...updates.fields]),
        read: () => ({
          launchAtLogin: launch.input.checked,
          trayIcon: trayIcon.select.value as TrayIconStyle,
          language: language.select.value as LanguageChoice,
          updates: updates.read(),
          shortcut: shortcut.input.value,
          savedShortcut: draft.savedShortcut ?? '',
        }),
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
  // The Updates settings sit in General.
  const sectionOf = (path: string) => sectionKinds.findIndex((kind) => path.split('.')[0]!.replace(/^updates$/, 'general') === kind.owns);

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
      field.showError(error.message);
      marked.add(section);
      first ??= { field, section };
    }
    sectionKinds.forEach((_, i) => sectionTabs.setProblem(i, marked.has(i)));
    problems.replaceChildren(...loose.map((error) => wordedAs(h('li'), error.message)));
    problems.hidden = loose.length === 0;
    worded(message, first ? 'settings.save.problemsMarked' : 'settings.save.problems', { count: errors.length });
    message.className = 'save-message problem';
    if (first) {
      sectionTabs.select(first.section);
      first.field.control.focus();
      // The focus brings the field into view; its problem's words under it must be too.
      first.field.control.closest('.field')?.scrollIntoView({ block: 'nearest' });
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (drawn.length === 0 || saving) return;
    const result = settingsFromDraft(read());
    if (!result.ok) { showProblems(result.errors); return; }
    saving = true;
    worded(message, 'settings.save.saving');
    message.className = 'save-message';
    try {
      const answer = await api.saveSettings(result.settings);
      if (!answer.ok) { showProblems(answer.errors); return; }
      // Re-render from main's answer: passwords typed here leave the window with it.
      render(answer.settings);
      problems.hidden = true;
      worded(message, 'settings.save.saved');
      message.className = 'save-message ok';
    } catch (error) {
      worded(message, 'settings.save.failed', { reason: error instanceof Error ? error.message : String(error) });
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
      const controls = () => [...form.querySelectorAll<HTMLElement>('.sections input, .sections select, .sections textarea, .sections button, .sections summary')];
      const place = controls().indexOf(document.activeElement as HTMLElement);
      render(view);
      if (place >= 0) controls()[place]?.focus();
    },
    showSnooze: (snoozedUntil, at) => snooze.show(snoozedUntil, at),
    pickFolders(id) {
      sectionTabs.select(ACCOUNTS);
      pickAccountFolders(id);
    },
    showLanguage(language) {
      spoken = language;
      nameSystem();
    },
    showUpdate(update) {
      updateStatus.hidden = update === undefined;
      if (update) wordedAs(updateStatus, update.status);
    },
  };
}
