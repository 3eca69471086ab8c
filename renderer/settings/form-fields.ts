import type { MessageKey } from '../../common/i18n/catalogues/en.ts';
import type { Words } from '../../common/i18n/translator.ts';
import { h, uniqueId } from '../dom.ts';
import { unworded, wordedAs } from '../words.ts';

/** A label or hint from the catalogue: a key, or a key with values ("Like {example}"). */
export type Wording = MessageKey | Words;

/** A paragraph or label worded from the catalogue, re-worded when the language changes. */
export function wordingOf<E extends Element>(element: E, wording: Wording): E {
  return wordedAs(element, typeof wording === 'string' ? { key: wording } : wording);
}

/** One control of the settings form, found by its field path ("accounts.1.port") to show a problem beside it. */
export interface FieldSlot {
  path: string;
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  /** Words from the checks (main's or the form's): re-worded with the language while shown. */
  showError(message: Words | undefined): void;
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** Wires a control to an error line: aria-invalid, aria-describedby, and the words beside it. */
function slot(path: string, control: Control, error: HTMLElement, hintId?: string): FieldSlot {
  const field: FieldSlot = {
    path,
    control,
    showError(message) {
      if (message === undefined) unworded(error, '');
      else wordedAs(error, message);
      error.hidden = message === undefined;
      if (message === undefined) control.removeAttribute('aria-invalid');
      else control.setAttribute('aria-invalid', 'true');
      const describedBy = [hintId, message === undefined ? undefined : error.id].filter(Boolean).join(' ');
      if (describedBy === '') control.removeAttribute('aria-describedby');
      else control.setAttribute('aria-describedby', describedBy);
    },
  };
  // A problem is gone from view once the user starts fixing it; Save checks again anyway.
  control.addEventListener('input', () => field.showError(undefined));
  return field;
}

function errorLine(): HTMLElement {
  return h('p', { class: 'field-error', id: uniqueId('error'), hidden: true });
}

export interface InputOptions {
  label: MessageKey;
  path: string;
  value: string;
  type?: 'text' | 'password' | 'time';
  hint?: Wording;
  autocomplete?: string;
  inputmode?: 'numeric' | 'url' | 'email';
  /** Narrow fields (port, times) share a line with their neighbour. */
  narrow?: boolean;
  /**
   * Text in the user's own words and script (an account's name, a folder), which takes its own
   * direction. Other fields hold hosts, addresses, ports, paths and tokens: left to right in every language.
   */
  isFreeText?: boolean;
}

export function inputField(options: InputOptions): { row: HTMLElement; input: HTMLInputElement; field: FieldSlot } {
  const id = uniqueId('field');
  const hint = options.hint === undefined ? undefined : wordingOf(h('p', { class: 'hint', id: uniqueId('hint') }), options.hint);
  const input = h('input', {
    id,
    type: options.type ?? 'text',
    autocomplete: options.autocomplete ?? 'off',
    inputmode: options.inputmode,
    dir: options.isFreeText ? 'auto' : 'ltr',
    spellcheck: 'false',
  });
  input.value = options.value;
  const error = errorLine();
  const field = slot(options.path, input, error, hint?.id);
  field.showError(undefined);
  const row = h('div', { class: options.narrow ? 'field narrow' : 'field' },
    wordingOf(h('label', { for: id }), options.label), input, hint, error);
  return { row, input, field };
}

export function checkboxField(label: MessageKey, path: string, checked: boolean, hint?: Wording): {
  row: HTMLElement; input: HTMLInputElement; field: FieldSlot;
} {
  const id = uniqueId('check');
  const hintLine = hint === undefined ? undefined : wordingOf(h('p', { class: 'hint', id: uniqueId('hint') }), hint);
  const input = h('input', { id, type: 'checkbox' });
  input.checked = checked;
  const error = errorLine();
  const field = slot(path, input, error, hintLine?.id);
  field.showError(undefined);
  const row = h('div', { class: 'check' }, input, wordingOf(h('label', { for: id }), label), hintLine, error);
  return { row, input, field };
}

/**
 * A select; each option's text is worded from the catalogue, or a plain string for what is the same
 * in every language (brand names, TLS, a language's own name).
 */
export function selectField<V extends string>(label: MessageKey, path: string, value: V, options: [V, Words | string][]): {
  row: HTMLElement; select: HTMLSelectElement; field: FieldSlot;
} {
  const id = uniqueId('select');
  const select = h('select', { id }, ...options.map(([optionValue, text]) =>
    typeof text === 'string' ? h('option', { value: optionValue }, text) : wordingOf(h('option', { value: optionValue }), text)));
  select.value = value;
  const error = errorLine();
  const field = slot(path, select, error);
  const row = h('div', { class: 'field narrow' }, wordingOf(h('label', { for: id }), label), select, error);
  return { row, select, field };
}

/** Several lines of text (a hook's arguments, one per line): left to right, as paths and options are. */
export function textAreaField(options: { label: MessageKey; path: string; value: string; hint?: Wording; rows?: number }): {
  row: HTMLElement; textarea: HTMLTextAreaElement; field: FieldSlot;
} {
  const id = uniqueId('field');
  const hint = options.hint === undefined ? undefined : wordingOf(h('p', { class: 'hint', id: uniqueId('hint') }), options.hint);
  const textarea = h('textarea', { id, rows: String(options.rows ?? 3), dir: 'ltr', spellcheck: 'false', autocomplete: 'off' });
  textarea.value = options.value;
  const error = errorLine();
  const field = slot(options.path, textarea, error, hint?.id);
  field.showError(undefined);
  const row = h('div', { class: 'field' }, wordingOf(h('label', { for: id }), options.label), textarea, hint, error);
  return { row, textarea, field };
}
