import type { MessageKey } from '../../common/i18n/catalogues/en.ts';
import type { Words } from '../../common/i18n/translator.ts';
import type { MailtrayApi } from '../../main/ipc-contract.ts';
import { h, setText } from '../dom.ts';
import { accountFromDraft, type AccountDraft } from './account-draft.ts';
import { currentWords } from '../words.ts';

const saidByTheTest: ReadonlySet<MessageKey> = new Set(['check.password', 'check.passwordMissing', 'check.signInMissing']);

/**
 * "Test account": signs in and counts the folder with the account as typed,
 * before it is saved, and says how it went in one sentence.
 */
export function accountTestRow(api: MailtrayApi, read: () => AccountDraft): { row: HTMLElement } {
  const button = h('button', { type: 'button', class: 'secondary' }, 'Test account');
  const result = h('div', { class: 'test-result', role: 'status' });
  button.addEventListener('click', async () => {
    const problems: Words[] = [];
    const account = accountFromDraft(read(), (_field, message) => problems.push(message));
    // A password or sign-in missing is said by the test itself, in its words; other problems first.
    const blocking = problems.filter((p) => !saidByTheTest.has(p.key));
    if (blocking.length > 0) {
      result.className = 'test-result problem';
      setText(result, currentWords().say(blocking[0]!));
      return;
    }
    button.disabled = true;
    result.className = 'test-result';
    setText(result, 'Signing in...');
    try {
      const outcome = await api.testAccount(account);
      result.className = outcome.ok ? 'test-result ok' : 'test-result problem';
      setText(result, currentWords().say(outcome.message));
    } catch {
      result.className = 'test-result problem';
      setText(result, 'The test could not run; try again.');
    } finally {
      button.disabled = false;
    }
  });
  return { row: h('div', { class: 'field' }, h('div', { class: 'actions' }, button), result) };
}
