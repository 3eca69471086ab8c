import type { AppStatus, MailtrayApi } from '../main/ipc-contract.ts';
import { connectionLine, connectionWarnings } from './connection-words.ts';
import { h, setText } from './dom.ts';

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
  const retry = h('button', { type: 'button', class: 'secondary' }, 'Retry now');
  const settings = h('button', { type: 'button', class: 'secondary' }, 'Open Settings');
  // The warnings fold into one line, the details on demand: at 200% zoom two banners filled the first screen.
  const warningsTitle = h('span', { class: 'warnings-title' });
  const warningsFirst = h('span', { class: 'warnings-first' });
  const warningsList = h('ul', { 'aria-label': 'Warnings' });
  const warnings = h('details', { class: 'warnings' },
    h('summary', {}, h('span', { class: 'warnings-line' }, warningsTitle, warningsFirst)), warningsList);
  retry.addEventListener('click', () => { void api.retryNow(); });
  settings.addEventListener('click', openSettings);
  const line = h('div', { class: 'connection-line' }, dot, text, retry, settings);
  const element = h('div', { class: 'connection' }, line, announcer, warnings);
  let announced = '';

  return {
    element,
    show(status, now) {
      const words = connectionLine(status.connection, now);
      line.className = `connection-line ${words.tone}`;
      setText(text, words.text);
      retry.hidden = !words.canRetry;
      settings.hidden = !words.pointsToSettings;
      const state = `${status.connection.state} ${status.connection.server.label} ${'reason' in status.connection ? status.connection.reason : ''}`;
      if (state !== announced) {
        announced = state;
        setText(announcer, words.text);
      }
      const list = connectionWarnings(status);
      const current = [...warningsList.children].map((item) => item.textContent);
      if (current.join('\n') !== list.join('\n')) {
        warningsList.replaceChildren(...list.map((warning) => h('li', {}, warning)));
        setText(warningsTitle, list.length === 1 ? 'Warning: ' : `${list.length} warnings: `);
        setText(warningsFirst, list[0] ?? '');
      }
      warnings.hidden = list.length === 0;
    },
  };
}
