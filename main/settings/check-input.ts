import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import ajvErrors from 'ajv-errors';
import type { FieldError, SettingsInput } from '../ipc-contract.ts';
import { mailProviders } from '../../common/mail-providers.ts';
import { filterRules, isReadableSearch } from '../../common/count-filter.ts';
import type { Words } from '../../common/i18n/translator.ts';
import { checkWordsOf, crossFieldMessages, keepsRule, passwordRule, serverUrlRule } from '../../common/settings-rules.ts';
import { settingsInputSchema } from './schema.ts';
import { scheduleDaysMessage, soundFileRule } from '../../common/mailbox-rule-rules.ts';
import { hookProgramRule, shortcutProblem } from '../../common/hook-rules.ts';

/** What the saved settings already hold, so a token or password left out can be kept. */
export interface SavedSecrets {
  /** The keys of the saved remote servers that have a token. */
  remotesWithToken: ReadonlySet<string>;
  accountsWithPassword: ReadonlySet<string>;
  /** Accounts with a saved browser sign-in (OAuth2) this machine can open. */
  accountsWithSignIn?: ReadonlySet<string>;
  /** Whether a sign-in the window names is still waiting in main to be saved. */
  isPendingSignIn?: (signInId: string) => boolean;
}

const ajv = new Ajv2020({ allErrors: true });
// A CommonJS module: under Node's ESM its default export is module.exports, the plugin is its .default too.
ajvErrors.default(ajv);
const validateInput = ajv.compile<SettingsInput>(settingsInputSchema);

/**
 * Checks settings sent by the window against the schema (schema.ts), field by
 * field, in the form's words (as `Words`, said in the window's language). The
 * renderer is not trusted: every field is checked for its type too. Then the
 * rules no schema can say: a password or token is needed unless one is saved,
 * ids differ, quiet hours have a length.
 */
export function checkSettingsInput(input: unknown, saved: SavedSecrets): FieldError[] {
  const errors = validateInput(input) ? [] : fieldErrors(validateInput.errors ?? []);
  // The rules below read only what is there, so every problem is named at once, not one round at a time.
  const { servers, accounts, notifications } = (isObject(input) ? input : {}) as Partial<Record<keyof SettingsInput, unknown>>;
  const remotes = isObject(servers) && Array.isArray(servers.remotes) ? servers.remotes : [];
  const keys = new Set<unknown>();
  remotes.forEach((remote: unknown, i) => {
    if (!isObject(remote)) return;
    if (remote.key !== undefined && keys.has(remote.key)) {
      errors.push({ field: `servers.remotes.${i}.key`, message: crossFieldMessages.duplicateId(String(remote.key)) });
    }
    keys.add(remote.key);
    if (remote.token === undefined && !(typeof remote.key === 'string' && saved.remotesWithToken.has(remote.key))) {
      errors.push({ field: `servers.remotes.${i}.token`, message: crossFieldMessages.tokenMissing });
    }
  });
  const ids = new Set<unknown>();
  (Array.isArray(accounts) ? accounts : []).forEach((account: unknown, i) => {
    if (!isObject(account)) return;
    if (typeof account.id === 'string' && ids.has(account.id)) {
      errors.push({ field: `accounts.${i}.id`, message: crossFieldMessages.duplicateId(account.id) });
    }
    ids.add(account.id);
    // IMAP SEARCH keys the server could not send as one command would stop the bundled server's source: refused here instead.
    const filter = isObject(account.countFilter) ? account.countFilter : undefined;
    if (typeof filter?.search === 'string' && filter.search !== '' && filter.search.length <= filterRules.search.maxLength && !isReadableSearch(filter.search)) {
      errors.push({ field: `accounts.${i}.countFilter.search`, message: filterRules.search.message });
    }
    if (account.signIn === 'oauth2') {
      const provider = mailProviders.find((p) => p.id === account.provider);
      if (!provider?.oauth) {
        errors.push({ field: `accounts.${i}.signIn`, message: crossFieldMessages.signInNotOffered });
      } else if (typeof account.signInId === 'string') {
        if (!saved.isPendingSignIn?.(account.signInId)) errors.push({ field: `accounts.${i}.signIn`, message: crossFieldMessages.signInGone });
      } else if (!saved.accountsWithSignIn?.has(String(account.id))) {
        errors.push({ field: `accounts.${i}.signIn`, message: crossFieldMessages.signInMissing });
      }
    } else if ((account.password === undefined || account.password === '') && !saved.accountsWithPassword.has(String(account.id))) {
      errors.push({ field: `accounts.${i}.password`, message: passwordRule.missing });
    }
  });
  const { mailboxes } = (isObject(input) ? input : {}) as { mailboxes?: unknown };
  (Array.isArray(mailboxes) ? mailboxes : []).forEach((entry: unknown, i) => {
    if (!isObject(entry)) return;
    // A sound file chosen as the sound needs the file; the file alone may stay while another sound is chosen.
    if (entry.sound === 'file' && (typeof entry.soundFile !== 'string' || entry.soundFile === '')) {
      errors.push({ field: `mailboxes.${i}.soundFile`, message: soundFileRule.message });
    }
    const schedule = isObject(entry.schedule) ? entry.schedule : undefined;
    if (schedule && Array.isArray(schedule.days) && schedule.days.length === 0) {
      errors.push({ field: `mailboxes.${i}.schedule.days`, message: scheduleDaysMessage });
    }
  });
  const { general, hooks } = (isObject(input) ? input : {}) as { general?: unknown; hooks?: unknown };
  const shortcut = isObject(general) && typeof general.shortcut === 'string' ? shortcutProblem(general.shortcut.trim()) : undefined;
  if (shortcut) errors.push({ field: 'general.shortcut', message: shortcut });
  // A hook turned on needs its program; one turned off may keep an empty one.
  if (isObject(hooks) && hooks.enabled === true && (typeof hooks.program !== 'string' || hooks.program.trim() === '')) {
    errors.push({ field: 'hooks.program', message: hookProgramRule.message });
  }
  const quiet = isObject(notifications) ? notifications.quietHours : undefined;
  if (isObject(quiet) && quiet.enabled === true && typeof quiet.start === 'string' && quiet.start === quiet.end) {
    errors.push({ field: 'notifications.quietHours.end', message: crossFieldMessages.quietHoursSame });
  }
  return inFormOrder(errors);
}

