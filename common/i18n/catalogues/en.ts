/**
 * English: the source catalogue. Every other language has exactly these keys
 * (the type checker holds them to it) with the same placeholders (the
 * catalogue test does). Messages are ICU MessageFormat: `{count, plural, ...}`,
 * `{name}`; a literal apostrophe is written as in any English text (ICU only
 * quotes with one before `{`, `}` or `#`).
 *
 * Keys say what the text is for: `<where>.<what>`. A comment above a key is a
 * note for translators.
 *
 * Keep the keys sorted by name within each section: several people add keys
 * at once, and sorted insertions merge without conflicts.
 */
export const en = {
  // ---- account.* : Account tests, provider hints, sign-in (main/bundled, main/oauth, common/mail-providers.ts): i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- app.* : App-wide: dialogs, the placeholder page, the Electron download message: i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- check.* : Settings checks and validation messages (common/settings-rules.ts, main/settings/check-input.ts): i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- connection.* : Connection states and reasons (common/connection.ts, main/connection/): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  // ---- failure.* : Why a mailbox fails (common/mailbox-failure.ts) ----
  // The tray's few words after a mailbox's name: "Work: login failed". Keep them short.
  'failure.reason.auth': 'login failed',
  'failure.reason.authExpired': 'sign in again',
  'failure.reason.certificate': 'TLS problem',
  'failure.reason.connection': 'cannot connect',
  'failure.reason.folder': 'folder not found',
  'failure.reason.generic': 'failing',
  'failure.reason.hostNotFound': 'host not found',
  'failure.reason.limit': 'too many connections',
  'failure.reason.passwordNeeded': 'password needed',
  'failure.reason.setup': 'settings problem',
  // The window's advice under a failing mailbox, when the app's own (bundled) server watches it.
  'failure.bundled.auth': 'Check the user name and password of this account in Settings.',
  'failure.bundled.authExpired': 'Sign in to this account again in Settings.',
  'failure.bundled.certificate': 'Check the security (TLS or STARTTLS) and the port of this account in Settings.',
  'failure.bundled.connection': 'Check the host and port in Settings, and that the mail server is up. Mailtray keeps trying.',
  'failure.bundled.folder': 'Check the folder name of this account in Settings.',
  'failure.bundled.generic': 'Mailtray keeps trying. If this stays, check the account in Settings.',
  'failure.bundled.hostNotFound': 'Check the host name of this account in Settings.',
  'failure.bundled.limit': 'The mail server takes no more connections now. Mailtray keeps trying; close other mail apps if this stays.',
  'failure.bundled.setup': 'Check the settings of this account in Settings.',
  // The window's advice when a remote count server (run by someone else, its "operator") watches the mailbox.
  'failure.remote.auth': "Ask the server's operator to check this mailbox's login.",
  'failure.remote.authExpired': "Ask the server's operator to sign this mailbox in again.",
  'failure.remote.certificate': "Ask the server's operator to check this mailbox's TLS settings.",
  'failure.remote.connection': "The server cannot reach this mailbox's mail host. Mailtray keeps trying.",
  'failure.remote.folder': "Ask the server's operator to check this mailbox's folder.",
  'failure.remote.generic': "Mailtray keeps trying. If this stays, tell the server's operator.",
  'failure.remote.hostNotFound': "The server cannot find this mailbox's mail host; ask its operator.",
  'failure.remote.limit': 'The mail server takes no more connections from the count server now. Mailtray keeps trying.',
  'failure.remote.setup': "Ask the server's operator to check this mailbox's settings.",
  // ---- language.* : Language names and the language setting: i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  // ---- notification.* : Notifications (main/notifications/): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  // ---- settings.* : The window's settings (renderer/settings/): i18n/window ----
  // (keys sorted; add this section's keys below this line)
  // ---- signIn.* : The sign-in pages the loopback listener serves (main/oauth/sign-in-page.ts): i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- snooze.* : Snooze choices (common/snooze.ts): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  // ---- tray.* : Tray menu, tooltip, badge words (main/tray/): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  // ---- window.* : The window's mail view, connection panel, tabs (renderer/): i18n/window ----
  // (keys sorted; add this section's keys below this line)
} as const;

export type MessageKey = keyof typeof en;
/** A translation: every key of the English catalogue, each an ICU message with the same placeholders. */
export type Catalogue = Readonly<Record<MessageKey, string>>;
