import type { ImapSecurity } from '../main/ipc-contract.ts';
import { h, setText } from './dom.ts';
import { inputField, selectField, type FieldSlot } from './form-fields.ts';
import { defaultPorts, type AccountDraft } from './settings-draft.ts';

export interface AccountEditor {
  element: HTMLDetailsElement;
  /** Fields by their name within the account ("port"), to show problems beside them. */
  fields: Map<string, FieldSlot>;
  read(): AccountDraft;
  focusFirst(): void;
}

/** One IMAP account, folded into a line ("Work - ann@imap.example.com") until opened. */
export function accountEditor(account: AccountDraft, onRemove: (editor: AccountEditor) => void): AccountEditor {
  const path = (field: string) => `account.${field}`;
  const name = inputField({ label: 'Name', path: path('name'), value: account.name, hint: 'Shown in the tray and the window, like Work.' });
  const host = inputField({ label: 'IMAP server', path: path('host'), value: account.host, hint: 'Like imap.example.com' });
  const security = selectField<ImapSecurity>('Security', path('security'), account.security, [['tls', 'TLS'], ['starttls', 'STARTTLS']]);
  const port = inputField({ label: 'Port', path: path('port'), value: account.port, inputmode: 'numeric', narrow: true });
  const user = inputField({ label: 'User name', path: path('user'), value: account.user, autocomplete: 'off' });
  const password = inputField({
    label: 'Password', path: path('password'), value: '', type: 'password', autocomplete: 'new-password',
    hint: account.hasSavedPassword ? 'A password is saved. Leave this empty to keep it.' : 'Stored encrypted on this computer.',
  });
  const folder = inputField({ label: 'Folder', path: path('folder'), value: account.folder, hint: 'Usually INBOX.' });
  const webUrl = inputField({
    label: 'Web address (optional)', path: path('webUrl'), value: account.webUrl, inputmode: 'url',
    hint: 'Opened when you click the mailbox, like https://mail.example.com',
  });

  // Switching security moves the port along when it is still the other one's default.
  security.select.addEventListener('change', () => {
    const chosen = security.select.value as ImapSecurity;
    const other: ImapSecurity = chosen === 'tls' ? 'starttls' : 'tls';
    if (port.input.value.trim() === String(defaultPorts[other])) port.input.value = String(defaultPorts[chosen]);
  });

  const title = h('span', { class: 'account-title' });
  const subtitle = h('span', { class: 'account-subtitle' });
  const describe = () => {
    setText(title, name.input.value.trim() || 'New account');
    const where = [user.input.value.trim(), host.input.value.trim()].filter(Boolean).join(' @ ');
    setText(subtitle, where);
  };
  name.input.addEventListener('input', describe);
  host.input.addEventListener('input', describe);
  user.input.addEventListener('input', describe);
  describe();

  const removeButton = h('button', { type: 'button', class: 'danger' }, 'Remove account');
  const element = h('details', { class: 'account' },
    h('summary', {}, title, subtitle),
    h('div', { class: 'account-fields' },
      name.row, host.row,
      h('div', { class: 'field-pair' }, security.row, port.row),
      user.row, password.row, folder.row, webUrl.row,
      h('div', { class: 'actions' }, removeButton)));

  const fields = new Map<string, FieldSlot>([
    ['name', name.field], ['host', host.field], ['security', security.field], ['port', port.field],
    ['user', user.field], ['password', password.field], ['folder', folder.field], ['webUrl', webUrl.field],
  ]);

  const editor: AccountEditor = {
    element,
    fields,
    read: () => ({
      id: account.id,
      name: name.input.value,
      host: host.input.value,
      port: port.input.value,
      security: security.select.value as ImapSecurity,
      user: user.input.value,
      password: password.input.value,
      hasSavedPassword: account.hasSavedPassword,
      folder: folder.input.value,
      webUrl: webUrl.input.value,
    }),
    focusFirst: () => name.input.focus(),
  };
  removeButton.addEventListener('click', () => onRemove(editor));
  return editor;
}
