import { describe, expect, test } from 'vitest';
import type { AppStatus, ConnectionStatus, MailboxView } from '../../main/ipc-contract.ts';
import { connectionLine, connectionWarnings, secondsUntil } from '../../renderer/connection-words.ts';
import { connectionTestOutcome } from '../../renderer/settings/connection-test-words.ts';
import { mailboxLine } from '../../renderer/mail-view/mailbox-words.ts';

const now = Date.parse('2026-11-21T10:00:00.000Z');
const bundled = { mode: 'bundled', label: 'bundled server', isInsecure: false } as const;
const remote = { mode: 'remote', label: 'mail.example.com', isInsecure: false } as const;

describe('the last change, in words', () => {
  const box = (ago: number): MailboxView => ({ id: 'a', name: 'A', count: 1, state: 'ok', changedAt: new Date(now - ago).toISOString() });
  // Relative times come from Intl.RelativeTimeFormat: these are its English words.
  test.each([
    [0, 'changed just now'], [44_000, 'changed just now'], [120_000, 'changed 2 min. ago'], [44 * 60_000, 'changed 44 min. ago'],
    [3 * 3_600_000, 'changed 3 hr. ago'], [30 * 3_600_000, 'changed yesterday'], [5 * 86_400_000, 'changed 5 days ago'],
    [-5_000, 'changed just now'],
  ])('%i ms ago reads %j', (ago, words) => {
    expect(mailboxLine(box(ago), now, 'bundled').text).toBe(words);
  });

  test('an unreadable time reads as nothing', () => {
    expect(mailboxLine({ ...box(0), changedAt: 'not a time' }, now, 'bundled').text).toBe('');
  });

  test('the retry countdown rounds up and stops at 0', () => {
    expect([secondsUntil(now + 7_001, now), secondsUntil(now + 8_000, now), secondsUntil(now - 10, now)]).toEqual([8, 8, 0]);
  });
});

describe('the connection line', () => {
  test.each<[ConnectionStatus, string, boolean]>([
    [{ state: 'live', server: bundled }, 'Live: bundled server', false],
    [{ state: 'live', server: remote }, 'Live: mail.example.com', false],
    [{ state: 'connecting', server: remote }, 'Connecting: mail.example.com', false],
    [{ state: 'retrying', server: remote, reason: 'server unreachable (connection refused)', nextTryAt: now + 8_000 },
      'Not connected: server unreachable (connection refused); retrying in 8 s', true],
    [{ state: 'retrying', server: remote, reason: 'timed out', nextTryAt: now - 1 }, 'Not connected: timed out; retrying now', true],
    [{ state: 'auth-failed', server: remote, reason: 'token rejected' }, 'Token refused: token rejected; check it in the settings', false],
    [{ state: 'offline', server: remote }, 'Offline: waiting for the network', false],
  ])('%o reads %j', (connection, words, canRetry) => {
    const line = connectionLine(connection, now);
    expect(line.text).toBe(words);
    expect(line.canRetry).toBe(canRetry);
  });

  test('an http:// remote server comes first among the warnings, once', () => {
    const status: AppStatus = {
      connection: { state: 'live', server: { ...remote, isInsecure: true } },
      warnings: [{ key: 'app.keyStore.none' }, { key: 'app.keyStore.none' }],
      snoozedUntil: null,
      countsConfirmedAt: null,
    };
    const warnings = connectionWarnings(status);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toBe('Not encrypted: mail.example.com uses http://, so the token and counts travel in clear text.');
    expect(warnings[1]).toBe('This computer offers no key store: the server token and passwords are saved unencrypted.');
  });
});

