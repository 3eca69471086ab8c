import { h, uniqueId } from '../dom.ts';
import { worded } from '../words.ts';
import { checkboxField, inputField, selectField, textAreaField, type FieldSlot } from './form-fields.ts';
import type { HooksDraft } from './hooks-draft.ts';
import type { KnownMailbox } from './mailboxes-section.ts';

export interface HooksSection {
  element: HTMLElement;
  fields: FieldSlot[];
  read(): HooksDraft;
}

/**
 * "Run a program on new mail": on or off, the program's path, its arguments
 * one per line, for which mailboxes, its time limit, and what it is told.
 * The fields stay editable while it is off, so a hook can be set up first
 * and turned on after.
 */
export function hooksSection(values: HooksDraft, known: readonly KnownMailbox[]): HooksSection {
  const enabled = checkboxField('hooks.settings.enabled', 'hooks.enabled', values.enabled);
  const program = inputField({ label: 'hooks.settings.program', path: 'hooks.program', value: values.program, hint: 'hooks.settings.programHint' });
  const args = textAreaField({ label: 'hooks.settings.args', path: 'hooks.args', value: values.args, hint: 'hooks.settings.argsHint' });
  const scope = selectField<HooksDraft['scope']>('hooks.settings.mailboxes', 'hooks.mailboxes', values.scope, [
    ['all', { key: 'hooks.settings.every' }], ['some', { key: 'hooks.settings.only' }],
  ]);
  // Saved ids the window no longer sees stay ticked (a mailbox may be away for a while), under their ids.
  const ids = [...new Set([...known.map((m) => m.id), ...values.mailboxes])];
  const ticks = ids.map((id) => {
    const input = h('input', { type: 'checkbox', id: uniqueId('hook-mailbox'), value: id });
    input.checked = values.mailboxes.includes(id);
    const label = h('label', { for: input.id, dir: 'auto' }, known.find((m) => m.id === id)?.name ?? id);
    return { id, input, row: h('span', { class: 'hook-mailbox' }, input, label) };
  });
  const picks = h('div', { class: 'hook-mailboxes indent', role: 'group' }, ...ticks.map((tick) => tick.row));
  picks.setAttribute('aria-labelledby', scope.select.id);
  const showPicks = () => { picks.hidden = scope.select.value !== 'some'; };
  scope.select.addEventListener('change', showPicks);
  showPicks();
  const timeout = inputField({
    label: 'hooks.settings.timeout', path: 'hooks.timeoutSeconds', value: values.timeoutSeconds, inputmode: 'numeric', narrow: true,
  });
  const sees = worded(h('p', { class: 'hint hook-sees' }), 'hooks.settings.sees');

  const element = h('fieldset', { class: 'section' },
    worded(h('legend'), 'hooks.settings.legend'),
    enabled.row, sees, program.row, args.row, scope.row, picks, timeout.row);
  return {
    element,
    fields: [enabled.field, program.field, args.field, scope.field, timeout.field],
    read: () => ({
      enabled: enabled.input.checked,
      program: program.input.value,
      args: args.textarea.value,
      scope: scope.select.value as HooksDraft['scope'],
      mailboxes: ticks.filter((tick) => tick.input.checked).map((tick) => tick.id),
      timeoutSeconds: timeout.input.value,
    }),
  };
}
