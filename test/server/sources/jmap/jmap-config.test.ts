import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../server/config/server-config.ts';
import { parseJmapConfig } from '../../../../server/sources/jmap/jmap-config.ts';
import { checkedEntry } from '../../../helpers/source-entry.ts';

const base = { type: 'jmap', user: 'ann@fastmail.com', password: 'app-password-1', mailbox: 'ann' };
const read = (entry: Record<string, unknown>) => parseJmapConfig(checkedEntry({ ...base, ...entry }), 'sources[0]', { JMAP_TOKEN: 'token-1' });
/** The sentence the server stops with for a config with this one source. */
const refusal = (entry: Record<string, unknown>): string => {
  try {
    parseConfig({ listen: { port: 0 }, clients: [], sources: [{ ...base, ...entry }] }, { env: {} });
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('a jmap source entry', () => {
  it('finds the session of a bare server at /.well-known/jmap, and keeps a session URL as written', () => {
    expect(read({ url: 'jmap.example.com' }).sessionUrl).toBe('https://jmap.example.com/.well-known/jmap');
    expect(read({ url: 'https://api.fastmail.com/jmap/session' }).sessionUrl).toBe('https://api.fastmail.com/jmap/session');
    expect(read({ url: 'http://127.0.0.1:8080' }).sessionUrl).toBe('http://127.0.0.1:8080/.well-known/jmap');
  });

  it('takes folders by role or by name, the inbox by default, and polls every minute with push on by default', () => {
    expect(read({ url: 'jmap.example.com' })).toMatchObject({
      mailboxes: [{ id: 'ann', folders: [{ role: 'inbox' }] }], push: true, pollMs: 60_000, recountMs: 900_000,
    });
    expect(read({ url: 'jmap.example.com', folders: ['role:archive', 'Projects/2026', 'Projects/2026'] }).mailboxes[0]!.folders)
      .toEqual([{ role: 'archive' }, { name: 'Projects/2026' }]);
  });

  it('signs in with an app password, a fixed access token, or an OAuth2 refresh token', () => {
    expect(read({ url: 'jmap.example.com' }).auth).toMatchObject({ kind: 'password' });
    expect(read({ url: 'jmap.example.com', password: undefined, accessToken: { env: 'JMAP_TOKEN' } }).auth).toMatchObject({ kind: 'accessToken' });
    expect(read({
      url: 'jmap.example.com', password: undefined, auth: { type: 'oauth2', tokenUrl: 'https://auth.example.com/token', clientId: 'mailtray', refreshToken: 'refresh-1' },
    }).auth).toMatchObject({ kind: 'oauth2', tokenUrl: 'https://auth.example.com/token' });
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['plain http to another machine', { url: 'http://jmap.example.com/' }, /sources\[0\]\.url: must be an https:\/\/ address \(plain http:\/\/ only for 127\.0\.0\.1\)/],
    ['a role written with capitals', { url: 'jmap.example.com', folders: ['role:Inbox'] }, /sources\[0\]\.folders\[0\]: "role:Inbox" is no role: write role: and a role in lower case, such as "role:inbox"/],
    ['both mailbox and mailboxes', { url: 'jmap.example.com', mailboxes: [{ id: 'b' }] }, /sources\[0\]: give either "mailbox" \(the id the folders feed\) or "mailboxes" \(a list\), not both or neither/],
    ['no credentials', { url: 'jmap.example.com', password: undefined }, /sources\[0\]: give one of "password" \(an app password\), "auth"/],
    ['a colon in the user name with a password', { url: 'jmap.example.com', user: 'ann:x' }, /sources\[0\]\.user: must not contain ":"/],
    ['a password in the URL', { url: 'https://ann:pw@jmap.example.com/' }, /sources\[0\]\.url: must not hold a user name or password/],
  ])('refuses %s, naming the field', (_what, entry, message) => {
    expect(refusal(Object.fromEntries(Object.entries(entry)))).toMatch(message);
  });
});
