import type { MailtrayApi, SettingsView } from '../../main/ipc-contract.ts';
import { connectionTestHeadline, connectionTestOutcome } from './connection-test-words.ts';
import type { Words } from '../../common/i18n/translator.ts';
import { h } from '../dom.ts';
import { unworded, worded, wordedAs } from '../words.ts';
import { checkboxField, inputField, type FieldSlot } from './form-fields.ts';
import { normaliseServerUrl } from '../../common/server-url.ts';
import { MAX_REMOTE_SERVERS } from '../../common/settings-rules.ts';
import { blankRemote, serversDraft, type RemoteDraft, type SettingsDraft } from './settings-draft.ts';

export type ServerDraft = Pick<SettingsDraft, 'followBundled' | 'remotes'>;

export interface ServerSection {
  element: HTMLElement;
  /** The control for "servers.bundled.enabled" or "servers.remotes.<index>.<field>". */
  fieldFor(path: string): FieldSlot | undefined;
  allFields(): FieldSlot[];
  read(): ServerDraft;
}

interface RemoteEditor {
  element: HTMLElement;
  fields: Map<string, FieldSlot>;
  read(): RemoteDraft;
  focusFirst(): void;
}

/**
 * The servers the app follows (issue 22): the bundled one (the accounts) on
 * or off, and any number of remote ones, each with its name, address, token,
 * Test connection, a switch and Remove. `onBundled` says whether the bundled
 * server is followed, for the Accounts tab.
 */
export function serverSection(
  view: SettingsView['servers'], api: MailtrayApi, onBundled: (isFollowed: boolean) => void = () => {}, onEdit: () => void = () => {},
): ServerSection {
  const draft = serversDraft(view);
  const bundled = checkboxField('settings.server.bundled', 'servers.bundled.enabled', draft.followBundled, 'settings.server.bundledHint');
  bundled.input.addEventListener('change', () => onBundled(bundled.input.checked));
  onBundled(draft.followBundled);

  const editors: RemoteEditor[] = [];
  const list = h('div', { class: 'remote-servers' });
  const empty = worded(h('p', { class: 'hint' }), 'servers.settings.none');
  const addButton = worded(h('button', { type: 'button', class: 'secondary' }), 'servers.settings.add');
  const update = () => {
    empty.hidden = editors.length > 0;
    addButton.hidden = editors.length >= MAX_REMOTE_SERVERS;
  };
  const remove = (editor: RemoteEditor) => {
    const index = editors.indexOf(editor);
    editors.splice(index, 1);
    editor.element.remove();
    update();
    onEdit();
    // Focus must not fall back to the page: the next server's first field, else Add.
    const next = editors[index] ?? editors[index - 1];
    if (next) next.focusFirst();
    else addButton.focus();
  };
  const add = (remote: RemoteDraft) => {
    const editor = remoteEditor(remote, api, remove);
    editors.push(editor);
    list.append(editor.element);
    update();
    return editor;
  };
  for (const remote of draft.remotes) add(remote);
  addButton.addEventListener('click', () => {
    add(blankRemote()).focusFirst();
    onEdit();
  });

  const element = h('fieldset', { class: 'section' },
    worded(h('legend'), 'settings.server.legend'),
    worded(h('p', { class: 'hint' }), 'servers.settings.hint'),
    bundled.row, empty, list, h('div', { class: 'actions' }, addButton));

  return {
    element,
    fieldFor(path) {
      if (path === 'servers.bundled.enabled') return bundled.field;
      const match = /^servers\.remotes\.(\d+)\.(\w+)$/.exec(path);
      return match ? editors[Number(match[1])]?.fields.get(match[2] ?? '') : undefined;
    },
    allFields: () => [bundled.field, ...editors.flatMap((editor) => [...editor.fields.values()])],
    read: () => ({ followBundled: bundled.input.checked, remotes: editors.map((editor) => editor.read()) }),
  };
}

