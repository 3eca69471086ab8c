import { isClockTime } from '../../common/clock-time.ts';
import type { Words } from '../../common/i18n/translator.ts';
import {
  keepsRule as keeps, MAX_SENDERS, reminderRule, scheduleDaysMessage, senderRule, sendersOfText, soundFileRule,
} from '../../common/mailbox-rule-rules.ts';
import { clockTimeRule } from '../../common/settings-rules.ts';
import type { BadgeShows, MailboxRules, NotificationSettings, SoundChoice } from '../../main/ipc-contract.ts';

/** One mailbox's notification rules as the form holds them (issue 23). */
export interface MailboxRulesDraft {
  sound: SoundChoice;
  soundFile: string;
  scheduleEnabled: boolean;
  /** 0 Sunday to 6 Saturday. */
  scheduleDays: number[];
  scheduleStart: string;
  scheduleEnd: string;
  /** As typed: addresses or domains separated by commas. */
  importantSenders: string;
  importantInQuiet: boolean;
  neverSenders: string;
}

/** The notification options beside the rules, as the form holds them. */
export interface NotificationOptionsDraft {
  stayOnScreen: boolean;
  /** As typed; "0" is none. */
  reminderMinutes: string;
  badgeShows: BadgeShows;
  hideZeroCount: boolean;
  attentionCue: boolean;
  /** The desktop's Do Not Disturb holds notifications; tell once when it ends (both on unless turned off). */
  respectDnd: boolean;
  tellAfterDnd: boolean;
}

export function rulesDraft(rules: MailboxRules): MailboxRulesDraft {
  return {
    sound: rules.sound ?? 'default',
    soundFile: rules.soundFile ?? '',
    scheduleEnabled: rules.schedule !== undefined,
    scheduleDays: rules.schedule?.days ?? [1, 2, 3, 4, 5],
    scheduleStart: rules.schedule?.start ?? '08:00',
    scheduleEnd: rules.schedule?.end ?? '18:00',
    importantSenders: (rules.importantSenders ?? []).join(', '),
    importantInQuiet: rules.importantInQuiet === true,
    neverSenders: (rules.neverSenders ?? []).join(', '),
  };
}

export function optionsDraft(settings: NotificationSettings): NotificationOptionsDraft {
  return {
    stayOnScreen: settings.stayOnScreen === true,
    reminderMinutes: String(settings.reminderMinutes ?? 0),
    badgeShows: settings.badgeShows ?? 'unread',
    hideZeroCount: settings.hideZeroCount === true,
    attentionCue: settings.attentionCue === true,
    respectDnd: settings.respectDnd !== false,
    tellAfterDnd: settings.tellAfterDnd !== false,
  };
}

/** The rules to save, each problem named by its field under `path` ("mailboxes.2"). */
export function rulesFromDraft(draft: MailboxRulesDraft, path: string, problem: (field: string, message: Words) => void): MailboxRules {
  const rules: MailboxRules = {};
  if (draft.sound !== 'default') rules.sound = draft.sound;
  const file = draft.soundFile.trim();
  if (file !== '' && !keeps(soundFileRule, file)) problem(`${path}.soundFile`, soundFileRule.message);
  else if (file !== '') rules.soundFile = file;
  if (draft.sound === 'file' && file === '') problem(`${path}.soundFile`, soundFileRule.message);
  if (draft.scheduleEnabled) {
    if (draft.scheduleDays.length === 0) problem(`${path}.schedule.days`, scheduleDaysMessage);
    for (const [field, value] of [['start', draft.scheduleStart], ['end', draft.scheduleEnd]] as const) {
      if (!isClockTime(value)) problem(`${path}.schedule.${field}`, clockTimeRule.message);
    }
    rules.schedule = { days: [...draft.scheduleDays].sort((a, b) => a - b), start: draft.scheduleStart, end: draft.scheduleEnd };
  }
  for (const field of ['importantSenders', 'neverSenders'] as const) {
    const senders = sendersOfText(draft[field]);
    if (senders.length > MAX_SENDERS || senders.some((sender) => !keeps(senderRule, sender))) problem(`${path}.${field}`, senderRule.message);
    else if (senders.length > 0) rules[field] = senders;
  }
  if (draft.importantInQuiet) rules.importantInQuiet = true;
  return rules;
}

export function optionsFromDraft(draft: NotificationOptionsDraft, problem: (field: string, message: Words) => void): Partial<NotificationSettings> {
  const typed = draft.reminderMinutes.trim();
  const minutes = typed === '' ? 0 : Number(typed);
  if (!Number.isInteger(minutes) || minutes < reminderRule.minimum || minutes > reminderRule.maximum) {
    problem('notifications.reminderMinutes', reminderRule.message);
  }
  return {
    stayOnScreen: draft.stayOnScreen, reminderMinutes: Number.isInteger(minutes) ? minutes : 0,
    badgeShows: draft.badgeShows, hideZeroCount: draft.hideZeroCount, attentionCue: draft.attentionCue,
    respectDnd: draft.respectDnd, tellAfterDnd: draft.tellAfterDnd,
  };
}
