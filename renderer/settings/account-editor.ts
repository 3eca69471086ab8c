import { mailProvider, mailProviders, providerName, type ProviderId } from '../../common/mail-providers.ts';
import type { ImapSecurity, MailtrayApi } from '../../main/ipc-contract.ts';
import { signInRow } from './account-sign-in.ts';
import { accountTestRow } from './account-test-row.ts';
import { h, setText } from '../dom.ts';
import { currentWords } from '../words.ts';
import { inputField, selectField, type FieldSlot } from './form-fields.ts';
import { defaultPorts, type AccountDraft } from './account-draft.ts';

const signInNames: Partial<Record<ProviderId, string>> = { google: 'Google', microsoft: 'Microsoft' };

export interface AccountEditor {
  element: HTMLDetailsElement;
  /** Fields by their name within the account ("port"), to show problems beside them. */
  fields: Map<string, FieldSlot>;
  read(): AccountDraft;
  focusFirst(): void;
}

/** One IMAP account, folded into a line ("Work - ann@imap.example.com") until opened. */
export function accountEditor(account: AccountDraft, onRemove: (editor: AccountEditor) => void, api: MailtrayApi): AccountEditor {
  const path = (field: string) => `account.${field}`;
  const provider = selectField<ProviderId>('Provider', path('provider'), account.provider, mailProviders.map((p) => [p.id, providerName(p, currentWords())]));
  provider.row.classList.remove('narrow');
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
  const ca = inputField({
    label: 'Certificate file (optional)', path: path('ca'), value: account.ca,
    hint: 'Only for a server with a self-signed or company certificate: its PEM file, or its authority\'s.',
  });
  const chooseCa = h('button', { type: 'button', class: 'secondary' }, 'Choose...');
  chooseCa.addEventListener('click', async () => {
    const chosen = await api.chooseCertificate();
    if (chosen !== null) ca.input.value = chosen;
  });
  ca.row.append(h('div', { class: 'actions' }, chooseCa));
  const clientId = inputField({
    label: 'OAuth client id', path: path('oauthClientId'), value: account.oauthClientId,
    hint: 'Leave empty to use the one this copy of Mailtray was built with. An admin may give you their own.',
  });
  const advanced = h('details', { class: 'advanced' }, h('summary', {}, 'Advanced'), clientId.row);
  const signIn = signInRow(path('signIn'), {
    api,
    signedInAs: account.signedInAs,
    request: () => {
      const typedId = clientId.input.value.trim();
      const hint = user.input.value.trim();
      return { provider: provider.select.value as ProviderId, ...(typedId ? { clientId: typedId } : {}), ...(hint.includes('@') ? { loginHint: hint } : {}) };
    },
    onSignedIn: (address) => {
      if (address && user.input.value.trim() === '') {
        user.input.value = address;
        describe();
      }
    },
  });
  const passwordHint = h('p', { class: 'hint provider-hint' });
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

  /** Shows the password or the sign-in button, as the provider signs in. */
  const showSignIn = () => {
    const chosen = mailProvider(provider.select.value as ProviderId);
    const isOAuth = chosen.signIn === 'oauth2';
    password.row.hidden = isOAuth;
    signIn.row.hidden = !isOAuth;
    advanced.hidden = !isOAuth;
    signIn.setProvider(signInNames[chosen.id] ?? chosen.label);
    setText(passwordHint, chosen.passwordHint ? currentWords().t(chosen.passwordHint) : '');
    passwordHint.hidden = isOAuth || !chosen.passwordHint;
  };
  // A preset fills in where the server is and how it signs in; Other IMAP leaves what was typed.
  provider.select.addEventListener('change', () => {
    const chosen = mailProvider(provider.select.value as ProviderId);
    if (chosen.host) {
      host.input.value = chosen.host;
      port.input.value = String(chosen.port);
      security.select.value = chosen.security;
      if (webUrl.input.value.trim() === '' && chosen.webUrl) webUrl.input.value = chosen.webUrl;
    }
    if (name.input.value.trim() === '') name.input.value = chosen.id === 'other' ? '' : chosen.label.split(' /')[0]!;
    showSignIn();
    describe();
  });

  const read = (): AccountDraft => {
    const chosen = mailProvider(provider.select.value as ProviderId);
    return {
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
      provider: chosen.id,
      signIn: chosen.signIn,
      signInId: signIn.signInId(),
      signedInAs: signIn.signedInAs(),
      oauthClientId: clientId.input.value,
      ca: ca.input.value,
    };
  };
  const test = accountTestRow(api, read);

  const removeButton = h('button', { type: 'button', class: 'danger' }, 'Remove account');
  const element = h('details', { class: 'account' },
    h('summary', {}, title, subtitle),
    h('div', { class: 'account-fields' },
      provider.row, name.row, host.row,
      h('div', { class: 'field-pair' }, security.row, port.row),
      user.row, password.row, passwordHint, signIn.row, folder.row, ca.row, webUrl.row, advanced,
      test.row,
      h('div', { class: 'actions' }, removeButton)));
  showSignIn();

  const fields = new Map<string, FieldSlot>([
    ['provider', provider.field], ['name', name.field], ['host', host.field], ['security', security.field], ['port', port.field],
    ['user', user.field], ['password', password.field], ['signIn', signIn.field], ['folder', folder.field], ['ca', ca.field],
    ['webUrl', webUrl.field], ['oauthClientId', clientId.field],
  ]);

  const editor: AccountEditor = {
    element,
    fields,
    read,
    focusFirst: () => provider.select.focus(),
  };
  removeButton.addEventListener('click', () => onRemove(editor));
  return editor;
}