describe("a mailbox's state line", () => {
  const box = (extra: Partial<MailboxView>): MailboxView =>
    ({ id: 'a', name: 'A', count: 1, state: 'ok', changedAt: new Date(now - 120_000).toISOString(), ...extra });

  test('ok reads as the last change, pending as waiting', () => {
    expect(mailboxLine(box({}), now, 'bundled')).toEqual({ tone: 'ok', text: 'changed 2 min. ago' });
    expect(mailboxLine(box({ state: 'pending', count: 0 }), now, 'bundled')).toEqual({ tone: 'pending', text: 'waiting for the first count' });
  });

  test("a working mailbox with its source's note keeps its last change and says the note beside it", () => {
    const note = 'this server reports new mail late; checking for it every 60 s';
    expect(mailboxLine(box({ note }), now, 'bundled')).toEqual({ tone: 'ok', text: 'changed 2 min. ago', note });
    expect(mailboxLine(box({ note: '   ' }), now, 'bundled')).toEqual({ tone: 'ok', text: 'changed 2 min. ago' });
  });

  test('while not live, a count says when it was last confirmed, not when it changed', () => {
    const at = new Date(now);
    at.setHours(14, 2);
    const today = new Date(at);
    today.setHours(15, 30);
    expect(mailboxLine(box({}), today.getTime(), 'bundled', at.getTime())).toEqual({ tone: 'ok', text: 'last confirmed 2:02 PM' });
    const nextDay = new Date(at.getTime() + 24 * 3_600_000);
    expect(mailboxLine(box({}), nextDay.getTime(), 'remote', at.getTime()).text).toMatch(/^last confirmed (Mon|Tue|Wed|Thu|Fri|Sat|Sun) 2:02 PM$/);
  });

  test.each([
    ['IMAP login failed for ann@example.com: wrong password', 'auth', 'bundled', 'Check the user name and password of this account in Settings.'],
    ['IMAP login failed for ann@example.com: wrong password', 'auth', 'remote', "Ask the server's operator to check this mailbox's login."],
    ['the certificate of imap.example.com is self-signed', 'certificate', 'bundled', 'Check the security (TLS or STARTTLS) and the port of this account in Settings.'],
    ['cannot connect to imap.example.com:993: connection refused', 'connection', 'bundled', 'Check the host and port in Settings, and that the mail server is up. Mailtray keeps trying.'],
    ['the folder "Inbx" on imap.example.com cannot be opened', 'folder', 'bundled', 'Check the folder name of this account in Settings.'],
    // No kind (a server older than errorKind) or one this app does not know: the sentence is not read, the advice is generic.
    ['IMAP login failed for ann@example.com: wrong password', undefined, 'bundled', 'Mailtray keeps trying. If this stays, check the account in Settings.'],
    ['something odd happened', 'quota', 'remote', "Mailtray keeps trying. If this stays, tell the server's operator."],
  ] as const)('error %j (kind %s, %s server) comes with advice', (error, errorKind, mode, advice) => {
    const kind = errorKind === undefined ? {} : { errorKind: errorKind as MailboxView['errorKind'] & string };
    expect(mailboxLine(box({ state: 'error', error, ...kind }), now, mode)).toEqual({ tone: 'error', text: error, advice });
  });
});

describe('what Test connection reports', () => {
  test('a count of one mailbox is singular, and an empty message adds nothing', () => {
    expect(connectionTestOutcome({ ok: true, mailboxes: 1 }))
      .toEqual({ ok: true, headline: 'OK: a Mailtray server with 1 mailbox for this token.' });
  });

  test("main's words are kept as the detail, said as a sentence", () => {
    expect(connectionTestOutcome({ ok: false, problem: 'tls', message: { key: 'connection.reason.other', values: { message: 'certificate has expired' } } })).toEqual({
      ok: false, headline: 'TLS certificate problem: the connection is not safe.', detail: 'Certificate has expired',
    });
  });

  test('the detail line never repeats the headline', () => {
    expect(connectionTestOutcome({ ok: false, problem: 'refused', message: { key: 'connection.reason.other', values: { message: 'Connection refused' } } }))
      .toEqual({ ok: false, headline: 'Connection refused: nothing answers at that address and port.' });
    expect(connectionTestOutcome({ ok: false, problem: 'timeout', message: { key: 'connection.reason.timeout' } }))
      .toEqual({ ok: false, headline: 'Timed out: the server did not answer in time.' });
  });

  test('an empty token and a plain-HTTP server are named as what they are', () => {
    expect(connectionTestOutcome({ ok: false, problem: 'no-token' }).headline)
      .toBe("No token entered: type the token the server's operator gave you.");
    expect(connectionTestOutcome({ ok: false, problem: 'plain-http' }).headline)
      .toBe('This server speaks HTTP, not HTTPS: use an http:// address, or ask its operator for HTTPS.');
  });
});
