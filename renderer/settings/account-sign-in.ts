import type { MailtrayApi } from '../../main/ipc-contract.ts';
import { h, setText, uniqueId } from '../dom.ts';
import type { FieldSlot } from './form-fields.ts';
import { currentWords } from '../words.ts';

export interface SignInRow {
  row: HTMLElement;
  field: FieldSlot;
  /** The finished, unsaved sign-in's id ('' for none). */
  signInId(): string;
  /** The address signed in, saved or just now ('' for none). */
  signedInAs(): string;
  /** Shows the button for this provider ("Sign in with Google"). */
  setProvider(label: string): void;
}

export interface SignInRowOptions {
  api: MailtrayApi;
  signedInAs: string;
  /** What to send: the provider, the advanced client id, the address typed as a hint. */
  request(): Parameters<MailtrayApi['signIn']>[0];
  /** The address that signed in, for the User name field when it is empty. */
  onSignedIn(address: string | undefined): void;
}

/**
 * "Sign in with Google": opens the provider in the system browser through
 * main and waits; a Cancel button while it waits; the outcome in a sentence.
 * The tokens stay in main: this row keeps only the sign-in's id for Save.
 */
export function signInRow(path: string, options: SignInRowOptions): SignInRow {
  let signInId = '';
  let signedInAs = options.signedInAs;
  let providerLabel = '';
  const button = h('button', { type: 'button', class: 'secondary', id: uniqueId('sign-in') });
  const cancel = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Cancel');
  const status = h('p', { class: 'hint', role: 'status', id: uniqueId('sign-in-status') });
  const error = h('p', { class: 'field-error', id: uniqueId('error'), hidden: true });
  const describe = () => {
    setText(button, signedInAs ? `Sign in again with ${providerLabel}` : `Sign in with ${providerLabel}`);
    setText(status, signedInAs ? `Signed in as ${signedInAs}.${signInId ? ' Save to keep this account.' : ''}` : 'Not signed in yet.');
  };

  const field: FieldSlot = {
    path,
    control: button as unknown as HTMLInputElement,
    showError(message) {
      setText(error, message ?? '');
      error.hidden = message === undefined;
      if (message === undefined) button.removeAttribute('aria-invalid');
      else button.setAttribute('aria-invalid', 'true');
      button.setAttribute('aria-describedby', [status.id, message === undefined ? '' : error.id].filter(Boolean).join(' '));
    },
  };
  field.showError(undefined);

  button.addEventListener('click', async () => {
    field.showError(undefined);
    button.disabled = true;
    cancel.hidden = false;
    setText(status, `Waiting for the sign-in in your browser...`);
    try {
      const result = await options.api.signIn(options.request());
      if (result.ok) {
        signInId = result.signInId;
        signedInAs = result.address ?? 'your account';
        options.onSignedIn(result.address);
        describe();
      } else {
        describe();
        field.showError(currentWords().say(result.message));
      }
    } finally {
      button.disabled = false;
      cancel.hidden = true;
    }
  });
  cancel.addEventListener('click', () => { void options.api.cancelSignIn(); });

  const row = h('div', { class: 'field sign-in' }, h('div', { class: 'actions' }, button, cancel), status, error);
  return {
    row,
    field,
    signInId: () => signInId,
    signedInAs: () => signedInAs,
    setProvider(label) {
      providerLabel = label;
      describe();
    },
  };
}
