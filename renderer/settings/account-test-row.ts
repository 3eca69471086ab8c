import type { MailtrayApi } from '../../main/ipc-contract.ts';
import { h } from '../dom.ts';
import { unworded, worded } from '../words.ts';
import { accountFromDraft, type AccountDraft } from './account-draft.ts';

/**
 * "Test account": signs in and counts the folder with the account as typed,
 * before it is saved, and says how it went in one sentence.
 */
export function accountTestRow(api: MailtrayApi, read: () => AccountDraft): { row: HTMLElement } {
  const button = worded(h('button', { type: 'button', class: 'secondary' }), 'settings.account.test');
  const result = h('div', { class: 'test-result', role: 'status' });
  button.addEventListener('click', async () => {
    const problems: { field: string; message: string }[] = [];
    const account = accountFromDraft(read(), (field, message) => problems.push({ field, message }));
    // A password or sign-in missing is said by the test itself, in its words; other problems first.
    const blocking = problems.filter(({ field }) => field !== 'password' && field !== 'signIn').map(({ message }) => message);
    if (blocking.length > 0) {
      result.className = 'test-result problem';
      unworded(result, blocking[0]!);
      return;
    }
    button.disabled = true;
    result.className = 'test-result';
    worded(result, 'settings.account.testing');
    try {
      const outcome = await api.testAccount(account);
      result.className = outcome.ok ? 'test-result ok' : 'test-result problem';
      unworded(result, outcome.message);
    } catch {
      result.className = 'test-result problem';
      worded(result, 'settings.account.testCouldNotRun');
    } finally {
      button.disabled = false;
    }
  });
  return { row: h('div', { class: 'field' }, h('div', { class: 'actions' }, button), result) };
}
