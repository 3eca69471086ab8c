import { describe, expect, test } from 'vitest';
import { translatorFor } from '../../common/i18n/translator.ts';
import { normaliseServerUrl, normaliseWebUrl } from '../../common/server-url.ts';

const english = translatorFor('en');

describe('a server address typed in Settings', () => {
  test.each([
    ['mail.example.com', 'https://mail.example.com'],
    ['  mail.example.com/  ', 'https://mail.example.com'],
    ['Mail.Example.COM:8443/mailtray//', 'https://mail.example.com:8443/mailtray'],
    ['https://mail.example.com:443/', 'https://mail.example.com'],
    ['http://counts.lan:7300', 'http://counts.lan:7300'],
    ['localhost:7300', 'http://localhost:7300'],
    ['127.0.0.1:7300/', 'http://127.0.0.1:7300'],
    ['[::1]:7300', 'http://[::1]:7300'],
  ])('%j is saved as %s', (typed, saved) => {
    expect(normaliseServerUrl(typed)).toEqual({ ok: true, url: saved });
  });

  test.each([
    ['', "Enter the server's address"],
    ['   ', "Enter the server's address"],
    ['https://', 'This is not a web address'],
    ['mail example com', 'This is not a web address'],
    ['ftp://mail.example.com', 'Use an address that starts with https://'],
    ['https://ann:pw@mail.example.com', 'Leave the user name and password out'],
    ['https://mail.example.com/?token=1', 'cannot have a ?query'],
    ['https://mail.example.com/#top', 'cannot have a ?query'],
  ])('%j cannot be saved, and says why', (typed, why) => {
    const check = normaliseServerUrl(typed);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : english.say(check.message)).toContain(why);
  });
});

describe("an account's web address", () => {
  test.each([
    ['', ''],
    ['webmail.example.com', 'https://webmail.example.com/'],
    ['http://intranet/mail', 'http://intranet/mail'],
    // A mail address opens the mail client: never turned into https://mailto:...
    ['mailto:ann@example.com', 'mailto:ann@example.com'],
    ['  MAILTO:ann@example.com?subject=Hello ', 'mailto:ann@example.com?subject=Hello'],
  ])('%j is saved as %j', (typed, saved) => {
    expect(normaliseWebUrl(typed)).toEqual({ ok: true, url: saved });
  });

  test.each(['javascript:alert(1)', 'file:///etc/passwd', 'mailto:', 'mailto:ann @example.com'])('%j cannot be saved', (typed) => {
    expect(normaliseWebUrl(typed).ok).toBe(false);
  });
});
