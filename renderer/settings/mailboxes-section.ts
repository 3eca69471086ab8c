import type { Words } from '../../common/i18n/translator.ts';
import { mailboxColours } from '../../common/settings-rules.ts';
import type { MessageKey } from '../../common/i18n/catalogues/en.ts';
import { h } from '../dom.ts';
import { worded } from '../words.ts';
import { checkboxField, inputField, selectField, type FieldSlot } from './form-fields.ts';
import { mailboxDraft, type MailboxDraft } from './settings-draft.ts';
import type { MailtrayApi } from '../../main/ipc-contract.ts';
import { mailboxRulesFields } from './mailbox-rules-fields.ts';
import { rulesDraft } from './mailbox-rules-draft.ts';

export interface MailboxesSection {
  element: HTMLElement;
  fieldFor(path: string): FieldSlot | undefined;
  allFields(): FieldSlot[];
  read(): MailboxDraft[];
}

// The colours' names by their English name in common/settings-rules.ts.
const colourWords: Readonly<Record<string, MessageKey>> = {
  Blue: 'settings.mailbox.colourBlue', Red: 'settings.mailbox.colourRed', Green: 'settings.mailbox.colourGreen',
  Orange: 'settings.mailbox.colourOrange', Purple: 'settings.mailbox.colourPurple', Teal: 'settings.mailbox.colourTeal',
  Pink: 'settings.mailbox.colourPink', Grey: 'settings.mailbox.colourGrey',
};

/** A mailbox the window knows of: from the counts, or only from its saved settings. */
export interface KnownMailbox {
  id: string;
  name: string;
}

/**
 * Per mailbox: mute (counted, never notified), leave out of the total, a
 * colour (its count in the window, a dot on the tray icon), and, for a remote
 * server's mailboxes, the web address a click opens.
 */
export function mailboxesSection(
  known: readonly KnownMailbox[], saved: readonly MailboxDraft[], api: Pick<MailtrayApi, 'previewSound' | 'chooseSoundFile'>,
): MailboxesSection {
  const ids = [...new Set([...known.map((m) => m.id), ...saved.map((m) => m.id)])];
  const rows = ids.map((id, index) => {
    const draft = saved.find((m) => m.id === id) ?? mailboxDraft({ id });
    const name = known.find((m) => m.id === id)?.name ?? id;
    const path = (field: string) => `mailboxes.${index}.${field}`;
    const muted = checkboxField('settings.mailbox.muted', path('muted'), draft.muted);
    const inTotal = checkboxField('settings.mailbox.inTotal', path('inTotal'), draft.inTotal);
    const colour = selectField('settings.mailbox.colour', path('colour'), draft.colour,
      [['', { key: 'settings.mailbox.colourNone' }], ...mailboxColours.map(({ name: colourName, value }): [string, Words | string] =>
        [value, colourWords[colourName] ? { key: colourWords[colourName] } : colourName])]);
    const webUrl = inputField({
      label: 'settings.mailbox.webUrl', path: path('webUrl'), value: draft.webUrl, inputmode: 'url',
      hint: 'settings.mailbox.webUrlHint',
    });
    // A remote server's mailbox ("<serverKey>/<id>"); a bundled account has its own address in Accounts.
    webUrl.row.hidden = !id.includes('/');
    const rules = mailboxRulesFields(path, draft.rules ?? rulesDraft({}), api);
    const fields = [muted.field, inTotal.field, colour.field, webUrl.field, ...rules.fields];
    const element = h('fieldset', { class: 'mailbox-settings', 'data-mailbox': id },
      h('legend', { dir: 'auto' }, name), muted.row, inTotal.row, colour.row, webUrl.row, rules.element);
    return {
      element,
      fields,
      read: (): MailboxDraft => ({
        id, muted: muted.input.checked, inTotal: inTotal.input.checked, colour: colour.select.value, webUrl: webUrl.input.value,
        rules: rules.read(),
      }),
    };
  });
  const empty = worded(h('p', { class: 'hint' }), 'settings.mailboxes.empty');
  const element = h('fieldset', { class: 'section' }, worded(h('legend'), 'settings.mailboxes.legend'),
    ...(rows.length === 0 ? [empty] : rows.map((row) => row.element)));
  const allFields = () => rows.flatMap((row) => row.fields);
  return {
    element,
    fieldFor: (path) => allFields().find((field) => field.path === path),
    allFields,
    read: () => rows.map((row) => row.read()),
  };
}
