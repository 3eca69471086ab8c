import type { MessageKey } from '../../common/i18n/catalogues/en.ts';
import type { Words } from '../../common/i18n/translator.ts';
import type { MailtrayApi } from '../../main/ipc-contract.ts';
import { h } from '../dom.ts';
import { worded, wordedAs } from '../words.ts';
import { accountFromDraft, type AccountDraft } from './account-draft.ts';

const saidByTheTest: ReadonlySet<MessageKey> = new Set(['check.password', 'check.passwordMissing', 'check.signInMissing']);

/**
 * "Test account": signs in and counts the folder with the account as typed,
 * before it is saved, and says how it went in one sentence.
 */
/** `onTested`: after a test that signed in, or found the folder missing: the folders can be listed then. */
export function accountTestRow(api: MailtrayApi, read: () => AccountDraft, onTested: () => void = () => {}): { row: HTMLElement } {
  const button = worded(h('button', { type: 'button', class: 'secondary' }), 'settings.account.test');
  const result = h('div', { class: 'test-result', role: 'status' });
  button.addEventListener('click', async () => {
    const problems: Words[] = [];
    const account = accountFromDraft(read(), (_field, message) => problems.push(message));
    // A password or sign-in missing is said by the test itself, in its words; other problems first.
    const blocking = problems.filter((p) => !saidByTheTest.has(p.key));
    if (blocking.length > 0) {
      result.className = 'test-result problem';
      wordedAs(result, blocking[0]!);
      return;
    }
    button.disabled = true;
    result.className = 'test-result';
    worded(result, 'settings.account.testing');
    try {
      const outcome = await api.testAccount(account);
      result.className = outcome.ok ? 'test-result ok' : 'test-result problem';
      wordedAs(result, outcome.message);
      if (outcome.ok || outcome.problem === 'folder') onTested();
    } catch {
      result.className = 'test-result problem';
      worded(result, 'settings.account.testCouldNotRun');
    } finally {
      button.disabled = false;
    }
  });
  return { row: h('div', { class: 'field' }, h('div', { class: 'actions' }, button), result) };
}
