import type { Catalogue } from './en.ts';

/** Deutsch. Sie-Form, wie Thunderbird und Outlook; Menüeinträge als Infinitiv („Öffnen“). */
export const de: Catalogue = {
  // ---- account.* : Account tests, provider hints, sign-in (main/bundled, main/oauth, common/mail-providers.ts): i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- app.* : App-wide: dialogs, the placeholder page, the Electron download message: i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- check.* : Settings checks and validation messages (common/settings-rules.ts, main/settings/check-input.ts): i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- connection.* : Connection states and reasons (common/connection.ts, main/connection/): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  'connection.authFailed': 'Token abgelehnt: {reason}',
  'connection.authFailedRemote': 'Token abgelehnt: {reason}; prüfen Sie es in den Einstellungen',
  'connection.bundledServer': 'integrierter Server',
  'connection.connecting': 'Verbindung wird hergestellt: {server}',
  'connection.live': 'Verbunden: {server}',
  'connection.offline': 'Offline: Warten auf das Netzwerk',
  'connection.reason.bundledNotStarted': 'der integrierte Server konnte nicht starten: {failure}',
  'connection.reason.bundledStopped': 'der integrierte Server wurde beendet (Exit-Code {code}); Neustart läuft',
  'connection.reason.dns': 'Server nicht gefunden (unbekannter Hostname)',
  'connection.reason.httpStatus': 'der Server antwortete mit HTTP {status}',
  'connection.reason.noAnswer': 'keine Antwort innerhalb von {seconds} s',
  'connection.reason.notMailtray': 'der Server hat geantwortet, aber nicht wie ein Mailtray-Zählserver',
  'connection.reason.offlineLookup': 'kein Netzwerk (Namensauflösung fehlgeschlagen)',
  'connection.reason.offlineUnreachable': 'kein Netzwerk (Host nicht erreichbar)',
  'connection.reason.other': '{message}',
  'connection.reason.plainHttp': 'dieser Server spricht HTTP, nicht HTTPS: Verwenden Sie eine http://-Adresse oder bitten Sie den Betreiber um HTTPS',
  'connection.reason.refused': 'Server nicht erreichbar (Verbindung abgelehnt)',
  'connection.reason.requestFailed': 'die Anfrage ist fehlgeschlagen',
  'connection.reason.reset': 'die Verbindung wurde unterbrochen',
  'connection.reason.serverSaid': '{message}',
  'connection.reason.serverSaidStatus': '{message} (HTTP {status})',
  'connection.reason.timeout': 'der Server hat nicht rechtzeitig geantwortet',
  'connection.reason.tls': 'TLS-Problem: Die sichere Verbindung konnte nicht aufgebaut werden',
  'connection.reason.tlsExpired': 'TLS-Problem: Das Zertifikat des Servers ist abgelaufen',
  'connection.reason.tlsIncomplete': 'TLS-Problem: Das Zertifikat des Servers kann nicht geprüft werden (ein Zwischenzertifikat fehlt)',
  'connection.reason.tlsNotYetValid': 'TLS-Problem: Das Zertifikat des Servers ist noch nicht gültig (prüfen Sie die Uhr dieses Computers)',
  'connection.reason.tlsSelfSigned': 'TLS-Problem: Das Zertifikat des Servers ist selbst signiert und kann nicht geprüft werden',
  'connection.reason.tlsUntrusted': 'TLS-Problem: Das Zertifikat des Servers stammt von einer Stelle, der dieser Computer nicht vertraut',
  'connection.reason.tlsWrongHost': 'TLS-Problem: Das Zertifikat des Servers gilt für einen anderen Hostnamen',
  'connection.reason.tokenForbidden': 'dieses Token darf keine Zählerstände abrufen',
  'connection.reason.tokenUnknown': 'der Server akzeptiert dieses Token nicht',
  'connection.reason.tooLarge': 'die Antwort des Servers ist größer als {size} MiB, mehr als Mailtray liest',
  'connection.retrying': 'Nicht verbunden: {reason}',
  // ---- failure.* ----
  'failure.reason.auth': 'Anmeldung fehlgeschlagen',
  'failure.reason.authExpired': 'erneut anmelden',
  'failure.reason.certificate': 'TLS-Problem',
  'failure.reason.connection': 'keine Verbindung',
  'failure.reason.folder': 'Ordner nicht gefunden',
  'failure.reason.generic': 'Fehler',
  'failure.reason.hostNotFound': 'Server nicht gefunden',
  'failure.reason.limit': 'zu viele Verbindungen',
  'failure.reason.passwordNeeded': 'Passwort fehlt',
  'failure.reason.setup': 'Einstellungsproblem',
  'failure.bundled.auth': 'Prüfen Sie Benutzernamen und Passwort dieses Kontos in den Einstellungen.',
  'failure.bundled.authExpired': 'Melden Sie sich in den Einstellungen erneut bei diesem Konto an.',
  'failure.bundled.certificate': 'Prüfen Sie die Sicherheit (TLS oder STARTTLS) und den Port dieses Kontos in den Einstellungen.',
  'failure.bundled.connection': 'Prüfen Sie Server und Port in den Einstellungen und ob der Mailserver läuft. Mailtray versucht es weiter.',
  'failure.bundled.folder': 'Prüfen Sie den Ordnernamen dieses Kontos in den Einstellungen.',
  'failure.bundled.generic': 'Mailtray versucht es weiter. Wenn das so bleibt, prüfen Sie das Konto in den Einstellungen.',
  'failure.bundled.hostNotFound': 'Prüfen Sie den Servernamen dieses Kontos in den Einstellungen.',
  'failure.bundled.limit': 'Der Mailserver nimmt gerade keine weiteren Verbindungen an. Mailtray versucht es weiter; schließen Sie andere Mailprogramme, wenn das so bleibt.',
  'failure.bundled.setup': 'Prüfen Sie die Einstellungen dieses Kontos.',
  'failure.remote.auth': 'Bitten Sie den Betreiber des Servers, die Anmeldung dieses Postfachs zu prüfen.',
  'failure.remote.authExpired': 'Bitten Sie den Betreiber des Servers, dieses Postfach erneut anzumelden.',
  'failure.remote.certificate': 'Bitten Sie den Betreiber des Servers, die TLS-Einstellungen dieses Postfachs zu prüfen.',
  'failure.remote.connection': 'Der Server erreicht den Mailserver dieses Postfachs nicht. Mailtray versucht es weiter.',
  'failure.remote.folder': 'Bitten Sie den Betreiber des Servers, den Ordner dieses Postfachs zu prüfen.',
  'failure.remote.generic': 'Mailtray versucht es weiter. Wenn das so bleibt, wenden Sie sich an den Betreiber des Servers.',
  'failure.remote.hostNotFound': 'Der Server findet den Mailserver dieses Postfachs nicht; fragen Sie seinen Betreiber.',
  'failure.remote.limit': 'Der Mailserver nimmt gerade keine weiteren Verbindungen des Zählservers an. Mailtray versucht es weiter.',
  'failure.remote.setup': 'Bitten Sie den Betreiber des Servers, die Einstellungen dieses Postfachs zu prüfen.',
  // ---- language.* : Language names and the language setting: i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  'language.system': 'Systemsprache ({language})',
  // ---- notification.* : Notifications (main/notifications/): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  'notification.action.markRead': 'Als gelesen markieren',
  'notification.action.open': 'Öffnen',
  'notification.from': 'Von {senders}',
  'notification.mailboxCount': '{name} {count}',
  'notification.moreMailboxes': '{count, plural, other {# weitere}}',
  'notification.moreMessages': '{count, plural, one {und # weitere} other {und # weitere}}',
  'notification.moreSenders': '{count, plural, other {# weiteren}}',
  'notification.newInMailbox': '{count, plural, one {# neue Nachricht in {mailbox}} other {# neue Nachrichten in {mailbox}}}',
  'notification.newInMailboxes': '{count, plural, one {# neue Nachricht} other {# neue Nachrichten}} in {mailboxes, plural, one {# Postfach} other {# Postfächern}}',
  'notification.newInTwo': '{count, plural, one {# neue Nachricht} other {# neue Nachrichten}}: {first} {firstCount}, {second} {secondCount}',
  'notification.noSubject': '(kein Betreff)',
  'notification.oneMessage': '{subject} — {mailbox}',
  'notification.oneMessageSenderOnly': 'Neue Nachricht in {mailbox}',
  'notification.senderAndSubject': '{sender}: {subject}',
  'notification.summaryBody': 'Mailtray überwacht Ihre Postfächer',
  'notification.summaryMany': '{count, plural, one {# ungelesene Nachricht} other {# ungelesene Nachrichten}} in {mailboxes, plural, one {# Postfach} other {# Postfächern}}',
  'notification.summaryOne': '{count, plural, one {# ungelesene Nachricht} other {# ungelesene Nachrichten}}: {first} {firstCount}',
  'notification.summaryTwo': '{count, plural, one {# ungelesene Nachricht} other {# ungelesene Nachrichten}}: {first} {firstCount}, {second} {secondCount}',
  'notification.unreadInAll': '{count, plural, one {Insgesamt # ungelesene Nachricht} other {Insgesamt # ungelesene Nachrichten}}',
  // ---- settings.* : The window's settings (renderer/settings/): i18n/window ----
  // (keys sorted; add this section's keys below this line)
  // ---- signIn.* : The sign-in pages the loopback listener serves (main/oauth/sign-in-page.ts): i18n/main-texts ----
  // (keys sorted; add this section's keys below this line)
  // ---- snooze.* : Snooze choices (common/snooze.ts): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  'snooze.forHours': '{count, plural, one {Für # Stunde} other {Für # Stunden}}',
  'snooze.forMinutes': '{count, plural, one {Für # Minute} other {Für # Minuten}}',
  'snooze.off': 'Aus',
  'snooze.untilTomorrow': 'Bis morgen {time}',
  // ---- tray.* : Tray menu, tooltip, badge words (main/tray/): i18n/tray ----
  // (keys sorted; add this section's keys below this line)
  'tray.menu.checkNow': 'Jetzt prüfen',
  'tray.menu.mailbox': '{name} - {count}',
  'tray.menu.mailboxFailing': '{name} - {reason}',
  'tray.menu.mailboxPending': '{name} - …',
  'tray.menu.more': '{count, plural, other {Und # weitere…}}',
  'tray.menu.noMailboxes': 'Noch keine Postfächer',
  'tray.menu.open': 'Mailtray öffnen',
  'tray.menu.quit': 'Mailtray beenden',
  'tray.menu.retry': 'Erneut versuchen',
  'tray.menu.retryNow': 'Jetzt erneut versuchen',
  'tray.menu.settings': 'Einstellungen…',
  'tray.menu.snooze': 'Benachrichtigungen pausieren',
  'tray.menu.snoozedUntil': 'Pausiert bis {time}',
  'tray.overlay.unread': '{count, plural, other {# ungelesen}}',
  'tray.tooltip.confirmedAt': 'Zuletzt bestätigt: {time}',
  'tray.tooltip.mailbox': '{name}: {count}',
  'tray.tooltip.mailboxFailing': '{name}: {count}, {reason}',
  'tray.tooltip.mailboxPending': '{name}: Anzahl wird ermittelt',
  'tray.tooltip.snoozedUntil': 'Benachrichtigungen pausiert bis {time}',
  'tray.tooltip.total': '{count, plural, other {Mailtray: # ungelesen}}',
  // ---- window.* : The window's mail view, connection panel, tabs (renderer/): i18n/window ----
  // (keys sorted; add this section's keys below this line)
};
