import type { MailtrayApi, SoundChoice } from '../../main/ipc-contract.ts';
import { h, uniqueId } from '../dom.ts';
import { currentWords, worded, wordedAs } from '../words.ts';
import { checkboxField, inputField, selectField, type FieldSlot } from './form-fields.ts';
import type { MailboxRulesDraft } from './mailbox-rules-draft.ts';

const soundChoices: Array<[SoundChoice, Parameters<typeof worded>[1]]> = [
  ['default', 'rules.mailbox.soundDefault'], ['none', 'rules.mailbox.soundNone'], ['system', 'rules.mailbox.soundSystem'],
  ['chime', 'rules.mailbox.soundChime'], ['bell', 'rules.mailbox.soundBell'], ['drop', 'rules.mailbox.soundDrop'],
  ['file', 'rules.mailbox.soundFile'],
];

// Monday first, as most of the shipped languages' calendars start the week; 0 is Sunday as in Date.getDay().
const WEEK = [1, 2, 3, 4, 5, 6, 0];

/** A weekday's short name in the window's language (Intl), from a week known to start on Sunday 2026-11-22. */
function dayName(day: number): string {
  const format = (language: string) => new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2026, 10, 22 + day));
  try {
    return format(currentWords().language);
  } catch {
    return format('en'); // the pseudo-locale's tag is no locale Intl knows
  }
}

/**
 * One mailbox's notification rules in Settings: its sound (with Play), the
 * days and hours it may notify, and the senders that always or never notify.
 */
export function mailboxRulesFields(path: (field: string) => string, draft: MailboxRulesDraft, api: Pick<MailtrayApi, 'previewSound' | 'chooseSoundFile'>): {
  element: HTMLElement; fields: FieldSlot[]; read(): MailboxRulesDraft;
} {
  const sound = selectField<SoundChoice>('rules.mailbox.sound', path('sound'), draft.sound,
    soundChoices.map(([value, key]) => [value, { key }]));
  const play = worded(h('button', { type: 'button', class: 'secondary' }), 'rules.mailbox.preview');
  const file = inputField({ label: 'rules.mailbox.soundFile', path: path('soundFile'), value: draft.soundFile, hint: 'rules.mailbox.soundFileNone' });
  const choose = worded(h('button', { type: 'button', class: 'secondary' }), 'rules.mailbox.soundChoose');
  file.row.append(h('div', { class: 'actions' }, choose));
  const showFile = () => { file.row.hidden = sound.select.value !== 'file'; };
  showFile();
  sound.select.addEventListener('change', showFile);
  choose.addEventListener('click', async () => {
    const chosen = await api.chooseSoundFile();
    if (chosen !== null) file.input.value = chosen;
  });
  play.addEventListener('click', () => {
    const soundFile = file.input.value.trim();
    void api.previewSound({ sound: sound.select.value as SoundChoice, ...(soundFile ? { soundFile } : {}) });
  });
  sound.row.append(h('div', { class: 'actions' }, play));

  const schedule = checkboxField('rules.mailbox.schedule', path('schedule.enabled'), draft.scheduleEnabled);
  const days = WEEK.map((day) => {
    const id = uniqueId('day');
    const input = h('input', { id, type: 'checkbox', value: String(day) });
    input.checked = draft.scheduleDays.includes(day);
    return { day, input, label: h('label', { for: id }, dayName(day)) };
  });
  const daysError = h('p', { class: 'field-error', id: uniqueId('error'), hidden: true });
  const firstDay = days[0]!.input;
  const daysField: FieldSlot = {
    path: path('schedule.days'),
    control: firstDay,
    showError(message) {
      daysError.hidden = message === undefined;
      if (message === undefined) daysError.textContent = '';
      else wordedAs(daysError, message);
    },
  };
  // A group, not a fieldset: the mailbox's own fieldset's legend is its name, the one legend in it.
  const daysLabel = worded(h('p', { class: 'days-label', id: uniqueId('days') }), 'rules.mailbox.scheduleDays');
  const dayGroup = h('div', { role: 'group', 'aria-labelledby': daysLabel.id }, daysLabel,
    h('div', { class: 'days' }, ...days.map(({ input, label }) => h('span', { class: 'day' }, input, label))), daysError);
  const start = inputField({ label: 'rules.mailbox.scheduleFrom', path: path('schedule.start'), value: draft.scheduleStart, type: 'time', narrow: true });
  const end = inputField({ label: 'rules.mailbox.scheduleTo', path: path('schedule.end'), value: draft.scheduleEnd, type: 'time', narrow: true });
  const when = h('div', { class: 'indent' }, dayGroup, h('div', { class: 'field-pair' }, start.row, end.row));
  const showWhen = () => { when.hidden = !schedule.input.checked; };
  showWhen();
  schedule.input.addEventListener('change', showWhen);

  const important = inputField({
    label: 'rules.mailbox.importantSenders', path: path('importantSenders'), value: draft.importantSenders, inputmode: 'email',
    hint: 'rules.mailbox.sendersHint',
  });
  const inQuiet = checkboxField('rules.mailbox.importantInQuiet', path('importantInQuiet'), draft.importantInQuiet);
  inQuiet.row.classList.add('indent');
  const never = inputField({
    label: 'rules.mailbox.neverSenders', path: path('neverSenders'), value: draft.neverSenders, inputmode: 'email',
  });

  return {
    element: h('div', { class: 'mailbox-rules' }, sound.row, file.row, schedule.row, when, important.row, inQuiet.row, never.row),
    fields: [sound.field, file.field, schedule.field, daysField, start.field, end.field, important.field, inQuiet.field, never.field],
    read: () => ({
      sound: sound.select.value as SoundChoice,
      soundFile: file.input.value,
      scheduleEnabled: schedule.input.checked,
      scheduleDays: days.filter(({ input }) => input.checked).map(({ day }) => day),
      scheduleStart: start.input.value,
      scheduleEnd: end.input.value,
      importantSenders: important.input.value,
      importantInQuiet: inQuiet.input.checked,
      neverSenders: never.input.value,
    }),
  };
}
