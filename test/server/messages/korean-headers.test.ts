import { describe, expect, it } from 'vitest';
import { guessCharset, headerInUtf8 } from '../../../server/messages/header-charsets.ts';
import { decodeSender, decodeSubject, summaryFromHeader } from '../../../server/messages/message-text.ts';

/** Text in EUC-KR bytes (the WHATWG euc-kr encoder is not in TextEncoder, so the bytes are written out). */
const eucKr = {
  '안녕하세요': [0xbe, 0xc8, 0xb3, 0xe7, 0xc7, 0xcf, 0xbc, 0xbc, 0xbf, 0xe4],
  '김철수': [0xb1, 0xe8, 0xc3, 0xb6, 0xbc, 0xf6],
  '회의': [0xc8, 0xb8, 0xc0, 0xc7],
} as const;
const bytesOf = (text: keyof typeof eucKr) => Buffer.from(eucKr[text]);
const b = (text: keyof typeof eucKr) => bytesOf(text).toString('base64');
const q = (text: keyof typeof eucKr) => [...bytesOf(text)].map((byte) => `=${byte.toString(16).toUpperCase()}`).join('');
const header = (...parts: Array<string | Buffer>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));

describe('Korean senders and subjects in RFC 2047 words', () => {
  it.each([
    ['ks_c_5601-1987 in base64 (Outlook\'s label for EUC-KR)', `=?ks_c_5601-1987?B?${b('김철수')}?=`, `=?ks_c_5601-1987?B?${b('안녕하세요')}?=`],
    ['euc-kr in quoted-printable', `=?euc-kr?Q?${q('김철수')}?=`, `=?euc-kr?Q?${q('안녕하세요')}?=`],
    ['EUC-KR in capitals, base64', `=?EUC-KR?B?${b('김철수')}?=`, `=?EUC-KR?B?${b('안녕하세요')}?=`],
    ['cp949, the Windows code page', `=?cp949?B?${b('김철수')}?=`, `=?x-windows-949?B?${b('안녕하세요')}?=`],
    ['a charset nobody knows, over EUC-KR bytes', `=?x-unknown?B?${b('김철수')}?=`, `=?unknown-8bit?Q?${q('안녕하세요')}?=`],
  ])('%s', async (_what, name, subject) => {
    const summary = await summaryFromHeader(header(`From: ${name} <kim@example.co.kr>\r\nSubject: ${subject}\r\n\r\n`), 'id');
    expect(summary).toMatchObject({ from: '김철수 <kim@example.co.kr>', subject: '안녕하세요' });
    expect(decodeSender(`${name} <kim@example.co.kr>`)).toBe('김철수 <kim@example.co.kr>');
    expect(decodeSubject(subject)).toBe('안녕하세요');
  });

  it('a syllable split across two words of an unknown charset is put back together', async () => {
    const bytes = bytesOf('안녕하세요');
    const subject = `=?x-unknown?B?${bytes.subarray(0, 3).toString('base64')}?= =?x-unknown?B?${bytes.subarray(3).toString('base64')}?=`;
    expect(decodeSubject(subject)).toBe('안녕하세요');
  });

  it.each([
    ['UTF-8 bytes', `=?x-mystery?B?${Buffer.from('Grüße').toString('base64')}?=`, 'Grüße'],
    ['Latin-1 bytes', '=?x-mystery?Q?caf=E9_cr=E8me?=', 'café crème'],
    ['bytes that are nothing', '=?x-mystery?B?/////w==?=', 'ÿÿÿÿ'],
    ['a label that is not a label', '=?????B?QQ==?= ok', '=?????B?QQ==?= ok'],
  ])('an unknown charset over %s reads as what the bytes are, never a crash', (_what, subject, expected) => {
    expect(decodeSubject(subject)).toBe(expected);
  });
});

describe('raw 8-bit EUC-KR in a header, without RFC 2047 (old Korean mailers)', () => {
  it('reads in the charset the Content-Type names', async () => {
    const summary = await summaryFromHeader(header('From: ', bytesOf('김철수'), ' <kim@example.co.kr>\r\nSubject: ', bytesOf('회의'),
      ' 10:00\r\nContent-Type: text/plain; charset="ks_c_5601-1987"\r\n\r\n'), 'id');
    expect(summary).toMatchObject({ from: '김철수 <kim@example.co.kr>', subject: '회의 10:00' });
  });

  it('reads as Korean without a Content-Type when the bytes read as Hangul', async () => {
    const summary = await summaryFromHeader(header('From: ', bytesOf('김철수'), ' <kim@example.co.kr>\r\nSubject: ', bytesOf('안녕하세요'), '\r\n\r\n'), 'id');
    expect(summary).toMatchObject({ from: '김철수 <kim@example.co.kr>', subject: '안녕하세요' });
  });

  it('reads Latin-1 bytes as Latin-1, not as Hanja', async () => {
    const summary = await summaryFromHeader(header('From: Andr\xe9 <andre@example.com>\r\nSubject: Gr\xfc\xdfe und Caf\xe9\r\n\r\n'), 'id');
    expect(summary).toMatchObject({ from: 'André <andre@example.com>', subject: 'Grüße und Café' });
  });

  it('reads each field in its own charset: a UTF-8 subject beside an EUC-KR sender', async () => {
    const summary = await summaryFromHeader(header('From: ', bytesOf('김철수'), ' <kim@example.co.kr>\r\nSubject: ', Buffer.from('회의 ☕'), '\r\n\r\n'), 'id');
    expect(summary).toMatchObject({ from: '김철수 <kim@example.co.kr>', subject: '회의 ☕' });
  });

  it('a folded subject in EUC-KR keeps its lines together', async () => {
    const summary = await summaryFromHeader(header('Subject: ', bytesOf('회의'), '\r\n ', bytesOf('안녕하세요'), '\r\n\r\n'), 'id');
    expect(summary.subject).toBe('회의 안녕하세요');
  });

  it('leaves UTF-8 headers and the body byte for byte as they were', () => {
    const message = header(Buffer.from('Subject: 회의\r\n\r\nbody '), Buffer.from([0xff, 0xfe]));
    expect(headerInUtf8(message)).toBe(message);
  });
});

describe('guessing a charset from bytes alone', () => {
  it.each([
    [Buffer.from('안녕하세요'), 'utf-8'],
    [bytesOf('안녕하세요'), 'euc-kr'],
    [Buffer.from('caf\xe9', 'latin1'), 'windows-1252'],
    [Buffer.from('Gr\xfc\xdfe', 'latin1'), 'windows-1252'],
    [Buffer.from('plain ascii'), 'utf-8'],
  ])('%j reads as %s', (bytes, charset) => {
    expect(guessCharset(bytes)).toBe(charset);
  });
});
