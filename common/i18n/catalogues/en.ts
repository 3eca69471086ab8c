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
  'account.certificate.allFiles': 'All files',
  'account.certificate.chooserTitle': "The server's certificate, or its authority's",
  'account.certificate.pemFiles': 'Certificates (PEM)',
  'account.provider.daum.hint': "Daum Mail needs IMAP turned on: in Daum Mail, Settings, IMAP/POP3, set IMAP/SMTP to on. Kakao accounts and accounts with 2-step verification use an app password: make one in the account's security settings.",
  'account.provider.fastmail.hint': 'Fastmail needs an app password: make one in Settings, Privacy & Security, App passwords.',
  'account.provider.icloud.hint': 'iCloud needs an app-specific password: make one at account.apple.com, under Sign-In and Security.',
  'account.provider.naver.hint': 'Naver Mail needs IMAP turned on: in Naver Mail, Settings, POP3/IMAP settings, set IMAP/SMTP to on. With 2-step verification, use an app password: make one in your Naver ID, under Security, 2-step verification.',
  // The provider choice for a mail server the user types in; the other choices are brand names.
  'account.provider.other.name': 'Other IMAP',
  'account.provider.yahoo.hint': 'Yahoo needs an app password: make one at login.yahoo.com, under Account security.',
  'account.signIn.cancelled': 'Sign-in cancelled; nothing was saved.',
  'account.signIn.denied': "Mail access was not allowed at the provider's page, so Mailtray cannot count your mail; nothing was saved.",
  // {provider} is a brand name ("Outlook.com / Microsoft 365"); "Advanced" is the form's section of that name.
  'account.signIn.noClient': 'This copy of Mailtray has no {provider} client id built in: enter your own under Advanced (docs/sources.md, "Registering an OAuth client", says how to register one).',
  'account.signIn.noRefreshToken': 'The provider gave no lasting access (no refresh token), so Mailtray could count only for an hour; nothing was saved.',
  // {reason} is a technical code or sentence from the sign-in library, in English.
  'account.signIn.notFinished': 'The sign-in could not be finished ({reason}); nothing was saved.',
  'account.signIn.passwordOnly': '{provider} signs in with a password, not in the browser.',
  // {error} is the provider's OAuth error code (and its description), as the provider sent it.
  'account.signIn.refused': 'The provider refused the sign-in ({error}); nothing was saved.',
  'account.signIn.signedIn': 'Signed in. Save to keep this account.',
  'account.signIn.signedInAs': 'Signed in as {address}. Save to keep this account.',
  'account.signIn.timeout': 'No sign-in arrived within {minutes, plural, one {# min} other {# min}}; nothing was saved. Press the button again when you are ready.',
  'account.signIn.unreachable': 'Could not reach {host} to sign in ({reason}); nothing was saved.',
  // "Test account" results. {details} is the mail source's own sentence (English, as the server's log says it).
  'account.test.accessWithdrawn': 'Mail access was withdrawn or has expired: sign in again.',
  'account.test.certificate': 'Certificate problem: {details}.',
  'account.test.certificateFile': '{details}',
  'account.test.connection': '{details}.',
  'account.test.consentRefused': '{host} refused the sign-in for {user}: mail access may not have been granted. Sign in again and allow mail access.',
  'account.test.counted': 'Signed in as {user}: {unseen, plural, one {# unread} other {# unread}} in {folder}.',
  'account.test.entryRefused': '{details}',
  'account.test.folderNotCounted': 'Signed in, but the folder "{folder}" cannot be counted.',
  'account.test.hostNotFound': 'No such host: {host} could not be found.',
  'account.test.limit': '{details}; close other mail apps or try again later.',
  'account.test.noFolder': 'No such folder: {details}.',
  'account.test.passwordFirst': 'Enter the password first.',
  'account.test.refused': 'Nothing answers at {host}:{port} (connection refused).',
  'account.test.setup': '{details}.',
  'account.test.signInFirst': 'Sign in first: press the Sign in button.',
  'account.test.timeout': '{host} did not answer within {seconds, plural, one {# s} other {# s}}.',
  'account.test.tokenFailed': '{details}',
  'account.test.wrongPassword': 'Wrong user name or password: {details}.',
  // ---- app.* : App-wide: dialogs, the placeholder page, the Electron download message: i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // Warnings the window shows above the counts.
  'app.keyStore.none': 'This computer offers no key store: the server token and passwords are saved unencrypted.',
  'app.keyStore.weak': 'No key store (GNOME Keyring or KWallet) was found: the server token and passwords are saved with a fixed key, which protects them little.',
  // {note}: a note written into the settings file when it was moved from an older version of Mailtray (English).
  'app.settings.migrated': '{note}',
  'app.settings.tokenUnreadable': "The saved server token could not be read with this computer's key store; enter it again in Settings.",
  'app.settings.unreadable': 'The settings file could not be read, so Mailtray started with fresh settings. The old file is kept as {file}.',
  // ---- check.* : Settings checks and validation messages (common/settings-rules.ts, main/settings/check-input.ts): i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  'check.accountId': 'An account id is 1 to 128 of A-Z a-z 0-9 . _ @ + - (and not "." or "..").',
  'check.accountName': 'Give the account a name of up to {max, plural, one {# character} other {# characters}}, like Work.',
  'check.caFile': 'Choose the certificate file (the whole path of a PEM file).',
  'check.clockTime': 'Enter a time from 00:00 to 23:59, like 22:00.',
  'check.colour': 'Choose a colour from the list.',
  // Test connection: what the count server answered when it refused the token, in its own (English) words.
  'check.connection.serverSaid': 'The server said: {words}',
  'check.duplicateId': 'Another account already has the id "{id}".',
  'check.folder': 'Enter the folder to count, usually INBOX.',
  'check.host': "Enter only the IMAP server's host name, like imap.example.com (the port goes in Port).",
  'check.invalid': 'This value is not valid.',
  // {name} is a setting's name in the settings file (English, as the file has it).
  'check.missing': '{name} is missing',
  // Why the app cannot reach its count server: the tray says "Not connected: <this>", Test connection shows it alone.
  // Mark as read could not be asked: the app has no count server to ask now.
  'check.network.notConnected': 'not connected to a count server; try again when it is live',
  // {details}: the system's own words for an unusual network error (English).
  // {said} is the count server's own sentence (English).
  'check.notASetting': '"{name}" is not a setting here',
  // {reason}: why the settings file could not be written, in the system's (English) words.
  'check.notSaved': 'the settings could not be saved: {reason}',
  'check.notificationDetail': 'Choose what notifications show: sender and subject, sender only, or the count only.',
  'check.oauthClientId': "An OAuth client id is one word, as the provider's console shows it.",
  'check.language': 'Choose a language, or System to follow the system.',
  'check.onOff': 'Must be on or off.',
  'check.password': 'A password is text of up to {max} characters.',
  'check.passwordMissing': 'Enter the password for this account.',
  'check.port': 'The port is a whole number from 1 to 65535 (usually 993 for TLS, 143 for STARTTLS).',
  'check.provider': 'Choose the mail provider, or Other IMAP.',
  'check.quietHoursSame': 'Quiet hours need an end that differs from the start.',
  'check.security': 'Choose TLS or STARTTLS.',
  'check.serverMode': 'Choose the bundled server or a remote one.',
  'check.serverUrl': 'Write the address like https://mail.example.com: https:// (or http://) and a host, with no user name, ?query or #part.',
  'check.signIn': 'Choose how the account signs in.',
  'check.signInGone': 'That sign-in was not kept (more than 30 minutes ago, or the app restarted); sign in again.',
  'check.signInMissing': 'Sign in before saving: press the Sign in button.',
  'check.signInNotOffered': 'This provider signs in with a password.',
  // "mailtray-server token" is a command: keep it as it is.
  'check.token': "A token is at least {min, plural, one {# character} other {# characters}} with no spaces (the server's operator can make one with: mailtray-server token).",
  'check.tokenForOtherServer': 'Enter the token for this server: the saved one belongs to another server.',
  'check.tokenMissing': "Enter the token the server's operator gave you.",
  'check.tooManyAccounts': 'Mailtray watches at most {max, plural, one {# account} other {# accounts}}.',
  // "Colour" is the first choice of the tray icon's style; the others are one colour for a light or a dark panel.
  'check.trayIcon': 'Choose Colour, or one colour for a light or a dark panel.',
  'check.url.credentials': 'Leave the user name and password out of the address; the token goes in Token.',
  'check.url.empty': "Enter the server's address, like https://mail.example.com.",
  'check.url.mailto': 'Write a mail address like mailto:ann@example.com.',
  'check.url.notAddress': 'This is not a web address. Write it like https://mail.example.com.',
  'check.url.queryOrPart': 'The address cannot have a ?query or a #part.',
  'check.url.scheme': 'Use an address that starts with https:// (or http://).',
  'check.user': 'Enter the user name you log in to this mail server with.',
  'check.webUrl': 'Use a web address that starts with https:// (or http://), or a mailto: address.',
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
  'settings.account.add': 'Add account',
  // A folded part of the account's form, for settings most people never need.
  'settings.account.advanced': 'Advanced',
  'settings.account.ca': 'Certificate file (optional)',
  // A button that opens a file chooser.
  'settings.account.caChoose': 'Choose...',
  'settings.account.caHint': "Only for a server with a self-signed or company certificate: its PEM file, or its authority's.",
  'settings.account.clientId': 'OAuth client id',
  'settings.account.clientIdHint': 'Leave empty to use the one this copy of Mailtray was built with. An admin may give you their own.',
  'settings.account.host': 'IMAP server',
  // {example} is a host name or web address, kept as it is.
  'settings.account.like': 'Like {example}',
  'settings.account.name': 'Name',
  'settings.account.nameHint': 'Shown in the tray and the window, like Work.',
  // The title of an account that has no name yet.
  'settings.account.new': 'New account',
  'settings.account.notSignedIn': 'Not signed in yet.',
  'settings.account.password': 'Password',
  'settings.account.passwordHint': 'Stored encrypted on this computer.',
  'settings.account.passwordSavedHint': 'A password is saved. Leave this empty to keep it.',
  'settings.account.port': 'Port',
  // The mail service: Gmail, Outlook.com, or another IMAP server.
  'settings.account.provider': 'Provider',
  'settings.account.remove': 'Remove account',
  'settings.account.security': 'Security',
  // {provider} is a brand name: Google or Microsoft.
  'settings.account.signIn': 'Sign in with {provider}',
  'settings.account.signInAgain': 'Sign in again with {provider}',
  'settings.account.signInCancel': 'Cancel',
  'settings.account.signInWaiting': 'Waiting for the sign-in in your browser...',
  'settings.account.signedIn': 'Signed in as {address}.',
  'settings.account.signedInSave': 'Signed in as {address}. Save to keep this account.',
  'settings.account.signedInSaveNoAddress': 'Signed in. Save to keep this account.',
  'settings.account.test': 'Test account',
  'settings.account.testCouldNotRun': 'The test could not run; try again.',
  'settings.account.testing': 'Signing in...',
  'settings.account.user': 'User name',
  'settings.account.webUrl': 'Web address (optional)',
  'settings.account.webUrlHint': 'Opened when you click the mailbox, like {example}',
  'settings.accounts.empty': 'No mail accounts yet.',
  'settings.accounts.hint': 'IMAP accounts the bundled server watches. A remote server has its own.',
  'settings.accounts.legend': 'Mail accounts',
  'settings.general.language': 'Language',
  // The first choice of the language list: follow the system; {language} is the system language's own name, like 한국어.
  'settings.general.languageSystem': 'System ({language})',
  'settings.general.launchAtLogin': 'Start Mailtray when I log in',
  'settings.general.legend': 'General',
  'settings.general.trayIcon': 'Tray icon',
  'settings.general.trayIconColour': 'Colour',
  'settings.general.trayIconDarkPanel': 'One colour, for a dark panel',
  'settings.general.trayIconHint': 'One colour suits a panel that shows only one-colour icons. On macOS the menu bar colours the icon itself.',
  'settings.general.trayIconLightPanel': 'One colour, for a light panel',
  'settings.label': 'Settings',
  'settings.loading': 'Loading settings…',
  'settings.mailbox.colour': 'Colour',
  'settings.mailbox.colourBlue': 'Blue',
  'settings.mailbox.colourGreen': 'Green',
  'settings.mailbox.colourGrey': 'Grey',
  'settings.mailbox.colourNone': 'None',
  'settings.mailbox.colourOrange': 'Orange',
  'settings.mailbox.colourPink': 'Pink',
  'settings.mailbox.colourPurple': 'Purple',
  'settings.mailbox.colourRed': 'Red',
  'settings.mailbox.colourTeal': 'Teal',
  'settings.mailbox.inTotal': 'Count in the total',
  'settings.mailbox.muted': 'Mute (count, never notify)',
  'settings.mailbox.webUrl': 'Web address',
  'settings.mailbox.webUrlHint': 'Opened by a click on this mailbox or its notification.',
  'settings.mailboxes.empty': 'The mailboxes appear here once the server has shown them.',
  'settings.mailboxes.legend': 'Mailboxes',
  'settings.notifications.detail': 'Notifications show',
  'settings.notifications.detailCount': 'The count only',
  'settings.notifications.detailSender': 'Sender only',
  'settings.notifications.detailSenderAndSubject': 'Sender and subject',
  'settings.notifications.enabled': 'Show a notification when new mail arrives',
  'settings.notifications.legend': 'Notifications',
  // Quiet hours: from one time of day to another.
  'settings.notifications.quietFrom': 'From',
  'settings.notifications.quietHours': 'Quiet hours',
  'settings.notifications.quietHoursHint': 'No notifications between these times; the tray still counts.',
  'settings.notifications.quietTo': 'To',
  'settings.notifications.sound': 'Play a sound',
  'settings.notifications.summary': 'Show a summary at start',
  'settings.notifications.summaryHint': 'One notification with the counts after Mailtray starts or reconnects.',
  // A button that saves every section of the settings.
  'settings.save': 'Save',
  // {reason} is an error from the system, often in English.
  'settings.save.failed': 'Not saved: {reason}',
  'settings.save.problems': '{count, plural, one {Not saved: # problem to fix.} other {Not saved: # problems to fix.}}',
  'settings.save.problemsMarked': '{count, plural, one {Not saved: # problem to fix, marked beside the fields.} other {Not saved: # problems to fix, marked beside the fields.}}',
  'settings.save.saved': 'Saved. The changes apply now.',
  'settings.save.saving': 'Saving…',
  'settings.section.accounts': 'Accounts',
  'settings.section.general': 'General',
  'settings.section.mailboxes': 'Mailboxes',
  'settings.section.notifications': 'Notifications',
  'settings.section.server': 'Server',
  'settings.sections.label': 'Settings sections',
  'settings.server.address': 'Server address',
  // The count server that runs inside Mailtray itself.
  'settings.server.bundled': 'Bundled server',
  'settings.server.bundledHint': 'Runs inside Mailtray and watches your mail accounts (see Accounts).',
  'settings.server.legend': 'Server',
  'settings.server.mode': 'Where counts come from',
  'settings.server.remote': 'Remote server',
  'settings.server.remoteHint': 'A Mailtray server that someone runs for you or your team.',
  // A button that tries the server address and token before saving.
  'settings.server.test': 'Test connection',
  'settings.server.testCouldNotRun': 'The test could not run.',
  'settings.server.testFixAddress': 'Fix the server address first.',
  'settings.server.testing': 'Testing…',
  'settings.server.testingUrl': 'Testing {url}…',
  // The secret that lets this app read counts from a remote server.
  'settings.server.token': 'Token',
  'settings.server.tokenHint': "The token the server's operator gave you.",
  'settings.server.tokenSavedHint': 'A token is saved. Leave this empty to keep it.',
  'settings.test.auth': 'Token rejected: check the token.',
  'settings.test.dns': 'Cannot resolve the host: check the address.',
  'settings.test.invalidUrl': 'That address cannot be used.',
  'settings.test.noToken': "No token entered: type the token the server's operator gave you.",
  'settings.test.notMailtray': 'Not a Mailtray server: something answered, but not Mailtray.',
  'settings.test.ok': '{count, plural, one {OK: a Mailtray server with # mailbox for this token.} other {OK: a Mailtray server with # mailboxes for this token.}}',
  'settings.test.other': 'The test failed.',
  'settings.test.plainHttp': 'This server speaks HTTP, not HTTPS: use an http:// address, or ask its operator for HTTPS.',
  'settings.test.refused': 'Connection refused: nothing answers at that address and port.',
  'settings.test.timeout': 'Timed out: the server did not answer in time.',
  'settings.test.tls': 'TLS certificate problem: the connection is not safe.',
  // ---- signIn.* : The sign-in pages the loopback listener serves (main/oauth/sign-in-page.ts): i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // The browser tab's page after "Sign in with Google/Microsoft": a heading, then one or two sentences.
  'signIn.closeTab': 'You may close this tab.',
  'signIn.done': 'Mailtray is signed in.',
  'signIn.doneAs': 'Mailtray is signed in as {address}.',
  'signIn.notSignedIn': 'Not signed in',
  'signIn.signedIn': 'Signed in',
  'signIn.wrongState': 'This answer did not belong to the sign-in Mailtray started, so it was ignored. Mailtray is still waiting for the sign-in in the browser.',
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
  'window.answerCut.mailboxesLeftOut': 'Mailtray lists {shown, number} of the {sent, number} mailboxes the server sent and leaves the rest out.',
  'window.answerCut.messagesLeftOut': 'Some messages the server sent are left out: Mailtray lists at most the newest {max, number} of each mailbox.',
  'window.answerCut.textsShortened': 'Some names or messages the server sent were too long, so they are shortened.',
  // {server} is a host name, like counts.example.org.
  'window.connection.notEncrypted': 'Not encrypted: {server} uses http://, so the token and counts travel in clear text.',
  // A button: try to reach the server again at once.
  'window.connection.retry': 'Retry now',
  // The connection line with the retry countdown; {summary} is the connection's state in words ("Not connected: timed out").
  'window.connection.retryingIn': '{summary}; retrying in {seconds, number} s',
  'window.connection.retryingNow': '{summary}; retrying now',
  'window.counts.label': 'Unread mail',
  'window.counts.mailboxes': 'Mailboxes',
  'window.counts.noMailboxesBundled': 'No mailboxes yet. Add a mail account in Settings.',
  'window.counts.noMailboxesRemote': 'The server shows no mailboxes for this token.',
  // The total at the top of the window; the number is shown large.
  'window.counts.total': '{count, plural, one {# unread message} other {# unread messages}}',
  'window.counts.waiting': "No counts yet: waiting for the server's first answer.",
  // {when} is a relative time from the system, like "2 min ago" or "yesterday".
  'window.mailbox.changed': 'changed {when}',
  'window.mailbox.changedJustNow': 'changed just now',
  // {time} is a time of day, or a weekday and time.
  'window.mailbox.confirmed': 'last confirmed {time}',
  // The count beside a mailbox, for screen readers.
  'window.mailbox.count': '{count, plural, one {# unread} other {# unread}}',
  'window.mailbox.countLeftOut': '{count, plural, one {# unread, not in total} other {# unread, not in total}}',
  // A tag beside a mailbox the settings leave out of the total.
  'window.mailbox.leftOut': 'not in total',
  'window.mailbox.leftOutTitle': 'Counted here, left out of the total and the tray badge',
  // A tag beside a mailbox whose notifications are off ("mute" in the settings).
  'window.mailbox.muted': 'muted',
  'window.mailbox.mutedTitle': 'Counted, never notified',
  // A button: open the mailbox in the web browser or the mail program.
  'window.mailbox.open': 'Open',
  'window.mailbox.openInBrowser': 'Open {name} in the browser',
  'window.mailbox.openInMailClient': 'Open {name} in the mail client',
  'window.mailbox.pending': 'waiting for the first count',
  'window.messages.label': 'Newest unread messages',
  'window.messages.markAll': 'Mark all as read',
  'window.messages.markAllOf': 'Mark all of {name} as read',
  // {reason} is the mail server's own sentence, in English.
  'window.messages.markFailed': 'Could not mark as read: {reason}',
  'window.messages.markOne': 'Mark as read',
  'window.messages.markOneOf': 'Mark "{subject}" from {sender} as read',
  'window.messages.markOneWithoutSubject': 'Mark the message without a subject from {sender} as read',
  'window.messages.noSubject': '(no subject)',
  'window.openSettings': 'Open Settings',
  'window.snooze.end': 'End snooze',
  'window.snooze.label': 'Snooze notifications',
  'window.snooze.prompt': 'Snooze notifications:',
  // {time} is a time of day, or a weekday and time.
  'window.snooze.until': 'Notifications are snoozed until {time}.',
  'window.tab.mail': 'Mail',
  'window.tab.settings': 'Settings',
  // Said by screen readers after a tab's name.
  'window.tabs.hasProblems': ', has problems',
  'window.tabs.label': 'Mailtray',
  'window.title': 'Mailtray',
  'window.title.unread': '{count, plural, one {Mailtray - # unread} other {Mailtray - # unread}}',
  'window.warnings.label': 'Warnings',
  'window.warnings.title': '{count, plural, one {Warning:} other {# warnings:}}',

  // ---- dnd.* : The desktop's Do Not Disturb (main/notifications/dnd*): issue 23 dnd ----
  // (keys sorted; add this section's keys below this line)
  // The title of the one notification when the desktop's Do Not Disturb ends; the body lists the mailboxes ("Work 2, Home 1").
  'dnd.heldTitle': '{count, plural, one {# new message while Do Not Disturb was on} other {# new messages while Do Not Disturb was on}}',
  'dnd.settings.respect': 'Hold notifications and sounds while the desktop\'s Do Not Disturb is on',
  'dnd.settings.respectHint': 'Read on Linux (GNOME, KDE Plasma and others). Windows and macOS hold notifications themselves while Do not disturb or a Focus is on.',
  'dnd.settings.tellAfter': 'When Do Not Disturb ends, tell me once what arrived',

  // ---- filter.* : Which messages count: filters, Gmail categories (renderer/settings, main/bundled): issue 22 filters ----
  // (keys sorted; add this section's keys below this line)
  'filter.check.address': 'Enter mail addresses like ann@example.com, separated by commas.',
  'filter.check.days': 'Enter a whole number of days from 1 to {max}, or leave it empty.',
  'filter.check.empty': 'Choose at least one thing that must hold, or count all unread mail.',
  'filter.check.gmailCategory': 'Choose one of Gmail\'s tabs.',
  'filter.check.search': 'Enter IMAP SEARCH keys on one line, with every quote and parenthesis closed, like {example}.',
  'filter.check.sender': 'Enter mail addresses like ann@example.com or domains like example.com, separated by commas.',
  'filter.check.tooMany': 'At most {max} addresses here.',
  'filter.days': 'Only mail sent within (days)',
  'filter.days.hint': 'A number of days; empty for mail of any age.',
  'filter.flagged': 'Only flagged (starred) mail',
  'filter.from': 'Only from',
  'filter.from.hint': 'Addresses or domains, separated by commas, like {example}.',
  'filter.gmail': 'Gmail tab',
  'filter.gmail.any': 'Every tab',
  'filter.gmail.forums': 'Forums',
  'filter.gmail.hint': 'Offered because this server is Gmail (it announces X-GM-EXT-1).',
  'filter.gmail.primary': 'Primary',
  'filter.gmail.promotions': 'Promotions',
  'filter.gmail.social': 'Social',
  'filter.gmail.updates': 'Updates',
  'filter.mode': 'Count',
  'filter.mode.all': 'All unread mail',
  'filter.mode.some': 'Only unread mail that matches',
  'filter.notFrom': 'Not from',
  'filter.notFrom.hint': 'Addresses or domains to leave out, like {example}.',
  'filter.search': 'IMAP search (advanced)',
  'filter.search.hint': 'IMAP SEARCH keys that must also hold, like {example}; your mail server checks them. Leave it empty if unsure.',
  'filter.title': 'What counts',
  'filter.to': 'Only to',
  'filter.to.hint': 'Your addresses and aliases, separated by commas; {address} also takes {plus}.',

  // ---- folders.* : Folder picking: the account's folder list (renderer/settings, main/bundled): issue 22 folders ----
  // (keys sorted; add this section's keys below this line)
  'folders.add': 'Add',
  'folders.breakdown': 'Folders of {name}',
  'folders.check.choice': 'Choose which folders to count.',
  'folders.check.none': 'Tick at least one folder to count.',
  'folders.choice.allExcept': 'All folders except Sent, Drafts, Junk and Trash',
  'folders.choice.chosen': 'The folders ticked below',
  'folders.choice.inbox': 'Inbox only',
  'folders.gone': 'No longer on the server: {folder}. It was deleted or renamed; tick the folders to count and save.',
  'folders.goneAdvice': 'The folder {folder} cannot be opened on the server: it was deleted or renamed. Pick the folders to count again.',
  'folders.goneAdviceRemote': "The folder {folder} cannot be opened on the server: it was deleted or renamed. Ask the server's operator to choose the folders again.",
  'folders.holdsFolders': 'holds only folders',
  'folders.label': 'Folders to count',
  'folders.list.failed': 'The folders could not be read from the server.',
  'folders.list.loading': 'Reading the folders from the server...',
  'folders.list.show': "Show the server's folders",
  'folders.new': 'New folder: {folder}. Add it?',
  'folders.newByRule': 'New folder: {folder}. Your choice counts it once you save.',
  'folders.notListed': "These are the folders counted now. Test the account or show the server's folders to pick others.",
  'folders.pickAgain': 'Pick folders again',
  'folders.pickAgainFor': 'Pick folders again for {name}',
  'folders.special.all': 'All Mail',
  'folders.special.archive': 'Archive',
  'folders.special.drafts': 'Drafts',
  'folders.special.flagged': 'Flagged',
  'folders.special.inbox': 'Inbox',
  'folders.special.junk': 'Junk',
  'folders.special.sent': 'Sent',
  'folders.special.trash': 'Trash',
  'folders.summary': '{count, plural, one {# folder counted} other {# folders counted together}}',

  // ---- graph.* : The Microsoft Graph source and its provider entry: issue 25 graph ----
  // (keys sorted; add this section's keys below this line)
  'settings.account.folder': 'Folder',
  'graph.folderHint': 'Usually inbox. Another folder by its name; a folder inside another as {example}.',
  'graph.providerHint': 'Reads your mail through Microsoft Graph instead of IMAP: for Microsoft 365 organisations that turned IMAP off. New mail shows within a minute.',

  // ---- hooks.* : Programs run on new mail, the global shortcut: issue 23 hooks ----
  // (keys sorted; add this section's keys below this line)
  'hooks.check.args': 'At most {max} arguments, one per line, each up to 1000 characters.',
  'hooks.check.mailboxes': 'Tick at least one mailbox, or choose “Every mailbox”.',
  'hooks.check.program': 'Give the program’s whole path, such as /usr/local/bin/on-new-mail or C:\\Tools\\on-new-mail.exe.',
  'hooks.check.shortcut': 'Not a shortcut Mailtray can use. Write modifier keys and one key joined by +, such as CommandOrControl+Shift+M; a letter, digit or F1–F12 needs Ctrl, Alt, Command or Super too.',
  'hooks.check.timeout': 'Enter a whole number of seconds from 1 to {max, number}.',
  'hooks.failed.exitCode': 'The new-mail hook {program} ended with exit code {code} (new mail in {mailbox}).',
  'hooks.failed.notExecutable': 'The new-mail hook could not start {program}: it is not a program this system may run (new mail in {mailbox}).',
  'hooks.failed.notFound': 'The new-mail hook could not find {program} (new mail in {mailbox}).',
  'hooks.failed.other': 'The new-mail hook could not run {program}: {reason} (new mail in {mailbox}).',
  'hooks.failed.signal': 'The new-mail hook {program} was ended by {signal} (new mail in {mailbox}).',
  'hooks.failed.timedOut': 'The new-mail hook {program} ran longer than {seconds, plural, one {# second} other {# seconds}} and was stopped (new mail in {mailbox}).',
  'hooks.settings.args': 'Arguments, one per line',
  'hooks.settings.argsHint': 'Each line reaches the program as one argument, exactly as written: no shell, no quoting, no variables.',
  'hooks.settings.enabled': 'Run a program when new mail arrives',
  'hooks.settings.every': 'Every mailbox',
  'hooks.settings.legend': 'Run a program on new mail',
  'hooks.settings.mailboxes': 'Run it for',
  'hooks.settings.only': 'Only the mailboxes ticked',
  'hooks.settings.program': 'Program',
  'hooks.settings.programHint': 'Its whole path. It is started directly, never through a shell.',
  'hooks.settings.section': 'Hooks',
  'hooks.settings.sees': 'The program is told MAILTRAY_MAILBOX_ID, MAILTRAY_MAILBOX_NAME, MAILTRAY_SERVER (a remote server\'s name), MAILTRAY_COUNT (unread) and MAILTRAY_NEW_COUNT; MAILTRAY_SENDER and MAILTRAY_SUBJECT only as far as “Notifications show” allows. It runs on new mail in quiet hours and snoozes too.',
  'hooks.settings.shortcut': 'Keyboard shortcut that opens the window',
  'hooks.settings.shortcutHint': 'Works anywhere on the desktop, such as CommandOrControl+Shift+M. Leave empty for none.',
  'hooks.settings.timeout': 'Stop it after (seconds)',
  'hooks.shortcut.refused': 'The shortcut {shortcut} could not be set: another program may be using it. Choose another under Settings, General.',

  // ---- jmap.* : The JMAP source and its provider entries (Fastmail, POP3): issue 25 jmap ----
  // (keys sorted; add this section's keys below this line)
  'jmap.fastmail.tokenHint': 'Over JMAP, Fastmail takes an API token, not an app password: make one in Settings, Privacy & Security, API tokens, with access to mail.',

  // ---- live.* : What the window announces to screen readers (a polite live region): issue 23 live ----
  // (keys sorted; add this section's keys below this line)
  // Said by screen readers when a mailbox's count changes; several are listed ("Work: 3 unread, Home: 1 unread").
  'live.mailbox': '{name}: {count, plural, =0 {no unread mail} one {# unread} other {# unread}}',
  // The last item of that list when more mailboxes changed than are named.
  'live.moreMailboxes': '{count, plural, one {# more mailbox} other {# more mailboxes}}',

  // ---- rules.* : Per-mailbox notification rules, notifications that stay true, badge options: issue 23 rules ----
  // (keys sorted; add this section's keys below this line)
  'rules.announce.total': '{count, plural, =0 {No unread mail} one {# unread mail} other {# unread mails}}',
  'rules.check.badgeShows': 'Choose what the tray count shows from the list.',
  'rules.check.reminderMinutes': 'Enter a number of minutes from 0 (no reminder) to {max, number}.',
  'rules.check.scheduleDays': 'Choose at least one day.',
  'rules.check.sender': 'Enter addresses (name@example.com) or domains (example.com), separated by commas.',
  'rules.check.sound': 'Choose one of the sounds in the list.',
  'rules.check.soundFile': 'Choose the sound file with Choose…, or another sound.',
  'rules.mailbox.importantInQuiet': 'Even in quiet hours and while snoozed',
  'rules.mailbox.importantSenders': 'Always notify for these senders',
  'rules.mailbox.neverSenders': 'Never notify for these senders (still counted)',
  'rules.mailbox.preview': 'Play',
  'rules.mailbox.schedule': 'Notify only on these days and hours',
  'rules.mailbox.scheduleDays': 'Days',
  'rules.mailbox.scheduleFrom': 'Notify from',
  'rules.mailbox.scheduleTo': 'Notify until',
  'rules.mailbox.sendersHint': 'Addresses or domains, separated by commas: ann@example.com, example.com. Matched on the sender the server reports.',
  'rules.mailbox.sound': 'Sound',
  'rules.mailbox.soundBell': 'Bell (Mailtray)',
  'rules.mailbox.soundChime': 'Chime (Mailtray)',
  'rules.mailbox.soundChoose': 'Choose…',
  'rules.mailbox.soundChooserTitle': 'Choose a sound for notifications',
  'rules.mailbox.soundDefault': 'As set under Notifications',
  'rules.mailbox.soundDrop': 'Drop (Mailtray)',
  'rules.mailbox.soundFile': 'A sound file',
  'rules.mailbox.soundFileNone': 'No file chosen',
  'rules.mailbox.soundFiles': 'Sounds',
  'rules.mailbox.soundNone': 'None',
  'rules.mailbox.soundSystem': "The system's sound",
  'rules.reminder.body': 'Still unread: a reminder from Mailtray',
  'rules.reminder.one': '{count, plural, other {# unread in {mailbox}}}',
  'rules.settings.attentionCue': 'Change the tray icon for a moment when new mail arrives',
  'rules.settings.badgeHint': 'Opening the window or the tray menu counts as looking.',
  'rules.settings.badgeNewSinceSeen': 'New mail since I last looked',
  'rules.settings.badgeShows': 'The tray count shows',
  'rules.settings.badgeUnread': 'All unread mail',
  'rules.settings.hideZeroCount': 'Show no count when nothing is unread',
  'rules.settings.reminderHint': 'A notification such as “7 unread in Work” for as long as mail is unread; 0 for none.',
  'rules.settings.reminderMinutes': 'Remind me of unread mail every (minutes)',
  'rules.settings.stayOnScreen': 'Keep notifications on screen until I dismiss them',

  // ---- servers.* : More than one count server (settings, window, tray): issue 22 servers ----
  // (keys sorted; add this section's keys below this line)
  'servers.check.key': 'This server entry was not made by Mailtray; remove it and add the server again.',
  'servers.check.name': 'Give the server a name of at most {max} characters, or leave it empty to use its host name.',
  'servers.check.tooMany': 'Mailtray follows at most {max} remote servers; remove one to add another.',
  'servers.connection.allLive': 'Live: {count, plural, one {# server} other {all # servers}}',
  'servers.connection.connecting': 'Connecting to {count} servers',
  'servers.connection.none': 'No server to follow: turn one on in Settings',
  'servers.connection.partial': 'Live: {live} of {of} servers; the others\' counts may be out of date',
  'servers.group.empty': 'No mailboxes on this server yet.',
  'servers.group.label': 'Mailboxes on {server}',
  'servers.group.total': '{count, plural, one {# unread} other {# unread}}',
  'servers.settings.add': 'Add a remote server',
  'servers.settings.enabled': 'Follow this server',
  'servers.settings.hint': 'Mailtray follows every server checked here, each on its own: one that cannot be reached leaves the others\' counts live.',
  'servers.settings.name': 'Name',
  'servers.settings.nameHint': 'How the window and the tray call it, like Work. Left empty: its host name.',
  'servers.settings.newServer': 'New remote server',
  'servers.settings.none': 'No remote server yet. A remote server is one that someone runs for you or your team.',
  'servers.settings.remove': 'Remove {server}',
  'servers.tray.server': '{server}: {summary}',
  'servers.warning.tokenUnreadable': 'The saved token of {server} could not be read with this computer\'s key store; enter it again in Settings.',

  // ---- updates.* : Update checks and installs: issue 23 updates ----
  // (keys sorted; add this section's keys below this line)
  'updates.action.download': 'Download',
  'updates.action.restart': 'Restart to install',
  'updates.notice.available': 'Mailtray {version} is available.',
  'updates.notice.availableSystem': 'Mailtray {version} is available. Your system\'s software updates will install it.',
  'updates.notice.downloadFailed': 'Mailtray {version} could not be downloaded. Nothing was installed; Mailtray will try again later.',
  'updates.notice.downloading': 'Downloading Mailtray {version}… {percent}%',
  'updates.notice.ready': 'Mailtray {version} is downloaded and will be installed when Mailtray restarts.',
  'updates.notice.refused': 'The download of Mailtray {version} did not match its checksum, so it was deleted and nothing was installed.',
  'updates.notification.available': 'A newer version is available. Open Mailtray to download it.',
  'updates.notification.availableSystem': 'A newer version is available. Your system\'s software updates will install it.',
  'updates.notification.ready': 'It is downloaded and will be installed when Mailtray restarts.',
  'updates.notification.title': 'Mailtray {version}',
  'updates.settings.autoDownload': 'Download them without asking (installed when Mailtray restarts)',
  'updates.settings.check': 'Look for newer versions of Mailtray',
  'updates.settings.heading': 'Updates',
  'updates.status.checking': 'Looking for a newer version…',
  'updates.status.notInstalled': 'This copy runs from its source folder: there is nothing to update.',
  'updates.status.notYet': 'Mailtray looks for a newer version a few minutes after it starts, then every six hours.',
  'updates.status.off': 'Mailtray does not look for newer versions.',
  'updates.status.unreachable': 'The update server could not be reached. Mailtray will try again later.',
  'updates.status.upToDate': 'Mailtray {version} is the newest version.',
  'updates.tray.availableSystem': 'Mailtray {version} is available (system updates)',
  'updates.tray.download': 'Download Mailtray {version}',
  'updates.tray.downloading': 'Downloading Mailtray {version}… {percent}%',
  'updates.tray.restart': 'Restart to install Mailtray {version}',
  'updates.tray.retry': 'Download Mailtray {version} again',

  // ---- watch.* : The `mailtray watch` terminal and status-bar client: issue 25 watch ----
  // (keys sorted; add this section's keys below this line)
  'watch.bar.authFailed': 'token refused',
  'watch.bar.connecting': 'connecting…',
  'watch.bar.offline': 'offline',
  'watch.bar.retrying': 'not connected',
  'watch.bar.unread': '{count, plural, other {# unread}}',
  'watch.text.failing': '{name}: {reason}',
  'watch.text.mailbox': '{name} {count}',
  'watch.text.none': 'No unread mail',
  'watch.text.unread': '{count, plural, other {# unread}}: {mailboxes}',
  'watch.view.confirmedAt': 'Counts last confirmed {time}',
  'watch.view.message': '{sender}: {subject} — {mailbox}',
  'watch.view.muted': 'notifications off',
  'watch.view.newest': 'Newest unread mail',
  'watch.view.nextTry': 'Trying again at {time}',
  'watch.view.noMailboxes': 'No mailboxes yet',
  'watch.view.notInTotal': 'not in total',
  'watch.view.pending': 'waiting for a count',
  'watch.view.quit': 'Press Ctrl+C to stop watching.',
  'watch.view.snoozedUntil': 'Notifications snoozed until {time}',
  'watch.view.total': 'Total',

} as const;

export type MessageKey = keyof typeof en;
/** A translation: every key of the English catalogue, each an ICU message with the same placeholders. */
export type Catalogue = Readonly<Record<MessageKey, string>>;