/** One remote server's fields: its switch, name, address and token, Test connection and Remove. */
function remoteEditor(remote: RemoteDraft, api: MailtrayApi, onRemove: (editor: RemoteEditor) => void): RemoteEditor {
  const path = (field: string) => `server.${field}`;
  const enabled = checkboxField('servers.settings.enabled', path('enabled'), remote.enabled);
  const name = inputField({
    label: 'servers.settings.name', path: path('name'), value: remote.name, hint: 'servers.settings.nameHint', isFreeText: true,
  });
  const url = inputField({
    label: 'settings.server.address', path: path('url'), value: remote.url,
    inputmode: 'url', hint: { key: 'settings.account.like', values: { example: 'https://mail.example.com' } },
  });
  const token = inputField({
    label: 'settings.server.token', path: path('token'), value: '', type: 'password', autocomplete: 'new-password',
    hint: remote.hasSavedToken ? 'settings.server.tokenSavedHint' : 'settings.server.tokenHint',
  });
  const testButton = worded(h('button', { type: 'button', class: 'secondary' }), 'settings.server.test');
  const removeButton = h('button', { type: 'button', class: 'secondary' });
  const result = h('div', { class: 'test-result', role: 'status' });
  const legend = h('legend', { dir: 'auto' });
  const title = () => name.input.value.trim() || hostOf(url.input.value);
  const nameIt = () => {
    const shown = title();
    // A name the user typed is shown as it is; only "New remote server" follows the language.
    if (shown === '') worded(legend, 'servers.settings.newServer');
    else unworded(legend, shown);
    worded(removeButton, 'servers.settings.remove', { server: shown === '' ? '…' : shown });
  };
  nameIt();
  name.input.addEventListener('input', nameIt);

  // Show the address as it will be saved as soon as the user leaves the field. A problem waits for
  // Test or Save: a line appearing on blur would move the button under the pointer mid-click.
  url.input.addEventListener('change', () => {
    const check = normaliseServerUrl(url.input.value);
    if (check.ok) url.input.value = check.url;
    nameIt();
  });
  url.input.addEventListener('input', () => result.replaceChildren());

  let testing = false;
  testButton.addEventListener('click', async () => {
    if (testing) return;
    const check = normaliseServerUrl(url.input.value);
    url.field.showError(check.ok ? undefined : check.message);
    if (!check.ok) {
      showResult(result, false, { key: 'settings.server.testFixAddress' }, undefined);
      url.input.focus();
      return;
    }
    url.input.value = check.url;
    testing = true;
    testButton.setAttribute('aria-disabled', 'true');
    worded(testButton, 'settings.server.testing');
    showResult(result, undefined, { key: 'settings.server.testingUrl', values: { url: check.url } }, undefined);
    const tokenText = token.input.value.trim();
    try {
      // A token left empty: main uses the one saved for this server, if the address is still its own.
      const saved = remote.key === '' ? {} : { key: remote.key };
      const answer = await api.testConnection(tokenText === '' ? { url: check.url, ...saved } : { url: check.url, token: tokenText });
      const outcome = connectionTestOutcome(answer);
      showResult(result, outcome.ok, connectionTestHeadline(answer), outcome.detail);
    } catch (error) {
      showResult(result, false, { key: 'settings.server.testCouldNotRun' }, error instanceof Error ? error.message : String(error));
    } finally {
      testing = false;
      testButton.removeAttribute('aria-disabled');
      worded(testButton, 'settings.server.test');
    }
  });

  const element = h('fieldset', { class: 'remote-server', ...(remote.key ? { 'data-server': remote.key } : {}) },
    legend, enabled.row, name.row, url.row, token.row, h('div', { class: 'actions' }, testButton, removeButton), result);
  const editor: RemoteEditor = {
    element,
    fields: new Map([['enabled', enabled.field], ['name', name.field], ['url', url.field], ['token', token.field]]),
    read: () => ({
      key: remote.key, name: name.input.value, url: url.input.value, token: token.input.value,
      hasSavedToken: remote.hasSavedToken, enabled: enabled.input.checked,
    }),
    focusFirst: () => name.input.focus(),
  };
  removeButton.addEventListener('click', () => onRemove(editor));
  return editor;
}

function hostOf(text: string): string {
  const check = normaliseServerUrl(text);
  if (!check.ok) return '';
  try {
    return new URL(check.url).host;
  } catch {
    return '';
  }
}

function showResult(result: HTMLElement, ok: boolean | undefined, headline: Words, detail: string | undefined): void {
  result.className = `test-result ${ok === undefined ? 'busy' : ok ? 'ok' : 'problem'}`;
  result.replaceChildren(
    wordedAs(h('p', { class: 'headline' }), headline),
    // Main's or the system's own sentence, often English: isolated, so an address in it reads left to right.
    ...(detail === undefined ? [] : [h('p', { class: 'detail', dir: 'auto' }, detail)]),
  );
}