/** Why `url` cannot be a count server's address, or undefined: the schema's rule, for Test connection. */
export function serverUrlProblem(url: unknown): Words | undefined {
  return typeof url === 'string' && keepsRule(serverUrlRule, url) ? undefined : serverUrlRule.message;
}

/** Addresses a click may open with the OS (mail web apps and mail clients), nothing else. */
export function isOpenableAddress(url: unknown): url is string {
  if (typeof url !== 'string') return false;
  try {
    return ['https:', 'http:', 'mailto:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** ajv's errors as form fields: "/accounts/0/port" is "accounts.0.port"; a missing field is named itself. */
function fieldErrors(errors: ErrorObject[]): FieldError[] {
  const seen = new Set<string>();
  return errors.flatMap((error) => {
    // "must match the then schema" only repeats the errors found inside it.
    if (error.keyword === 'if') return [];
    const path = error.instancePath.split('/').slice(1).map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
    const missing = requiredProperty(error);
    if (missing !== undefined) path.push(missing);
    const extra = error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties'
      ? (error.params as { additionalProperty?: string; unevaluatedProperty?: string }) : undefined;
    const unknown = extra?.additionalProperty ?? extra?.unevaluatedProperty;
    const field = path.join('.');
    // The schema's messages are catalogue keys (schema.ts); ajv's own ones (English) only reach here for a bug.
    const message: Words = unknown !== undefined ? { key: 'check.notASetting', values: { name: unknown } }
      : error.message === 'check.missing' && missing !== undefined ? { key: 'check.missing', values: { name: missing } }
        : checkWordsOf(error.message ?? '') ?? { key: 'check.invalid' };
    const key = `${field}\n${JSON.stringify(message)}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ field, message }];
  });
}

/** The property a `required` error (or ajv-errors' message for one) is about. */
function requiredProperty(error: ErrorObject): string | undefined {
  if (error.keyword === 'required') return (error.params as { missingProperty: string }).missingProperty;
  if (error.keyword !== 'errorMessage') return undefined;
  const inner = (error.params as { errors?: ErrorObject[] }).errors ?? [];
  const required = inner.find((e) => e.keyword === 'required');
  return required ? (required.params as { missingProperty: string }).missingProperty : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Problems in the order of the form, top to bottom: the first one is where the form puts the focus. */
function inFormOrder(errors: FieldError[]): FieldError[] {
  const order = ['', 'servers', 'accounts', 'notifications', 'general', 'mailboxes', 'hooks'];
  const rank = (field: string) => {
    const top = order.indexOf(field.split('.')[0] ?? '');
    const account = /^(?:accounts|servers\.remotes)\.(\d+)/.exec(field);
    return [top, account ? Number(account[1]) : 0] as const;
  };
  return errors
    .map((error, index) => ({ error, index, rank: rank(error.field) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.index - b.index)
    .map(({ error }) => error);
}
