import type { MailtrayApi } from '../../main/ipc-contract.ts';
import { h } from '../dom.ts';
import { worded } from '../words.ts';
import type { FieldSlot } from './form-fields.ts';
import { accountEditor, type AccountEditor } from './account-editor.ts';
import { blankAccount, type AccountDraft } from './account-draft.ts';

export interface AccountsSection {
  element: HTMLElement;
  /** The control for "accounts.<index>.<field>", opening its account so the problem can be seen. */
  fieldFor(path: string): FieldSlot | undefined;
  allFields(): FieldSlot[];
  read(): AccountDraft[];
  /** Opens the account whose mailbox is `id` at its folder picker; false when no saved account has that id. */
  pickFolders(id: string): boolean;
}

/** Mail accounts for the bundled server: add, edit, remove. */
export function accountsSection(accounts: AccountDraft[], onEdit: () => void, api: MailtrayApi): AccountsSection {
  const editors: AccountEditor[] = [];
  const list = h('div', { class: 'accounts' });
  const empty = worded(h('p', { class: 'hint empty-accounts' }), 'settings.accounts.empty');
  const addButton = worded(h('button', { type: 'button', class: 'secondary' }), 'settings.account.add');

  const showEmpty = () => { empty.hidden = editors.length > 0; };
  const remove = (editor: AccountEditor) => {
    const index = editors.indexOf(editor);
    editors.splice(index, 1);
    editor.element.remove();
    showEmpty();
    onEdit();
    // Focus must not fall back to the page: go to the next account, else to Add.
    const next = editors[index] ?? editors[index - 1];
    if (next) next.element.querySelector('summary')?.focus();
    else addButton.focus();
  };
  const add = (account: AccountDraft) => {
    const editor = accountEditor(account, remove, api);
    editors.push(editor);
    list.append(editor.element);
    showEmpty();
    return editor;
  };
  for (const account of accounts) add(account);

  addButton.addEventListener('click', () => {
    const editor = add(blankAccount());
    editor.element.open = true;
    editor.focusFirst();
    onEdit();
  });

  const element = h('fieldset', { class: 'section' },
    worded(h('legend'), 'settings.accounts.legend'),
    worded(h('p', { class: 'hint' }), 'settings.accounts.hint'),
    empty, list, h('div', { class: 'actions' }, addButton));

  return {
    element,
    fieldFor(path) {
      // "accounts.0.port", or a part of one ("accounts.0.countFilter.from", with main's item index ".2" after a list).
      const match = /^accounts\.(\d+)\.(\w+(?:\.[A-Za-z]\w*)*)(?:\.\d+)?$/.exec(path);
      if (!match) return undefined;
      const editor = editors[Number(match[1])];
      const field = editor?.fields.get(match[2] ?? '');
      if (editor && field) editor.element.open = true;
      return field;
    },
    allFields: () => editors.flatMap((editor) => [...editor.fields.values()]),
    read: () => editors.map((editor) => editor.read()),
    pickFolders(id) {
      const editor = editors.find((e) => e.id !== '' && e.id === id);
      editor?.pickFolders();
      return editor !== undefined;
    },
  };
}
