import type { MailtrayApi } from '../../main/ipc-contract.ts';
import { h, setText } from '../dom.ts';
import { accountFromDraft, type AccountDraft } from './account-draft.ts';

/**
 * "Test account": signs in and counts the folder with the account as typed,
 * before it is saved, and says how it went in one sentence.
 */
export function accountTestRow(api: MailtrayApi, read: () => AccountDraft): { row: HTMLElement } {
  const button = h('button', { type: 'button', class: 'secondary' }, 'Test account');
  const result = h('div', { class: 'test-result', role: 'status' });
  button.addEventListener('click', async () => {
    const problems: string[] = [];
    const account = accountFromDraft(read(), (_field, message) => problems.push(message));
    // A password or sign-in missing is said by the test itself, in its words; other problems first.
    const blocking = problems.filter((p) => !/password|Sign in/.test(p));
    if (blocking.length > 0) {
      result.className = 'test-result problem';
      setText(result, blocking[0]!);
      return;
    }
    button.disabled = true;
    result.className = 'test-result';
    setText(result, 'Signing in...');
    try {
      const outcome = await api.testAccount(account);
      result.className = outcome.ok ? 'test-result ok' : 'test-result problem';
      setText(result, outcome.message);
    } catch {
      result.className = 'test-result problem';
      setText(result, 'The test could not run; try again.');
    } finally {
      button.disabled = false;
    }
  });
  return { row: h('div', { class: 'field' }, h('div', { class: 'actions' }, button), result) };
}
