/**
 * A failing mailbox's reason in a few words, for a tray menu row and the
 * tooltip, where the server's whole sentence does not fit. The window shows
 * the whole sentence. First match wins.
 */
const shortReasons: Array<[RegExp, string]> = [
  [/password could not be read|no password is saved/i, 'password needed'],
  [/login|auth|password|credential/i, 'login failed'],
  [/certificate|tls|ssl|starttls/i, 'TLS problem'],
  [/resolve|enotfound|getaddrinfo|unknown host|no such host|not found \(no such host/i, 'host not found'],
  [/refused|unreachable|timed out|timeout|econn|cannot connect|network/i, 'cannot connect'],
  [/folder|mailbox .*(not found|exist)/i, 'folder not found'],
];

const MAX_REASON = 32;

export function shortReason(error: string | undefined): string {
  const text = error?.trim() ?? '';
  if (text === '') return 'failing';
  for (const [pattern, reason] of shortReasons) if (pattern.test(text)) return reason;
  const firstClause = text.split(/[;:(]/)[0]!.trim();
  return firstClause.length <= MAX_REASON ? firstClause : `${firstClause.slice(0, MAX_REASON - 1).trimEnd()}…`;
}
