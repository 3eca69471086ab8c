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
  // The count server refused the app's token; {reason} is what it said.
  'connection.authFailed': 'Token refused: {reason}',
  'connection.authFailedRemote': 'Token refused: {reason}; check it in the settings',
  // The count server that runs inside the app (as opposed to a remote one); shown after "Live:".
  'connection.bundledServer': 'bundled server',
  // {server} is "bundled server" or a host name such as counts.example.com.
  'connection.connecting': 'Connecting: {server}',
  // Live: counts arrive the moment they change.
  'connection.live': 'Live: {server}',
  'connection.offline': 'Offline: waiting for the network',
  // Why the counts are not live, after "Not connected:". {failure} is the system's own message, in English.
  'connection.reason.bundledNotStarted': 'the bundled server could not start: {failure}',
  'connection.reason.bundledStopped': 'the bundled server stopped (exit code {code}); restarting',
  'connection.reason.dns': 'server not found (no such host name)',
  'connection.reason.httpStatus': 'the server answered HTTP {status}',
  'connection.reason.noAnswer': 'no answer within {seconds} s',
  'connection.reason.notMailtray': 'the server answered, but not like a Mailtray count server',
  'connection.reason.offlineLookup': 'no network (host name lookup failed)',
  'connection.reason.offlineUnreachable': 'no network (host unreachable)',
  // A network failure Mailtray has no words for: the system's own message, as it is.
  'connection.reason.other': '{message}',
  'connection.reason.plainHttp': 'this server speaks HTTP, not HTTPS: use an http:// address, or ask its operator for HTTPS',
  'connection.reason.refused': 'server unreachable (connection refused)',
  'connection.reason.requestFailed': 'the request failed',
  'connection.reason.reset': 'the connection was cut',
  // The count server's own sentence, as it sent it (in English).
  'connection.reason.serverSaid': '{message}',
  'connection.reason.serverSaidStatus': '{message} (HTTP {status})',
  'connection.reason.timeout': 'the server did not answer in time',
  'connection.reason.tls': 'TLS problem: the secure connection could not be set up',
  'connection.reason.tlsExpired': 'TLS problem: the server\'s certificate has expired',
  'connection.reason.tlsIncomplete': 'TLS problem: the server\'s certificate cannot be checked (an intermediate certificate is missing)',
  'connection.reason.tlsNotYetValid': 'TLS problem: the server\'s certificate is not valid yet (check this computer\'s clock)',
  'connection.reason.tlsSelfSigned': 'TLS problem: the server\'s certificate is self-signed, so it cannot be checked',
  'connection.reason.tlsUntrusted': 'TLS problem: the server\'s certificate comes from an authority this computer does not trust',
  'connection.reason.tlsWrongHost': 'TLS problem: the server\'s certificate is for another host name',
  'connection.reason.tokenForbidden': 'this token may not watch counts',
  'connection.reason.tokenUnknown': 'the server does not accept this token',
  'connection.reason.tooLarge': 'the server\'s answer is larger than {size} MiB, more than Mailtray reads',
  'connection.retrying': 'Not connected: {reason}',
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
  // The language setting's first choice: follow the system. {language} is the system language's own name, e.g. "한국어".
  'language.system': 'System ({language})',
  // ---- notification.* : Notifications (main/notifications/): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  // A button on the notification.
  'notification.action.markRead': 'Mark as read',
  // A button on the notification: opens the mailbox or the window.
  'notification.action.open': 'Open',
  // {senders}: a list of names, e.g. "Alice Smith, Bob and 2 more".
  'notification.from': 'From {senders}',
  // One mailbox and how many mails it has, as an item in a list: "Work 3".
  'notification.mailboxCount': '{name} {count}',
  // The last item of a list of mailboxes: "Work 3, Home 2 and 4 more" (mailboxes).
  'notification.moreMailboxes': '{count, plural, other {# more}}',
  // A line under the senders and subjects listed: more mails than are shown.
  'notification.moreMessages': '{count, plural, other {and # more}}',
  // The last item of a list of senders: mails from senders not named.
  'notification.moreSenders': '{count, plural, other {# more}}',
  // A notification's title: new mails in one mailbox; {mailbox} is a name the user typed.
  'notification.newInMailbox': '{count, plural, other {# new in {mailbox}}}',
  // A notification's title: new mails in three or more mailboxes.
  'notification.newInMailboxes': '{count, plural, other {# new}} in {mailboxes, plural, one {# mailbox} other {# mailboxes}}',
  // A notification's title: new mails in two mailboxes, each with how many ("3 new: Home 2, Work 1").
  'notification.newInTwo': '{count, plural, other {# new}}: {first} {firstCount}, {second} {secondCount}',
  'notification.noSubject': '(no subject)',
  // The body of a notification of one new mail: its subject and the mailbox it came to.
  'notification.oneMessage': '{subject} — {mailbox}',
  'notification.oneMessageSenderOnly': 'New mail in {mailbox}',
  'notification.senderAndSubject': '{sender}: {subject}',
  // The body of the one summary after the app starts.
  'notification.summaryBody': 'Mailtray is watching your mailboxes',
  'notification.summaryMany': '{count, plural, other {# unread}} in {mailboxes, plural, one {# mailbox} other {# mailboxes}}',
  // The summary after start: unread mails, all in one mailbox.
  'notification.summaryOne': '{count, plural, other {# unread}}: {first} {firstCount}',
  'notification.summaryTwo': '{count, plural, other {# unread}}: {first} {firstCount}, {second} {secondCount}',
  // The body when no sender is known: the unread mails of all mailboxes.
  'notification.unreadInAll': '{count, plural, other {# unread in all}}',
  // ---- settings.* : The window's settings (renderer/settings/): i18n/window ----
  // (keys sorted; add this section's keys below this line)
  // ---- signIn.* : The sign-in pages the loopback listener serves (main/oauth/sign-in-page.ts): i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- snooze.* : Snooze choices (common/snooze.ts): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  // A snooze choice: no notifications for this long.
  'snooze.forHours': '{count, plural, one {For # hour} other {For # hours}}',
  'snooze.forMinutes': '{count, plural, one {For # minute} other {For # minutes}}',
  // The snooze choice that ends a snooze: notifications again from now.
  'snooze.off': 'Off',
  // {time} is a time of day as the system writes it ("8:00 AM", "08:00").
  'snooze.untilTomorrow': 'Until tomorrow {time}',
  // ---- tray.* : Tray menu, tooltip, badge words (main/tray/): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  'tray.menu.checkNow': 'Check now',
  // A menu row: a mailbox's name (as the user typed it) and its unread mails.
  'tray.menu.mailbox': '{name} - {count}',
  'tray.menu.mailboxFailing': '{name} - {reason}',
  // A mailbox whose count is not known yet.
  'tray.menu.mailboxPending': '{name} - …',
  // The last mailbox row when there are too many for the menu; opens the window, which lists them all.
  'tray.menu.more': '{count, plural, other {And # more…}}',
  'tray.menu.noMailboxes': 'No mailboxes yet',
  'tray.menu.open': 'Open Mailtray',
  'tray.menu.quit': 'Quit Mailtray',
  // After the server refused the token: try once more.
  'tray.menu.retry': 'Retry',
  // While waiting to retry: retry without waiting.
  'tray.menu.retryNow': 'Retry now',
  'tray.menu.settings': 'Settings…',
  'tray.menu.snooze': 'Snooze notifications',
  // {time}: "14:00", or with the weekday on another day ("Sat 08:00").
  'tray.menu.snoozedUntil': 'Snoozed until {time}',
  // Windows reads this aloud for the taskbar badge.
  'tray.overlay.unread': '{count, plural, other {# unread}}',
  // While not connected: when the counts shown were last known to be right.
  'tray.tooltip.confirmedAt': 'Counts last confirmed {time}',
  'tray.tooltip.mailbox': '{name}: {count}',
  // {count}: the last count known; {reason}: why the mailbox fails ("login failed").
  'tray.tooltip.mailboxFailing': '{name}: {count}, {reason}',
  'tray.tooltip.mailboxPending': '{name}: waiting for a count',
  'tray.tooltip.snoozedUntil': 'Notifications snoozed until {time}',
  // The tooltip's first line: all unread mails.
  'tray.tooltip.total': '{count, plural, other {Mailtray: # unread}}',
  // ---- window.* : The window's mail view, connection panel, tabs (renderer/): i18n/window ----
  // (keys sorted; add this section's keys below this line)
} as const;

export type MessageKey = keyof typeof en;
/** A translation: every key of the English catalogue, each an ICU message with the same placeholders. */
export type Catalogue = Readonly<Record<MessageKey, string>>;
