import type { MailtrayApi, SettingsView } from '../../main/ipc-contract.ts';
import { connectionTestOutcome } from './connection-test-words.ts';
import { h, setText, uniqueId } from '../dom.ts';
import { inputField, type FieldSlot } from './form-fields.ts';
import { normaliseServerUrl } from '../../common/server-url.ts';
import type { SettingsDraft } from './settings-draft.ts';
import { currentWords } from '../words.ts';

export type ServerDraft = Pick<SettingsDraft, 'serverMode' | 'url' | 'token' | 'hasSavedToken'>;

export interface ServerSection {
  element: HTMLElement;
  fields: FieldSlot[];
  read(): ServerDraft;
}

/** Server: bundled or remote (URL, token, Test connection). */
export function serverSection(
  view: SettingsView['server'], api: MailtrayApi, onMode: (mode: SettingsDraft['serverMode']) => void = () => {},
): ServerSection {
  const hasSavedToken = view.mode === 'remote' && view.hasToken;
  const name = uniqueId('server-mode');
  const radio = (value: 'bundled' | 'remote', label: string, hint: string) => {
    const id = uniqueId('radio');
    const input = h('input', { type: 'radio', name, id, value });
    input.checked = view.mode === value;
    return { input, row: h('div', { class: 'check' }, input, h('label', { for: id }, label), h('p', { class: 'hint' }, hint)) };
  };
  const bundled = radio('bundled', 'Bundled server', 'Runs inside Mailtray and watches your mail accounts (see Accounts).');
  const remote = radio('remote', 'Remote server', 'A Mailtray server that someone runs for you or your team.');

  const url = inputField({
    label: 'Server address', path: 'server.url', value: view.mode === 'remote' ? view.url : '',
    inputmode: 'url', hint: 'Like https://mail.example.com',
  });
  const token = inputField({
    label: 'Token', path: 'server.token', value: '', type: 'password', autocomplete: 'new-password',
    hint: hasSavedToken ? 'A token is saved. Leave this empty to keep it.' : "The token the server's operator gave you.",
  });
  const testButton = h('button', { type: 'button', class: 'secondary' }, 'Test connection');
  const result = h('div', { class: 'test-result', role: 'status' });
  const remoteFields = h('div', { class: 'remote-fields' }, url.row, token.row, h('div', { class: 'actions' }, testButton), result);

  const showMode = () => {
    remoteFields.hidden = !remote.input.checked;
    onMode(remote.input.checked ? 'remote' : 'bundled');
  };
  bundled.input.addEventListener('change', showMode);
  remote.input.addEventListener('change', showMode);
  showMode();

  // Show the address as it will be saved as soon as the user leaves the field. A problem waits for
  // Test or Save: a line appearing on blur would move the button under the pointer mid-click.
  url.input.addEventListener('change', () => {
    const check = normaliseServerUrl(url.input.value);
    if (check.ok) url.input.value = check.url;
  });
  url.input.addEventListener('input', () => result.replaceChildren());

  let testing = false;
  testButton.addEventListener('click', async () => {
    if (testing) return;
    const check = normaliseServerUrl(url.input.value);
    url.field.showError(check.ok ? undefined : currentWords().say(check.message));
    if (!check.ok) {
      showResult(result, false, 'Fix the server address first.', undefined);
      url.input.focus();
      return;
    }
    url.input.value = check.url;
    testing = true;
    testButton.setAttribute('aria-disabled', 'true');
    setText(testButton, 'Testing…');
    showResult(result, undefined, `Testing ${check.url}…`, undefined);
    const tokenText = token.input.value.trim();
    try {
      const answer = await api.testConnection(tokenText === '' ? { url: check.url } : { url: check.url, token: tokenText });
      const outcome = connectionTestOutcome(answer);
      showResult(result, outcome.ok, outcome.headline, outcome.detail);
    } catch (error) {
      showResult(result, false, 'The test could not run.', error instanceof Error ? error.message : String(error));
    } finally {
      testing = false;
      testButton.removeAttribute('aria-disabled');
      setText(testButton, 'Test connection');
    }
  });

  const element = h('fieldset', { class: 'section' },
    h('legend', {}, 'Server'),
    h('div', { class: 'choices', role: 'radiogroup', 'aria-label': 'Where counts come from' }, bundled.row, remote.row),
    remoteFields);

  return {
    element,
    fields: [url.field, token.field],
    read: () => ({
      serverMode: remote.input.checked ? 'remote' : 'bundled',
      url: url.input.value,
      token: token.input.value,
      hasSavedToken,
    }),
  };
}

function showResult(result: HTMLElement, ok: boolean | undefined, headline: string, detail: string | undefined): void {
  result.className = `test-result ${ok === undefined ? 'busy' : ok ? 'ok' : 'problem'}`;
  result.replaceChildren(
    h('p', { class: 'headline' }, headline),
    ...(detail === undefined ? [] : [h('p', { class: 'detail' }, detail)]),
  );
}
