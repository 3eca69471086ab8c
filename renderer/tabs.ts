import { h, uniqueId } from './dom.ts';

export interface Tabs {
  element: HTMLElement;
  select(index: number, moveFocus?: boolean): void;
}

/**
 * An ARIA tab list (WAI-ARIA Authoring Practices, "Tabs"): one tab in the tab
 * order, arrow keys / Home / End move between tabs and select them.
 */
export function tabs(entries: { label: string; panel: HTMLElement }[]): Tabs {
  const buttons = entries.map(({ label, panel }) => {
    const id = uniqueId('tab');
    panel.id ||= uniqueId('panel');
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', id);
    return h('button', { type: 'button', role: 'tab', id, 'aria-controls': panel.id }, label);
  });
  const list = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Mailtray' }, ...buttons);

  const select = (index: number, moveFocus = false) => {
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
      const last = buttons.length - 1;
      const next = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      select(next, true);
    });
  });
  select(0);
  return { element: list, select };
}
