import { gmailCategories, type GmailCategory } from '../../common/count-filter.ts';
import type { MessageKey } from '../../common/i18n/catalogues/en.ts';
import { h } from '../dom.ts';
import { worded } from '../words.ts';
import { checkboxField, inputField, selectField, wordingOf, type FieldSlot } from './form-fields.ts';
import type { CountFilterDraft } from './count-filter-draft.ts';

export interface WhatCounts {
  element: HTMLElement;
  /** Fields by their name within the account ("countFilter.from"), to show problems beside them. */
  fields: Array<[string, FieldSlot]>;
  read(): CountFilterDraft;
  /** The account's test found a Gmail server (X-GM-EXT-1): its tabs may be chosen from now on. */
  offerGmailTabs(): void;
}

/**
 * An account's "What counts": all unread mail, or only what matches the
 * parts filled in. Built from plain fields; IMAP SEARCH keys only in the
 * last, advanced field, for those who want them. The Gmail tab is offered only where the server is known to be Gmail.
 */
export function whatCounts(draft: CountFilterDraft, path: (field: string) => string): WhatCounts {
  const mode = selectField<'all' | 'some'>('filter.mode', path('countFilter.mode'), draft.mode,
    [['all', { key: 'filter.mode.all' }], ['some', { key: 'filter.mode.some' }]]);
  mode.row.classList.remove('narrow');
  const from = inputField({
    label: 'filter.from', path: path('countFilter.from'), value: draft.from, inputmode: 'email',
    hint: { key: 'filter.from.hint', values: { example: 'boss@example.com, example.org' } },
  });
  const notFrom = inputField({
    label: 'filter.notFrom', path: path('countFilter.notFrom'), value: draft.notFrom, inputmode: 'email',
    hint: { key: 'filter.notFrom.hint', values: { example: 'noreply@example.com' } },
  });
  const to = inputField({
    label: 'filter.to', path: path('countFilter.to'), value: draft.to, inputmode: 'email',
    hint: { key: 'filter.to.hint', values: { address: 'ann@example.com', plus: 'ann+lists@example.com' } },
  });
  const flagged = checkboxField('filter.flagged', path('countFilter.flagged'), draft.flagged);
  const days = inputField({
    label: 'filter.days', path: path('countFilter.days'), value: draft.days, inputmode: 'numeric', hint: 'filter.days.hint',
  });
  const gmail = selectField<GmailCategory | ''>('filter.gmail', path('countFilter.gmailCategory'), draft.gmailCategory,
    [['', { key: 'filter.gmail.any' }], ...gmailCategories.map((tab): [GmailCategory, { key: MessageKey }] => [tab, { key: `filter.gmail.${tab}` }])]);
  gmail.row.classList.remove('narrow');
  gmail.row.append(wordingOf(h('p', { class: 'hint' }), 'filter.gmail.hint'));
  // Advanced: IMAP SEARCH keys for what the fields above cannot say; the mail server checks them, and refuses in words on the mailbox.
  const search = inputField({
    label: 'filter.search', path: path('countFilter.search'), value: draft.search,
    hint: { key: 'filter.search.hint', values: { example: 'OR FROM boss SUBJECT urgent' } },
  });
  let hasGmailTabs = draft.hasGmailTabs;

  const conditions = h('div', { class: 'what-counts-conditions' }, from.row, notFrom.row, to.row, flagged.row, days.row, gmail.row, search.row);
  const show = () => {
    conditions.hidden = mode.select.value !== 'some';
    gmail.row.hidden = !hasGmailTabs;
  };
  mode.select.addEventListener('change', show);
  show();

  const element = h('fieldset', { class: 'what-counts' }, worded(h('legend'), 'filter.title'), mode.row, conditions);
  return {
    element,
    fields: [
      ['countFilter.mode', mode.field], ['countFilter.from', from.field], ['countFilter.notFrom', notFrom.field], ['countFilter.to', to.field],
      ['countFilter.flagged', flagged.field], ['countFilter.days', days.field], ['countFilter.newerThanDays', days.field],
      ['countFilter.gmailCategory', gmail.field], ['countFilter.search', search.field],
    ],
    read: () => ({
      mode: mode.select.value === 'some' ? 'some' : 'all',
      from: from.input.value,
      notFrom: notFrom.input.value,
      to: to.input.value,
      flagged: flagged.input.checked,
      days: days.input.value,
      gmailCategory: hasGmailTabs ? gmail.select.value as GmailCategory | '' : '',
      search: search.input.value,
      hasGmailTabs,
    }),
    offerGmailTabs: () => {
      hasGmailTabs = true;
      show();
    },
  };
}
