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
  const warnings = h('ul', { class: 'warnings', 'aria-label': 'Warnings' });
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
      const current = [...warnings.children].map((item) => item.textContent);
      if (current.join('\n') !== list.join('\n')) {
        warnings.replaceChildren(...list.map((warning) => h('li', {}, warning)));
      }
      warnings.hidden = list.length === 0;
    },
  };
}
