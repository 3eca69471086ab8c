import type { FieldError, MailtrayApi, SettingsView } from '../main/ipc-contract.ts';
import { accountsSection, type AccountsSection } from './accounts-section.ts';
import { h, setText } from './dom.ts';
import { checkboxField, type FieldSlot } from './form-fields.ts';
import { notificationsSection } from './notifications-section.ts';
import { serverSection } from './server-section.ts';
import { draftFromView, settingsFromDraft, type SettingsDraft } from './settings-draft.ts';
import { snoozeControl } from './snooze-control.ts';

export interface SettingsPanel {
  element: HTMLElement;
  /** Settings from main: shown at once unless the user has unsaved edits. */
  showSettings(view: SettingsView): void;
  showSnooze(snoozedUntil: number | null, now: number): void;
}

interface RenderedForm {
  read(): SettingsDraft;
  fieldFor(path: string): FieldSlot | undefined;
  allFields(): FieldSlot[];
}

/** The one settings screen, saved with one button. */
export function settingsPanel(api: MailtrayApi, now: () => number): SettingsPanel {
  const snooze = snoozeControl(api, now);
  const sections = h('div', { class: 'sections' });
  const saveButton = h('button', { type: 'submit', class: 'primary' }, 'Save');
  const message = h('p', { class: 'save-message', role: 'status' });
  const problems = h('ul', { class: 'save-problems', hidden: true });
  const form = h('form', { class: 'settings', novalidate: true, 'aria-label': 'Settings' },
    sections,
    h('div', { class: 'save-bar' }, saveButton, message),
    problems);

  let rendered: RenderedForm | undefined;
  let edited = false;
  let saving = false;

  const render = (view: SettingsView) => {
    const draft = draftFromView(view);
    const server = serverSection(view.server, api);
    const accounts: AccountsSection = accountsSection(draft.accounts, () => { edited = true; });
    const notifications = notificationsSection(draft.notifications, snooze.element);
    const launch = checkboxField('Start Mailtray when I log in', 'general.launchAtLogin', draft.launchAtLogin);
    const general = h('fieldset', { class: 'section' }, h('legend', {}, 'General'), launch.row);
    sections.replaceChildren(server.element, accounts.element, notifications.element, general);
    const fixed = [...server.fields, ...notifications.fields, launch.field];
    rendered = {
      read: () => ({ ...server.read(), accounts: accounts.read(), notifications: notifications.read(), launchAtLogin: launch.input.checked }),
      fieldFor: (path) => fixed.find((field) => field.path === path) ?? accounts.fieldFor(path),
      allFields: () => [...fixed, ...accounts.allFields()],
    };
    edited = false;
  };

  form.addEventListener('input', () => { edited = true; });
  form.addEventListener('change', () => { edited = true; });

  /** Puts each problem beside its field; the ones without a field go in the list under Save. */
  const showProblems = (errors: FieldError[]) => {
    if (!rendered) return;
    for (const field of rendered.allFields()) field.showError(undefined);
    const loose: FieldError[] = [];
    let first: FieldSlot | undefined;
    for (const error of errors) {
      const field = rendered.fieldFor(error.field);
      if (!field) { loose.push(error); continue; }
      field.showError(error.message);
      first ??= field;
    }
    problems.replaceChildren(...loose.map((error) => h('li', {}, error.message)));
    problems.hidden = loose.length === 0;
    const count = errors.length === 1 ? '1 problem' : `${errors.length} problems`;
    setText(message, `Not saved: ${count} to fix${first ? ', marked beside the fields' : ''}.`);
    message.className = 'save-message problem';
    first?.control.focus();
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!rendered || saving) return;
    const result = settingsFromDraft(rendered.read());
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
      const controls = () => [...sections.querySelectorAll<HTMLElement>('input, select, button, summary')];
      const place = controls().indexOf(document.activeElement as HTMLElement);
      render(view);
      if (place >= 0) controls()[place]?.focus();
    },
    showSnooze: (snoozedUntil, at) => snooze.show(snoozedUntil, at),
  };
}
