import { h } from '../dom.ts';
import { worded } from '../words.ts';
import { checkboxField, inputField, selectField, type FieldSlot } from './form-fields.ts';
import type { SettingsDraft } from './settings-draft.ts';
import type { BadgeShows } from '../../main/ipc-contract.ts';
import { optionsDraft } from './mailbox-rules-draft.ts';

export interface NotificationsSection {
  element: HTMLElement;
  fields: FieldSlot[];
  read(): SettingsDraft['notifications'];
}

/** Notifications: on/off, sound, summary at start, quiet hours; the snooze control sits at the end. */
export function notificationsSection(values: SettingsDraft['notifications'], snooze: HTMLElement): NotificationsSection {
  const enabled = checkboxField('settings.notifications.enabled', 'notifications.enabled', values.enabled);
  const sound = checkboxField('settings.notifications.sound', 'notifications.sound', values.sound);
  // Some people do not want subjects on a screen others can see.
  const detail = selectField('settings.notifications.detail', 'notifications.detail', values.detail, [
    ['sender-and-subject', { key: 'settings.notifications.detailSenderAndSubject' }],
    ['sender', { key: 'settings.notifications.detailSender' }],
    ['count', { key: 'settings.notifications.detailCount' }],
  ]);
  const summary = checkboxField('settings.notifications.summary', 'notifications.summaryAtStart', values.summaryAtStart,
    'settings.notifications.summaryHint');
  const quiet = checkboxField('settings.notifications.quietHours', 'notifications.quietHours.enabled', values.quietEnabled,
    'settings.notifications.quietHoursHint');
  const start = inputField({ label: 'settings.notifications.quietFrom', path: 'notifications.quietHours.start', value: values.quietStart, type: 'time', narrow: true });
  const end = inputField({ label: 'settings.notifications.quietTo', path: 'notifications.quietHours.end', value: values.quietEnd, type: 'time', narrow: true });
  // Issue 23: notifications that stay, remind, and what the tray's count says.
  const options = values.options ?? optionsDraft({ enabled: true, sound: true, summaryAtStart: false, quietHours: { enabled: false, start: '', end: '' } });
  const stay = checkboxField('rules.settings.stayOnScreen', 'notifications.stayOnScreen', options.stayOnScreen);
  const reminder = inputField({
    label: 'rules.settings.reminderMinutes', path: 'notifications.reminderMinutes', value: options.reminderMinutes, inputmode: 'numeric',
    narrow: true, hint: 'rules.settings.reminderHint',
  });
  const badge = selectField<BadgeShows>('rules.settings.badgeShows', 'notifications.badgeShows', options.badgeShows, [
    ['unread', { key: 'rules.settings.badgeUnread' }], ['new-since-seen', { key: 'rules.settings.badgeNewSinceSeen' }],
  ]);
  const badgeHint = worded(h('p', { class: 'hint' }), 'rules.settings.badgeHint');
  const hideZero = checkboxField('rules.settings.hideZeroCount', 'notifications.hideZeroCount', options.hideZeroCount);
  const cue = checkboxField('rules.settings.attentionCue', 'notifications.attentionCue', options.attentionCue);
  // Issue 23: the desktop's Do Not Disturb (read on Linux; the hint says what Windows and macOS do).
  const respectDnd = checkboxField('dnd.settings.respect', 'notifications.respectDnd', options.respectDnd, 'dnd.settings.respectHint');
  const tellAfterDnd = checkboxField('dnd.settings.tellAfter', 'notifications.tellAfterDnd', options.tellAfterDnd);
  tellAfterDnd.row.classList.add('indent');
  // Telling what came during Do Not Disturb means nothing when it is not respected.
  const followDnd = () => { tellAfterDnd.input.disabled = !respectDnd.input.checked; };
  respectDnd.input.addEventListener('change', followDnd);
  followDnd();

  const element = h('fieldset', { class: 'section' },
    worded(h('legend'), 'settings.notifications.legend'),
    enabled.row, sound.row, detail.row, summary.row, quiet.row,
    h('div', { class: 'field-pair indent' }, start.row, end.row),
    stay.row, reminder.row, badge.row, badgeHint, hideZero.row, cue.row,
    respectDnd.row, tellAfterDnd.row,
    snooze);

  return {
    element,
    fields: [
      enabled.field, sound.field, detail.field, summary.field, quiet.field, start.field, end.field,
      stay.field, reminder.field, badge.field, hideZero.field, cue.field, respectDnd.field, tellAfterDnd.field,
    ],
    read: () => ({
      enabled: enabled.input.checked,
      sound: sound.input.checked,
      summaryAtStart: summary.input.checked,
      quietEnabled: quiet.input.checked,
      quietStart: start.input.value,
      quietEnd: end.input.value,
      detail: detail.select.value as SettingsDraft['notifications']['detail'],
      options: {
        stayOnScreen: stay.input.checked,
        reminderMinutes: reminder.input.value,
        badgeShows: badge.select.value as BadgeShows,
        hideZeroCount: hideZero.input.checked,
        attentionCue: cue.input.checked,
        respectDnd: respectDnd.input.checked,
        tellAfterDnd: tellAfterDnd.input.checked,
      },
    }),
  };
}
