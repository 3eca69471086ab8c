import { mailProvider, mailProviders, protocolOf, type ProviderId } from '../../common/mail-providers.ts';
import type { ImapSecurity, MailtrayApi } from '../../main/ipc-contract.ts';
import { signInRow } from './account-sign-in.ts';
import { accountTestRow } from './account-test-row.ts';
import { h, setText } from '../dom.ts';
import { unworded, worded } from '../words.ts';
import { inputField, selectField, wordingOf, type FieldSlot } from './form-fields.ts';
import { accountFromDraft, defaultPorts, type AccountDraft } from './account-draft.ts';
import { folderPicker } from './folder-picker.ts';
import { whatCounts } from './what-counts.ts';

const signInNames: Partial<Record<ProviderId, string>> = { google: 'Google', microsoft: 'Microsoft', 'microsoft-graph': 'Microsoft' };

export interface AccountEditor {
  element: HTMLDetailsElement;
  /** Fields by their name within the account ("port"), to show problems beside them. */
  fields: Map<string, FieldSlot>;
  read(): AccountDraft;
  focusFirst(): void;
  /** The saved account's id (its mailbox's id); "" for one not saved yet. */
  readonly id: string;
  /** Opens the account at its folder picker and lists the server's folders again: what is gone, and what is new. */
  pickFolders(): void;
}

