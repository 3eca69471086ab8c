import type { MailtrayApi } from '../../main/ipc-contract.ts';
import { h, uniqueId } from '../dom.ts';
import { unworded, worded, wordedAs } from '../words.ts';
import type { FieldSlot } from './form-fields.ts';

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
  const cancel = worded(h('button', { type: 'button', class: 'secondary', hidden: true }), 'settings.account.signInCancel');
  const status = h('p', { class: 'hint', role: 'status', id: uniqueId('sign-in-status') });
  const error = h('p', { class: 'field-error', id: uniqueId('error'), hidden: true });
  const describe = () => {
    const isSignedIn = signedInAs !== '' || signInId !== '';
    worded(button, isSignedIn ? 'settings.account.signInAgain' : 'settings.account.signIn', { provider: providerLabel });
    if (!isSignedIn) worded(status, 'settings.account.notSignedIn');
    else if (signedInAs === '') worded(status, 'settings.account.signedInSaveNoAddress');
    else worded(status, signInId ? 'settings.account.signedInSave' : 'settings.account.signedIn', { address: signedInAs });
  };

  const field: FieldSlot = {
    path,
    control: button as unknown as HTMLInputElement,
    showError(message) {
      if (message === undefined) unworded(error, '');
      else wordedAs(error, message);
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
    worded(status, 'settings.account.signInWaiting');
    try {
      const result = await options.api.signIn(options.request());
      if (result.ok) {
        signInId = result.signInId;
        signedInAs = result.address ?? '';
        options.onSignedIn(result.address);
        describe();
      } else {
        describe();
        field.showError(result.message);
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
