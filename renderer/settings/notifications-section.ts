import { h } from '../dom.ts';
import { checkboxField, inputField, selectField, type FieldSlot } from './form-fields.ts';
import type { SettingsDraft } from './settings-draft.ts';

export interface NotificationsSection {
  element: HTMLElement;
  fields: FieldSlot[];
  read(): SettingsDraft['notifications'];
}

/** Notifications: on/off, sound, summary at start, quiet hours; the snooze control sits at the end. */
export function notificationsSection(values: SettingsDraft['notifications'], snooze: HTMLElement): NotificationsSection {
  const enabled = checkboxField('Show a notification when new mail arrives', 'notifications.enabled', values.enabled);
  const sound = checkboxField('Play a sound', 'notifications.sound', values.sound);
  // Some people do not want subjects on a screen others can see.
  const detail = selectField('Notifications show', 'notifications.detail', values.detail, [
    ['sender-and-subject', 'Sender and subject'],
    ['sender', 'Sender only'],
    ['count', 'The count only'],
  ]);
  const summary = checkboxField('Show a summary at start', 'notifications.summaryAtStart', values.summaryAtStart,
    'One notification with the counts after Mailtray starts or reconnects.');
  const quiet = checkboxField('Quiet hours', 'notifications.quietHours.enabled', values.quietEnabled,
    'No notifications between these times; the tray still counts.');
  const start = inputField({ label: 'From', path: 'notifications.quietHours.start', value: values.quietStart, type: 'time', narrow: true });
  const end = inputField({ label: 'To', path: 'notifications.quietHours.end', value: values.quietEnd, type: 'time', narrow: true });

  const element = h('fieldset', { class: 'section' },
    h('legend', {}, 'Notifications'),
    enabled.row, sound.row, detail.row, summary.row, quiet.row,
    h('div', { class: 'field-pair indent' }, start.row, end.row),
    snooze);

  return {
    element,
    fields: [enabled.field, sound.field, detail.field, summary.field, quiet.field, start.field, end.field],
    read: () => ({
      enabled: enabled.input.checked,
      sound: sound.input.checked,
      summaryAtStart: summary.input.checked,
      quietEnabled: quiet.input.checked,
      quietStart: start.input.value,
      quietEnd: end.input.value,
      detail: detail.select.value as SettingsDraft['notifications']['detail'],
    }),
  };
}
