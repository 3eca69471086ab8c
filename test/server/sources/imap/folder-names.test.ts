import { describe, expect, it } from 'vitest';
import { decodedFolderNames } from '../../../../server/sources/imap/folder-names.ts';

describe('folder names in a server\'s own words', () => {
  it.each([
    ['a Korean path as Dovecot or Courier may echo it', 'Mailbox doesn\'t exist: &vBvHQNO4ycDVaA-/&xcW7NA-', 'Mailbox doesn\'t exist: 받은편지함/업무'],
    ['RFC 3501\'s own example (台北 in Japanese)', '~peter/mail/&U,BTFw-/&ZeVnLIqe-', '~peter/mail/台北/日本語'],
    ['an emoji, a surrogate pair', 'no folder &2D3c6A-', 'no folder 📨'],
    ['"&-" is an ampersand', 'R&-D', 'R&D'],
    ['an ampersand in prose stays', 'AT&T-Mobile refused', 'AT&T-Mobile refused'],
    ['ASCII hidden in a run is not a folder name', 'x &AGE- y', 'x &AGE- y'],
    ['half a surrogate pair is not a folder name', 'x &2D0- y', 'x &2D0- y'],
    ['no run at all', 'the server said NONEXISTENT', 'the server said NONEXISTENT'],
  ])('%s', (_what, text, expected) => {
    expect(decodedFolderNames(text)).toBe(expected);
  });
});
