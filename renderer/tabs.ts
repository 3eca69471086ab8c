import type { MessageKey } from '../common/i18n/catalogues/en.ts';
import { h, uniqueId } from './dom.ts';
import { worded } from './words.ts';

export interface Tabs {
  element: HTMLElement;
  select(index: number, moveFocus?: boolean): void;
  selected(): number;
  /** Hides a tab and its panel (the Mail accounts section when a remote server is chosen). */
  setHidden(index: number, hidden: boolean): void;
  /** Marks a tab as holding problems, in words for screen readers too. */
  setProblem(index: number, hasProblem: boolean): void;
}

export interface TabsOptions {
  /** The tab list's name for screen readers. */
  label: MessageKey;
  className?: string;
}

/**
 * An ARIA tab list (WAI-ARIA Authoring Practices, "Tabs"): one tab in the tab
 * order, arrow keys / Home / End move between the visible tabs and select them.
 */
export function tabs(entries: { label: MessageKey; panel: HTMLElement }[], options: TabsOptions = { label: 'window.tabs.label' }): Tabs {
  const hidden = entries.map(() => false);
  const problemMarks = entries.map(() => h('span', { class: 'problem-mark' }, worded(h('span', { class: 'visually-hidden' }), 'window.tabs.hasProblems')));
  const buttons = entries.map(({ label, panel }) => {
    const id = uniqueId('tab');
    panel.id ||= uniqueId('panel');
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', id);
    // The label in a span of its own: the problem mark goes beside it, and re-wording the label must not drop it.
    return h('button', { type: 'button', role: 'tab', id, 'aria-controls': panel.id }, worded(h('span', {}), label));
  });
  const list = worded(h('div', { class: options.className ?? 'tabs', role: 'tablist' }, ...buttons), options.label, undefined, 'aria-label');
  let current = 0;

  const select = (index: number, moveFocus = false) => {
    current = index;
    buttons.forEach((button, i) => {
      const selected = i === index;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      const panel = entries[i]?.panel;
      if (panel) panel.hidden = !selected;
    });
    if (moveFocus) buttons[index]?.focus();
  };

  buttons.forEach((button, index) => {
    button.addEventListener('click', () => select(index));
    button.addEventListener('keydown', (event) => {
      const visible = buttons.map((_, i) => i).filter((i) => !hidden[i]);
      const at = visible.indexOf(index);
      const last = visible.length - 1;
      const next = { ArrowRight: at === last ? 0 : at + 1, ArrowLeft: at === 0 ? last : at - 1, Home: 0, End: last }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      select(visible[next]!, true);
    });
  });
  select(0);
  return {
    element: list,
    select,
    selected: () => current,
    setHidden(index, isHidden) {
      hidden[index] = isHidden;
      buttons[index]!.hidden = isHidden;
      if (isHidden && current === index) select(hidden.indexOf(false));
    },
    setProblem(index, hasProblem) {
      // In the tab's name only while there are problems: "Accounts, has problems".
      if (hasProblem) buttons[index]!.append(problemMarks[index]!);
      else problemMarks[index]!.remove();
    },
  };
}