/** One IMAP account, folded into a line ("Work - ann@imap.example.com") until opened. */
export function accountEditor(account: AccountDraft, onRemove: (editor: AccountEditor) => void, api: MailtrayApi): AccountEditor {
  const path = (field: string) => `account.${field}`;
  // Brand names stay as they are in every language; only "Other IMAP" is words (providerName's).
  const provider = selectField<ProviderId>('settings.account.provider', path('provider'), account.provider,
    mailProviders.map((p) => [p.id, p.id === 'other' ? { key: 'account.provider.other.name' } : p.label]));
  provider.row.classList.remove('narrow');
  const name = inputField({ label: 'settings.account.name', path: path('name'), value: account.name, hint: 'settings.account.nameHint', isFreeText: true });
  const host = inputField({
    label: 'settings.account.host', path: path('host'), value: account.host,
    hint: { key: 'settings.account.like', values: { example: 'imap.example.com' } },
  });
  const security = selectField<ImapSecurity>('settings.account.security', path('security'), account.security,
    [['tls', 'TLS'], ['starttls', 'STARTTLS']]);
  const port = inputField({ label: 'settings.account.port', path: path('port'), value: account.port, inputmode: 'numeric', narrow: true });
  const user = inputField({ label: 'settings.account.user', path: path('user'), value: account.user, autocomplete: 'off' });
  const password = inputField({
    label: 'settings.account.password', path: path('password'), value: '', type: 'password', autocomplete: 'new-password',
    hint: account.hasSavedPassword ? 'settings.account.passwordSavedHint' : 'settings.account.passwordHint',
  });
  const ca = inputField({ label: 'settings.account.ca', path: path('ca'), value: account.ca, hint: 'settings.account.caHint' });
  const chooseCa = worded(h('button', { type: 'button', class: 'secondary' }), 'settings.account.caChoose');
  chooseCa.addEventListener('click', async () => {
    const chosen = await api.chooseCertificate();
    if (chosen !== null) ca.input.value = chosen;
  });
  ca.row.append(h('div', { class: 'actions' }, chooseCa));
  const clientId = inputField({
    label: 'settings.account.clientId', path: path('oauthClientId'), value: account.oauthClientId, hint: 'settings.account.clientIdHint',
  });
  const counts = whatCounts(account.countFilter, path);
  const advanced = h('details', { class: 'advanced' }, worded(h('summary'), 'settings.account.advanced'), clientId.row);
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
  const graphHint = wordingOf(h('p', { class: 'hint protocol-hint' }), 'graph.providerHint');
  // Graph's and JMAP's folders are not listed by the picker (it speaks IMAP): one folder typed by name instead.
  const graphFolder = inputField({
    label: 'settings.account.folder', path: path('folders'), value: account.protocol === 'graph' || account.protocol === 'jmap' ? (account.folders[0] ?? 'inbox') : 'inbox', isFreeText: true,
    hint: { key: 'graph.folderHint', values: { example: 'Projects/2026' } },
  });
  const webUrl = inputField({
    label: 'settings.account.webUrl', path: path('webUrl'), value: account.webUrl, inputmode: 'url',
    hint: { key: 'settings.account.webUrlHint', values: { example: 'https://mail.example.com' } },
  });

  // Switching security moves the port along when it is still the other one's default.
  security.select.addEventListener('change', () => {
    const chosen = security.select.value as ImapSecurity;
    const other: ImapSecurity = chosen === 'tls' ? 'starttls' : 'tls';
    if (port.input.value.trim() === String(defaultPorts[other])) port.input.value = String(defaultPorts[chosen]);
  });

  const securityAndPort = h('div', { class: 'field-pair' }, security.row, port.row);

  const title = h('span', { class: 'account-title', dir: 'auto' });
  const subtitle = h('span', { class: 'account-subtitle', dir: 'ltr' });
  const untitled = worded(h('span'), 'settings.account.new');
  const describe = () => {
    const typed = name.input.value.trim();
    // An account with no name yet is called so in words, re-worded with the language.
    if (typed === '') title.replaceChildren(untitled);
    else setText(title, typed);
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
    if (chosen.passwordHint) worded(passwordHint, chosen.passwordHint);
    else unworded(passwordHint, '');
    passwordHint.hidden = isOAuth || !chosen.passwordHint;
    // Graph is Microsoft's own address: no server, port, security or certificate to set; folders by Graph's names.
    const isGraph = protocolOf(chosen) === 'graph';
    for (const row of [host.row, securityAndPort, ca.row]) row.hidden = isGraph;
    // JMAP is HTTPS to the provider's session resource: no IMAP port or security to choose.
    if (protocolOf(chosen) === 'jmap') securityAndPort.hidden = true;
    graphHint.hidden = !isGraph;
    const typesFolder = protocolOf(chosen) !== 'imap';
    graphFolder.row.hidden = !typesFolder;
    folders.row.hidden = typesFolder;
    // "What counts" builds an IMAP SEARCH (or a Maildir match): Graph and JMAP entries carry no filter.
    counts.element.hidden = typesFolder;
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
    const folderChoice = folders.read();
    const typesFolder = protocolOf(chosen) !== 'imap';
    return {
      id: account.id,
      name: name.input.value,
      host: host.input.value,
      port: port.input.value,
      security: security.select.value as ImapSecurity,
      user: user.input.value,
      password: password.input.value,
      hasSavedPassword: account.hasSavedPassword,
      folders: typesFolder ? [graphFolder.input.value.trim() || 'inbox'] : [...folderChoice.folders],
      folderChoice: typesFolder ? 'chosen' : folderChoice.kind,
      knownFolders: folderChoice.known ? [...folderChoice.known] : undefined,
      webUrl: webUrl.input.value,
      provider: chosen.id,
      protocol: protocolOf(chosen),
      signIn: chosen.signIn,
      signInId: signIn.signInId(),
      signedInAs: signIn.signedInAs(),
      oauthClientId: clientId.input.value,
      ca: ca.input.value,
      countFilter: counts.read(),
    };
  };
  // The server's folders, listed with the account as typed: when the account is opened, and after each test.
  const folders = folderPicker(path('folders'),
    { kind: account.folderChoice, folders: account.folders, ...(account.knownFolders ? { known: account.knownFolders } : {}) },
    () => {
      const typed = accountFromDraft(read(), () => {});
      return api.listFolders(typed);
    });
  const test = accountTestRow(api, read, (outcome) => {
    if (outcome.ok || outcome.problem === 'folder') void folders.load();
    if (outcome.ok && outcome.hasGmailTabs) counts.offerGmailTabs();
  });

  const removeButton = worded(h('button', { type: 'button', class: 'danger' }), 'settings.account.remove');
  const element = h('details', { class: 'account' },
    h('summary', {}, title, subtitle),
    h('div', { class: 'account-fields' },
      provider.row, graphHint, name.row, host.row, securityAndPort,
      user.row, password.row, passwordHint, signIn.row, folders.row, graphFolder.row, ca.row, webUrl.row, advanced,
      counts.element,
      test.row,
      h('div', { class: 'actions' }, removeButton)));
  showSignIn();

  const fields = new Map<string, FieldSlot>([
    ['provider', provider.field], ['name', name.field], ['host', host.field], ['security', security.field], ['port', port.field],
    ['user', user.field], ['password', password.field], ['signIn', signIn.field], ['folders', folders.field], ['ca', ca.field],
    ['webUrl', webUrl.field], ['oauthClientId', clientId.field], ...counts.fields,
  ]);

  const editor: AccountEditor = {
    element,
    fields,
    read,
    focusFirst: () => provider.select.focus(),
    id: account.id,
    pickFolders() {
      element.open = true;
      void folders.load();
      folders.focus();
    },
  };
  removeButton.addEventListener('click', () => onRemove(editor));
  // A saved account lists its folders when it is opened, so the picker shows what the server has now.
  element.addEventListener('toggle', () => {
    const canSignIn = account.hasSavedPassword || account.signedInAs !== '';
    if (element.open && canSignIn && !folders.isListed && account.id !== '') void folders.load();
  });
  return editor;
}
