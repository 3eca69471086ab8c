import { mailboxColours } from '../../common/settings-rules.ts';
import { h } from '../dom.ts';
import { checkboxField, inputField, selectField, type FieldSlot } from './form-fields.ts';
import { mailboxDraft, type MailboxDraft } from './settings-draft.ts';

export interface MailboxesSection {
  element: HTMLElement;
  fieldFor(path: string): FieldSlot | undefined;
  allFields(): FieldSlot[];
  read(): MailboxDraft[];
}

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
export function mailboxesSection(known: readonly KnownMailbox[], saved: readonly MailboxDraft[], isRemote: boolean): MailboxesSection {
  const ids = [...new Set([...known.map((m) => m.id), ...saved.map((m) => m.id)])];
  const rows = ids.map((id, index) => {
    const draft = saved.find((m) => m.id === id) ?? mailboxDraft({ id });
    const name = known.find((m) => m.id === id)?.name ?? id;
    const path = (field: string) => `mailboxes.${index}.${field}`;
    const muted = checkboxField('Mute (count, never notify)', path('muted'), draft.muted);
    const inTotal = checkboxField('Count in the total', path('inTotal'), draft.inTotal);
    const colour = selectField('Colour', path('colour'), draft.colour,
      [['', 'None'], ...mailboxColours.map(({ name: colourName, value }): [string, string] => [value, colourName])]);
    const webUrl = inputField({
      label: 'Web address', path: path('webUrl'), value: draft.webUrl, inputmode: 'url',
      hint: 'Opened by a click on this mailbox or its notification.',
    });
    webUrl.row.hidden = !isRemote;
    const fields = [muted.field, inTotal.field, colour.field, webUrl.field];
    const element = h('fieldset', { class: 'mailbox-settings', 'data-mailbox': id },
      h('legend', {}, name), muted.row, inTotal.row, colour.row, webUrl.row);
    return {
      element,
      fields,
      read: (): MailboxDraft => ({
        id, muted: muted.input.checked, inTotal: inTotal.input.checked, colour: colour.select.value, webUrl: webUrl.input.value,
      }),
    };
  });
  const empty = h('p', { class: 'hint' }, 'The mailboxes appear here once the server has shown them.');
  const element = h('fieldset', { class: 'section' }, h('legend', {}, 'Mailboxes'),
    ...(rows.length === 0 ? [empty] : rows.map((row) => row.element)));
  const allFields = () => rows.flatMap((row) => row.fields);
  return {
    element,
    fieldFor: (path) => allFields().find((field) => field.path === path),
    allFields,
    read: () => rows.map((row) => row.read()),
  };
}
