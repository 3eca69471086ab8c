import type { AppStatus, MailtrayApi } from '../main/ipc-contract.ts';
import { connectionLine, connectionWarnings } from './connection-words.ts';
import { h, setText } from './dom.ts';
import { currentWords, worded } from './words.ts';

export interface ConnectionPanel {
  element: HTMLElement;
  /** Called on every status and every second, so the retry countdown moves. */
  show(status: AppStatus, now: number): void;
}

/** The line that always says where the counts come from and how that is going, and the warnings under it. */
export function connectionPanel(api: MailtrayApi, openSettings: () => void): ConnectionPanel {
  const dot = h('span', { class: 'dot', 'aria-hidden': 'true' });
  const text = h('p', { class: 'connection-text' });
  // The visible line ticks every second while retrying; screen readers hear only changes of state.
  const announcer = h('p', { class: 'visually-hidden', role: 'status' });
  const retry = worded(h('button', { type: 'button', class: 'secondary' }), 'window.connection.retry');
  const settings = worded(h('button', { type: 'button', class: 'secondary' }), 'window.openSettings');
  // The warnings fold into one line, the details on demand: at 200% zoom two banners filled the first screen.
  const warningsTitle = h('span', { class: 'warnings-title' });
  const warningsFirst = h('span', { class: 'warnings-first' });
  const warningsList = worded(h('ul'), 'window.warnings.label', undefined, 'aria-label');
  const warnings = h('details', { class: 'warnings' },
    h('summary', {}, h('span', { class: 'warnings-line' }, warningsTitle, warningsFirst)), warningsList);
  retry.addEventListener('click', () => { void api.retryNow(); });
  settings.addEventListener('click', openSettings);
  const line = h('div', { class: 'connection-line' }, dot, text, retry, settings);
  const element = h('div', { class: 'connection' }, line, announcer, warnings);
  let announced = '';
  let warnedIn = '';

  return {
    element,
    show(status, now) {
      const words = currentWords();
      const shown = connectionLine(status.connection, now, words);
      line.className = `connection-line ${shown.tone}`;
      setText(text, shown.text);
      retry.hidden = !shown.canRetry;
      settings.hidden = !shown.pointsToSettings;
      const state = `${words.language} ${status.connection.state} ${status.connection.server.label} ${'reason' in status.connection ? status.connection.reason : ''}`;
      if (state !== announced) {
        announced = state;
        setText(announcer, shown.text);
      }
      const list = connectionWarnings(status, words);
      const current = [...warningsList.children].map((item) => item.textContent);
      if (current.join('\n') !== list.join('\n') || warnedIn !== words.language) {
        warnedIn = words.language;
        warningsList.replaceChildren(...list.map((warning) => h('li', {}, warning)));
        setText(warningsTitle, `${words.t('window.warnings.title', { count: list.length })} `);
        setText(warningsFirst, list[0] ?? '');
      }
      warnings.hidden = list.length === 0;
    },
  };
}
