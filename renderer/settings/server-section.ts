import type { MessageKey } from '../../common/i18n/catalogues/en.ts';
import type { MailtrayApi, SettingsView } from '../../main/ipc-contract.ts';
import { connectionTestHeadline, connectionTestOutcome } from './connection-test-words.ts';
import type { Words } from '../../common/i18n/translator.ts';
import { h, uniqueId } from '../dom.ts';
import { worded, wordedAs } from '../words.ts';
import { inputField, type FieldSlot } from './form-fields.ts';
import { normaliseServerUrl } from '../../common/server-url.ts';
import type { SettingsDraft } from './settings-draft.ts';

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
  const radio = (value: 'bundled' | 'remote', label: MessageKey, hint: MessageKey) => {
    const id = uniqueId('radio');
    const input = h('input', { type: 'radio', name, id, value });
    input.checked = view.mode === value;
    return { input, row: h('div', { class: 'check' }, input, worded(h('label', { for: id }), label), worded(h('p', { class: 'hint' }), hint)) };
  };
  const bundled = radio('bundled', 'settings.server.bundled', 'settings.server.bundledHint');
  const remote = radio('remote', 'settings.server.remote', 'settings.server.remoteHint');

  const url = inputField({
    label: 'settings.server.address', path: 'server.url', value: view.mode === 'remote' ? view.url : '',
    inputmode: 'url', hint: { key: 'settings.account.like', values: { example: 'https://mail.example.com' } },
  });
  const token = inputField({
    label: 'settings.server.token', path: 'server.token', value: '', type: 'password', autocomplete: 'new-password',
    hint: hasSavedToken ? 'settings.server.tokenSavedHint' : 'settings.server.tokenHint',
  });
  const testButton = worded(h('button', { type: 'button', class: 'secondary' }), 'settings.server.test');
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
      const answer = await api.testConnection(tokenText === '' ? { url: check.url } : { url: check.url, token: tokenText });
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

  const element = h('fieldset', { class: 'section' },
    worded(h('legend'), 'settings.server.legend'),
    worded(h('div', { class: 'choices', role: 'radiogroup' }, bundled.row, remote.row), 'settings.server.mode', undefined, 'aria-label'),
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

function showResult(result: HTMLElement, ok: boolean | undefined, headline: Words, detail: string | undefined): void {
  result.className = `test-result ${ok === undefined ? 'busy' : ok ? 'ok' : 'problem'}`;
  result.replaceChildren(
    wordedAs(h('p', { class: 'headline' }), headline),
    // Main's or the system's own sentence, often English: isolated, so an address in it reads left to right.
    ...(detail === undefined ? [] : [h('p', { class: 'detail', dir: 'auto' }, detail)]),
  );
}
