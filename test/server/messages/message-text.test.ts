import { describe, expect, it } from 'vitest';
import { cleanText, decodeSender, summaryFromHeader } from '../../../server/messages/message-text.ts';

const arrived = new Date('2026-11-21T09:00:00Z');

describe('the summary of a message header', () => {
  it.each([
    ['UTF-8 base64 encoded words', 'From: =?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <j@example.de>\nSubject: =?UTF-8?B?R3LDvMOfZSBhdXMgS8O2bG4=?=\n',
      'Jürgen Müller <j@example.de>', 'Grüße aus Köln'],
    ['ISO-8859-1 quoted-printable', 'From: =?ISO-8859-1?Q?Andr=E9?= Pirard <andre@example.com>\nSubject: =?iso-8859-1?q?Caf=E9_=E0_midi?=\n',
      'André Pirard <andre@example.com>', 'Café à midi'],
    ['mixed charsets and plain words in one subject', 'From: a@example.com\nSubject: Re: =?UTF-8?Q?=E2=82=AC100?= and =?KOI8-R?B?8NLJ18XU?= ok\n',
      'a@example.com', 'Re: €100 and Привет ok'],
    ['a folded subject', 'From: a@example.com\nSubject: a subject that is\n  folded over\n\tthree lines\n',
      'a@example.com', 'a subject that is folded over three lines'],
    ['a display name in quotes with a comma', 'From: "Smith, Alice" <alice@example.com>\nSubject: Lunch tomorrow?\n',
      'Smith, Alice <alice@example.com>', 'Lunch tomorrow?'],
    ['From with only an address', 'From: alice@example.com\nSubject: hi\n', 'alice@example.com', 'hi'],
    ['From in angle brackets only', 'From: <alice@example.com>\nSubject: hi\n', 'alice@example.com', 'hi'],
    ['a missing Subject', 'From: alice@example.com\n', 'alice@example.com', ''],
    ['a missing From', 'Subject: who sent this\n', '', 'who sent this'],
    ['control characters and a right-to-left override', 'From: Eve\u0007 <eve@example.com>\nSubject: Invoice\u202Efdp.exe\u0000 now\n',
      'Eve <eve@example.com>', 'Invoice fdp.exe now'],
    ['raw UTF-8 (RFC 6532) in a header', 'From: Zoë <zoe@example.com>\nSubject: Crème brûlée\n', 'Zoë <zoe@example.com>', 'Crème brûlée'],
    ['markup, which stays text', 'From: a@example.com\nSubject: <b>bold</b> &amp; <script>x</script>\n', 'a@example.com',
      '<b>bold</b> &amp; <script>x</script>'],
  ])('%s', async (_what, header, from, subject) => {
    const summary = await summaryFromHeader(Buffer.from(`${header}\n`), 'id-1', arrived);
    expect(summary).toMatchObject({ id: 'id-1', from, subject });
  });

  it('a 10 KB subject is cut to 200 characters, ending in an ellipsis', async () => {
    const summary = await summaryFromHeader(`From: a@example.com\nSubject: ${'word '.repeat(2048)}\n\n`, 'id');
    expect([...summary.subject]).toHaveLength(200);
    expect(summary.subject.endsWith('…')).toBe(true);
  });

  it('a 10 KB display name gives way to the address', async () => {
    const summary = await summaryFromHeader(`From: "${'N'.repeat(10_000)}" <alice@example.com>\n\n`, 'id');
    expect(summary.from.length).toBeLessThanOrEqual(200);
    expect(summary.from.endsWith('… <alice@example.com>')).toBe(true);
  });

  it('takes the Date header, and the arrival time when it is missing or unreadable', async () => {
    expect((await summaryFromHeader('Date: Sat, 21 Nov 2026 08:55:00 +0100\n\n', 'id', arrived)).date).toBe('2026-11-21T07:55:00.000Z');
    expect((await summaryFromHeader('Date: sometime soon\n\n', 'id', arrived)).date).toBe(arrived.toISOString());
    expect((await summaryFromHeader('Subject: x\n\n', 'id', arrived)).date).toBe(arrived.toISOString());
  });

  it('reads nothing past the header: a body is not in the summary', async () => {
    const summary = await summaryFromHeader('From: a@example.com\nSubject: s\n\nsecret body text\n', 'id');
    expect(JSON.stringify(summary)).not.toContain('secret');
  });
});

describe('text pushed by a mail host', () => {
  it.each([
    ['=?UTF-8?B?QWxpY2UgU21pdGg=?= <alice@example.com>', 'Alice Smith <alice@example.com>'],
    ['Alice Smith <alice@example.com>', 'Alice Smith <alice@example.com>'],
    ['alice@example.com', 'alice@example.com'],
    ['just a name', 'just a name'],
  ])('From %j reads %j', (raw, expected) => {
    expect(decodeSender(raw)).toBe(expected);
  });

  it('cleanText keeps emoji whole when it cuts', () => {
    const text = cleanText('😀'.repeat(300));
    expect([...text]).toHaveLength(200);
    expect(text.endsWith('😀…')).toBe(true);
  });
});
