import { tokens } from '../../../helpers/count-server.ts';

/**
 * The corpus of the differential test (poll-front-differential.test.ts):
 * framing and header cases, each sent to the poll front and to a plain
 * node:http server. Bytes are latin1 (one character, one byte). Most cases
 * aim at what the front serves itself (GET/HEAD /v1/counts, a PUT with the
 * ingest token), so that its reading, not node:http's, is what gets compared.
 */
export interface CorpusCase {
  name: string;
  /** The bytes, written in these pieces (one write each, a turn of the event loop between). */
  pieces: string[];
}

const ann = `Authorization: Bearer ${tokens.ann}`;
const ingest = `Authorization: Bearer ${tokens.ingest}`;
const json = 'Content-Type: application/json';
const body = '{"count":3}';

/** A poll the front serves, with `lines` (each ending in CRLF) among its headers. */
const poll = (lines = '', { method = 'GET', target = '/v1/counts?wait=0', version = 'HTTP/1.1' } = {}) =>
  `${method} ${target} ${version}\r\nHost: t\r\n${ann}\r\n${lines}\r\n`;
/** A PUT the front serves, with `lines` among its headers and `content` as its body. */
const put = (lines = '', content = body, length: number | string = content.length) =>
  `PUT /v1/mailboxes/ann HTTP/1.1\r\nHost: t\r\n${ingest}\r\n${json}\r\nContent-Length: ${length}\r\n${lines}\r\n${content}`;
/** A PUT whose headers are all `lines`: for cases about the headers the front reads. */
const bare = (lines: string, content = body) => `PUT /v1/mailboxes/ann HTTP/1.1\r\n${lines}\r\n${content}`;
const healthz = 'GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n';

const cases: CorpusCase[] = [];
const add = (name: string, bytes: string) => cases.push({ name, pieces: [bytes] });
const addPieces = (name: string, pieces: string[]) => cases.push({ name, pieces });

// The plain requests the front serves.
add('poll', poll());
add('poll, no query', poll('', { target: '/v1/counts' }));
add('poll, no token', 'GET /v1/counts HTTP/1.1\r\nHost: t\r\n\r\n');
add('poll, unknown token', poll('', {}).replace(tokens.ann, 'nobody-0123456789abcdef'));
add('HEAD poll', poll('', { method: 'HEAD' }));
add('poll, HTTP/1.0 without Host', `GET /v1/counts?wait=0 HTTP/1.0\r\n${ann}\r\n\r\n`);
add('poll, HTTP/1.0 keep-alive', `GET /v1/counts?wait=0 HTTP/1.0\r\n${ann}\r\nConnection: keep-alive\r\n\r\n${healthz}`);
add('poll, Connection: close, then another', poll('Connection: close\r\n') + poll());
add('poll, HTTP/1.0, then another', `GET /v1/counts?wait=0 HTTP/1.0\r\n${ann}\r\n\r\n${poll()}`);
add('put', put());
add('put, Connection: close', put('Connection: close\r\n'));
add('put with a name', put('', '{"count":1,"name":"Ann"}'));
add('put, bad body (handed over)', put('', '{"count":"3"}'));

// Empty values: a header with none is a header of its own.
for (const [name, lines] of [
  ['Authoriz: + ation:', `Authoriz:\r\nation: Bearer ${tokens.ann}\r\n`],
  ['X-Empty: before Authorization', `X-Empty:\r\n${ann}\r\n`],
  ['X-Empty with spaces before Authorization', `X-Empty:   \r\n${ann}\r\n`],
  ['X-Empty with a tab before Authorization', `X-Empty:\t\r\n${ann}\r\n`],
  ['two empty headers before Authorization', `A:\r\nB:\r\n${ann}\r\n`],
  ['empty Authorization', 'Authorization:\r\n'],
  ['empty Authorization, then a real one', `Authorization:\r\n${ann}\r\n`],
  ['Authorization after a real one, empty', `${ann}\r\nAuthorization:\r\n`],
  ['empty value last', `${ann}\r\nX-Last:\r\n`],
] as const) add(`GET, ${name}`, `GET /v1/counts?wait=0 HTTP/1.1\r\n${lines}Host: t\r\n\r\n`);
add('Ho: + st:', `GET /v1/counts?wait=0 HTTP/1.1\r\nHo:\r\nst: t\r\n${ann}\r\n\r\n`);
add('empty Host', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost:\r\n${ann}\r\n\r\n`);
add('Host of spaces', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost:    \r\n${ann}\r\n\r\n`);
add('PUT, Authoriz: + ation:', bare(`Host: t\r\nAuthoriz:\r\nation: Bearer ${tokens.ingest}\r\n${json}\r\nContent-Length: 11\r\n`));
add('PUT, Content-: + Type:', bare(`Host: t\r\n${ingest}\r\nContent-:\r\nType: application/json\r\nContent-Length: 11\r\n`));
add('PUT, Content-: + Length:', bare(`Host: t\r\n${ingest}\r\n${json}\r\nContent-:\r\nLength: 11\r\n`));
add('PUT, X-Empty: before Authorization', bare(`Host: t\r\nX-Empty:\r\n${ingest}\r\n${json}\r\nContent-Length: 11\r\n`));
add('PUT, empty Content-Type', bare(`Host: t\r\n${ingest}\r\nContent-Type:\r\nContent-Length: 11\r\n`));
add('GET with a body behind an empty header, then a PUT of a space',
  `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\n${ann}\r\nX-:\r\nContent-Length: 11\r\n\r\n{"count":7}${put('', ' ')}`);
add('GET with Content-Length: 0', poll('Content-Length: 0\r\n'));
add('GET with a body', `${poll('Content-Length: 5\r\n')}hello${poll()}`);
add('GET with an empty Content-Length', poll('Content-Length:\r\n'));

// Whitespace around values.
for (const [name, pad] of [['trailing tab', '\t'], ['trailing space', ' '], ['trailing spaces and tabs', ' \t \t'], ['trailing vertical tab', '\x0b'],
  ['trailing form feed', '\x0c']] as const) {
  add(`token with a ${name}`, `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\n${ann}${pad}\r\n\r\n`);
  add(`Content-Type with a ${name}`, bare(`Host: t\r\n${ingest}\r\n${json}${pad}\r\nContent-Length: 11\r\n`));
  add(`Content-Length with a ${name}`, bare(`Host: t\r\n${ingest}\r\n${json}\r\nContent-Length: 11${pad}\r\n`));
}
add('token after a tab', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\nAuthorization:\tBearer ${tokens.ann}\r\n\r\n`);
add('token after many spaces', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\nAuthorization:      Bearer ${tokens.ann}\r\n\r\n`);
add('Bearer and token split by a tab', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer\t${tokens.ann}\r\n\r\n`);
add('Bearer in lower case', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\nauthorization: bearer ${tokens.ann}\r\n\r\n`);
add('header names in odd case', `GET /v1/counts?wait=0 HTTP/1.1\r\nhOsT: t\r\nAUTHORIZATION: Bearer ${tokens.ann}\r\n\r\n`);
add('Content-Type with a charset', bare(`Host: t\r\n${ingest}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 11\r\n`));
add('Content-Type in capitals', bare(`Host: t\r\n${ingest}\r\nContent-Type: APPLICATION/JSON\r\nContent-Length: 11\r\n`));
add('space before a colon', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\nAuthorization : Bearer ${tokens.ann}\r\n\r\n`);
add('tab before a colon', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\nAuthorization\t: Bearer ${tokens.ann}\r\n\r\n`);
add('space before the first header', `GET /v1/counts?wait=0 HTTP/1.1\r\n Host: t\r\n${ann}\r\n\r\n`);
add('no space after the colon', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost:t\r\nAuthorization:Bearer ${tokens.ann}\r\n\r\n`);

// Duplicates.
add('two tokens', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\n${ann}\r\nAuthorization: Bearer ${tokens.bob}\r\n\r\n`);
add('two tokens, an unknown one first', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer nobody-0123456789abcdef\r\n${ann}\r\n\r\n`);
add('two Hosts', poll('Host: u\r\n'));
add('two Content-Types, JSON last', bare(`Host: t\r\n${ingest}\r\nContent-Type: text/plain\r\n${json}\r\nContent-Length: 11\r\n`));
add('two Content-Types, JSON first', bare(`Host: t\r\n${ingest}\r\n${json}\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n`));
add('two equal Content-Lengths', put('Content-Length: 11\r\n'));
add('two Content-Lengths', `${put('Content-Length: 12\r\n')}x`);
add('Content-Length list', put('', body, '11, 11'));
add('two Expects', poll('Expect: 100-continue\r\nExpect: 100-continue\r\n'));
add('two Transfer-Encodings', `${put('Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n')}`);

// Content-Length and Transfer-Encoding.
for (const length of ['+11', '011', ' 11', '11 ', '1 1', '-11', '11.0', '0x0b', '', '99999999999999999999', '4294967307', 'eleven']) {
  add(`PUT, Content-Length ${JSON.stringify(length)}`, put('', body, length));
}
add('PUT, Content-Length too short', `${put('', body, 5)}`);
add('PUT, Content-Length too long, then nothing', put('', body, 20));
add('PUT, empty body', put('', '', 0));
add('PUT, body of 64 KiB and one', put('', `{"count":1,"name":"${'a'.repeat(65_536 - 20)}"}`));
add('PUT, chunked', bare(`Host: t\r\n${ingest}\r\n${json}\r\nTransfer-Encoding: chunked\r\n`, `b\r\n${body}\r\n0\r\n\r\n`));
add('PUT, chunked with an extension', bare(`Host: t\r\n${ingest}\r\n${json}\r\nTransfer-Encoding: chunked\r\n`, `b;x=y\r\n${body}\r\n0\r\n\r\n`));
add('PUT, chunked with a trailer', bare(`Host: t\r\n${ingest}\r\n${json}\r\nTransfer-Encoding: chunked\r\n`, `b\r\n${body}\r\n0\r\nX-Trailer: 1\r\n\r\n`));
add('PUT, chunked, bad size', bare(`Host: t\r\n${ingest}\r\n${json}\r\nTransfer-Encoding: chunked\r\n`, `z\r\n${body}\r\n0\r\n\r\n`));
add('PUT, chunked and Content-Length', bare(`Host: t\r\n${ingest}\r\n${json}\r\nContent-Length: 11\r\nTransfer-Encoding: chunked\r\n`, `b\r\n${body}\r\n0\r\n\r\n`));
add('PUT, Transfer-Encoding gzip', bare(`Host: t\r\n${ingest}\r\n${json}\r\nTransfer-Encoding: gzip\r\n`));
add('PUT, Transfer-Encoding chunked, gzip', bare(`Host: t\r\n${ingest}\r\n${json}\r\nTransfer-Encoding: chunked, gzip\r\n`));
add('PUT, Transfer-Encoding gzip, chunked', bare(`Host: t\r\n${ingest}\r\n${json}\r\nTransfer-Encoding: gzip, chunked\r\n`, `b\r\n${body}\r\n0\r\n\r\n`));
add('PUT, Transfer-Encoding CHUNKED', bare(`Host: t\r\n${ingest}\r\n${json}\r\nTransfer-Encoding: CHUNKED\r\n`, `b\r\n${body}\r\n0\r\n\r\n`));
add('PUT, Transfer-Encoding empty', bare(`Host: t\r\n${ingest}\r\n${json}\r\nTransfer-Encoding:\r\nContent-Length: 11\r\n`));
add('GET, chunked', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\n${ann}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`);
add('GET, chunked with a body', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\n${ann}\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n${poll()}`);
add('GET, Content-Length and chunked', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\n${ann}\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`);
add('HEAD with a body', `${poll('Content-Length: 3\r\n', { method: 'HEAD' })}abc${poll()}`);
add('HTTP/1.0 PUT', `PUT /v1/mailboxes/ann HTTP/1.0\r\n${ingest}\r\n${json}\r\nContent-Length: 11\r\n\r\n${body}`);
add('HTTP/1.0 chunked', `PUT /v1/mailboxes/ann HTTP/1.0\r\n${ingest}\r\n${json}\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n${body}\r\n0\r\n\r\n`);

// obs-fold: a line that begins with a space or tab continues the header before, or is refused.
add('folded token', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer\r\n ${tokens.ann}\r\n\r\n`);
add('folded token with a tab', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer\r\n\t${tokens.ann}\r\n\r\n`);
add('folded empty header', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\nX:\r\n folded\r\n${ann}\r\n\r\n`);
add('folded Content-Length', bare(`Host: t\r\n${ingest}\r\n${json}\r\nContent-Length:\r\n 11\r\n`));
add('folded Transfer-Encoding', bare(`Host: t\r\n${ingest}\r\n${json}\r\nContent-Length: 11\r\nTransfer-Encoding:\r\n chunked\r\n`));
add('fold after the request line', `GET /v1/counts?wait=0 HTTP/1.1\r\n  Host: t\r\n${ann}\r\n\r\n`);

// Line ends: bare LF, bare CR, LF LF.
add('bare LF everywhere', `GET /v1/counts?wait=0 HTTP/1.1\nHost: t\n${ann}\n\n`);
add('bare LF after the request line', `GET /v1/counts?wait=0 HTTP/1.1\nHost: t\r\n${ann}\r\n\r\n`);
add('bare LF inside a header line', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\nX: y\r\n${ann}\r\n\r\n`);
add('bare LF at the end of the head', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\n${ann}\r\n\n`);
add('bare CR in a value', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\nX: a\rb\r\n${ann}\r\n\r\n`);
add('bare CR at the end of a value', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\n${ann}\r\r\n\r\n`);
add('CR CR LF', `GET /v1/counts?wait=0 HTTP/1.1\r\r\nHost: t\r\n${ann}\r\n\r\n`);
add('CRLF before the request', `\r\n\r\n${poll()}`);
add('LF before the request', `\n${poll()}`);
add('CRLF between two requests', `${poll()}\r\n${poll()}`);
add('a PUT body with a CRLF after it', `${put()}\r\n${poll()}`);

// NUL and other control bytes, and bytes over 127.
for (const [name, byte] of [['NUL', '\0'], ['SOH', '\x01'], ['BS', '\x08'], ['VT', '\x0b'], ['ESC', '\x1b'], ['DEL', '\x7f'], ['0x80', '\x80'], ['0xff', '\xff']] as const) {
  add(`${name} in a value`, `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\nX: a${byte}b\r\n${ann}\r\n\r\n`);
  add(`${name} in a header name`, `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\nX${byte}Y: b\r\n${ann}\r\n\r\n`);
  add(`${name} in the target`, `GET /v1/counts?wait=0${byte} HTTP/1.1\r\nHost: t\r\n${ann}\r\n\r\n`);
  add(`${name} in the token`, `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer ${tokens.ann}${byte}\r\n\r\n`);
}
add('NUL before the method', `\0${poll()}`);
add('NUL between requests', `${poll()}\0${poll()}`);
add('tab in the target', `GET /v1/counts?wait=0\t HTTP/1.1\r\nHost: t\r\n${ann}\r\n\r\n`);
add('UTF-8 in a value', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\nX-Name: J\xc3\xbcrgen\r\n${ann}\r\n\r\n`);

/** The bytes node:http counts against its limit: the address and the headers' names and values (from their first non-space). */
function countedBytes(head: string): number {
  const [requestLine = '', ...lines] = head.slice(0, head.indexOf('\r\n\r\n')).split('\r\n');
  let count = requestLine.split(' ')[1]?.length ?? 0;
  for (const line of lines) {
    const colon = line.indexOf(':');
    count += colon + line.slice(colon + 1).replace(/^[ \t]+/, '').length;
  }
  return count;
}
/** `request` with an X header padded so that its head counts `total` bytes. */
function padded(total: number, request: (lines: string) => string): string {
  return request(`X: ${'a'.repeat(total - countedBytes(request('X: \r\n')))}\r\n`);
}

// Sizes at and over node:http's limits: 16,384 counted bytes (address, names, values), 1,000 headers.
for (const total of [16_382, 16_383, 16_384, 16_385, 20_000]) {
  add(`head of ${total} counted bytes`, padded(total, poll));
  const bytes = padded(total, poll);
  addPieces(`head of ${total} counted bytes, in two pieces`, [bytes.slice(0, 9000), bytes.slice(9000)]);
}
add('head of 16,384 counted bytes, cut short', padded(16_384, poll).slice(0, -10));
add('head of 16,383 counted bytes, cut short', padded(16_383, poll).slice(0, -10));
add('address of 16,384 counted bytes', poll('', { target: `/v1/counts?wait=0&x=${'a'.repeat(16_384 - countedBytes(poll('', { target: '/v1/counts?wait=0&x=' })))}` }));
add('two requests of 10,000 counted bytes each', padded(10_000, poll) + padded(10_000, poll));
add('PUT, head of 16,383 counted bytes', padded(16_383, (lines) => put(lines)));
add('PUT, head of 16,384 counted bytes', padded(16_384, (lines) => put(lines)));
for (const count of [999, 1000, 1001, 1200]) {
  add(`${count} headers`, poll('X: a\r\n'.repeat(count - 2)));
  addPieces(`${count} headers, in two pieces`, [poll('X: a\r\n'.repeat(count - 2)).slice(0, 3001), poll('X: a\r\n'.repeat(count - 2)).slice(3001)]);
}
add('1,001 headers, the last without a colon, cut', poll('X: a\r\n'.repeat(998)).slice(0, -2) + 'Xyz');
add('1,001 headers, then a bad byte', poll('X: a\r\n'.repeat(999) + 'Y\0: b\r\n'));
add('1,000 empty headers', poll('X:\r\n'.repeat(998)));
add('1,001 empty headers', poll('X:\r\n'.repeat(999)));

// Pipelining.
add('two polls', poll() + poll());
add('three polls, HEAD between', poll() + poll('', { method: 'HEAD' }) + poll());
add('a poll and a PUT', poll() + put());
add('a PUT and a poll', put() + poll());
add('two PUTs', put() + put('', '{"count":4}'));
add('a poll, a route of node, a poll', poll() + healthz + poll());
add('a route of node, then a poll', healthz + poll());
add('a poll, then half a poll', `${poll()}GET /v1/co`);
add('a PUT, then half a poll', `${put()}GET /v1/counts HTTP/1.1\r\nHost: t\r\n`);
add('a poll, then half a PUT body', `${poll()}${put('', body, 40)}`);
add('a poll, then garbage', `${poll()}NOT HTTP\r\n\r\n`);
add('a PUT, then garbage', `${put()}\x16\x03\x01\x02\x00`);
add('a poll, then a CONNECT', `${poll()}CONNECT t:443 HTTP/1.1\r\nHost: t:443\r\n\r\n`);
add('a poll, then an upgrade', `${poll()}GET /v1/counts HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`);
add('a poll, then a bare-LF request', `${poll()}GET /v1/counts HTTP/1.1\nHost: t\n\n`);
add('a PUT with a short Content-Length, then what it left', `${put('', body, 8)}`);
add('ten polls', poll().repeat(10));
add('a poll, then a request over the limits', poll() + padded(16_384, poll));

// Targets and methods.
for (const target of ['http://t/v1/counts?wait=0', 'http://t:80/v1/counts', 'HTTP://T/v1/counts', '//v1/counts', '/v1/counts/', '/v1//counts', '/V1/counts',
  '/v1/counts#x', '/v1/counts?wait=0#x', '/v1/counts?', '/v1/counts?wait=0&wait=1', '/v1/%63ounts', '*', 't:443', '/v1/counts?wait=%zz', '/v1/counts?since=a%00b']) {
  add(`GET ${target}`, poll('', { target }));
}
for (const target of ['http://t/v1/mailboxes/ann', '/v1/mailboxes/ann/', '/v1/mailboxes/a%6en', '/v1/mailboxes/ann?x=1', '/v1/mailboxes/' + 'a'.repeat(129)]) {
  add(`PUT ${target}`, put().replace('/v1/mailboxes/ann', target));
}
for (const method of ['get', 'GETT', 'POST', 'PATCH', 'DELETE', 'OPTIONS', 'QUERY', 'PRI', 'SEARCH', 'M-SEARCH', 'SOURCE', 'PROPFIND', 'DESCRIBE']) {
  add(`${method} /v1/counts`, poll('', { method }));
}
add('two spaces after the method', `GET  /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\n${ann}\r\n\r\n`);
add('two spaces before the version', `GET /v1/counts?wait=0  HTTP/1.1\r\nHost: t\r\n${ann}\r\n\r\n`);
add('a tab after the method', `GET\t/v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\n${ann}\r\n\r\n`);
add('no version', `GET /v1/counts?wait=0\r\nHost: t\r\n${ann}\r\n\r\n`);
for (const version of ['HTTP/1.2', 'HTTP/2.0', 'HTTP/0.9', 'HTTP/3.0', 'HTTP/1.10', 'http/1.1', 'HTTP/1', 'HTTP/1.1 x']) {
  add(`version ${version}`, poll('', { version }));
}
add('the HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
add('a TLS hello', '\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03');

// Expect, CONNECT, upgrades, Connection.
add('GET, Expect: 100-continue', poll('Expect: 100-continue\r\n'));
add('PUT, Expect: 100-continue', put('Expect: 100-continue\r\n'));
add('GET, Expect: 100-Continue', poll('Expect: 100-Continue\r\n'));
add('GET, Expect: 200-ok', poll('Expect: 200-ok\r\n'));
add('PUT, Expect: 200-ok', put('Expect: 200-ok\r\n'));
add('GET, empty Expect', poll('Expect:\r\n'));
add('CONNECT', 'CONNECT t:443 HTTP/1.1\r\nHost: t:443\r\n\r\n');
add('CONNECT with bytes after', 'CONNECT t:443 HTTP/1.1\r\nHost: t:443\r\n\r\n\x16\x03\x01');
add('CONNECT to a path', `CONNECT /v1/counts HTTP/1.1\r\nHost: t\r\n${ann}\r\n\r\n`);
add('CONNECT without Host', 'CONNECT t:443 HTTP/1.1\r\n\r\n');
add('GET, Upgrade: websocket', poll('Connection: Upgrade\r\nUpgrade: websocket\r\n'));
add('GET, Upgrade without Connection', poll('Upgrade: websocket\r\n'));
add('GET, Upgrade: h2c', poll('Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n'));
add('PUT, Upgrade', put('Connection: upgrade\r\nUpgrade: websocket\r\n'));
add('GET, Connection: keep-alive, close', poll('Connection: keep-alive, close\r\n') + poll());
add('GET, Connection: CLOSE', poll('Connection: CLOSE\r\n') + poll());
add('GET, Connection:  close ', poll('Connection:  close \r\n') + poll());
add('GET, two Connection headers', poll('Connection: keep-alive\r\nConnection: close\r\n') + poll());
add('GET, Connection: closed', poll('Connection: closed\r\n') + poll());
add('GET, Proxy-Connection: close', poll('Proxy-Connection: close\r\n') + poll());

// The same cases, a byte at a time, and cut at awkward places.
const oneByte = ['poll', 'put', 'Authoriz: + ation:', 'Ho: + st:', 'PUT, Content-: + Type:', 'token with a trailing tab', 'two Content-Types, JSON last',
  'GET with a body behind an empty header, then a PUT of a space', 'a poll and a PUT', 'a poll, then half a poll', 'folded token', 'bare LF everywhere',
  'PUT, chunked', 'GET, Expect: 200-ok', 'CONNECT', 'HEAD with a body', 'two Hosts', 'X-Empty: before Authorization',
  'poll, Connection: close, then another', '1,001 headers, the last without a colon, cut'];
for (const name of oneByte) {
  const bytes = cases.find((c) => c.name === name || c.name === `GET, ${name}`)!.pieces.join('');
  // A thousand headers a byte at a time would take long; their pieces are lines instead.
  addPieces(`${name}, a byte at a time`, bytes.length > 2000 ? bytes.split(/(?<=\n)/) : [...bytes]);
}
const cut = (name: string, bytes: string, marks: string[]) => {
  const at = marks.map((mark) => bytes.indexOf(mark)).filter((i) => i > 0);
  addPieces(name, [0, ...at].map((from, i) => bytes.slice(from, at[i] ?? bytes.length)));
};
cut('empty header cut after its colon', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\nAuthoriz:\r\nation: Bearer ${tokens.ann}\r\n\r\n`, ['\r\nation', 'ation']);
cut('empty header cut before its line end', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\nX-Empty:\r\n${ann}\r\n\r\n`, [':\r\n', '\r\nAuth']);
cut('header name cut in two', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\nAutho${ann.slice(5)}\r\n\r\n`, ['rization']);
cut('token cut in two', poll(), ['ann-token', 'abcdef\r\n']);
cut('cut between CR and LF', poll(), ['\n\r\n']);
addPieces('cut between the two requests', [poll(), poll()]);
cut('PUT cut in its body', put(), ['"count"', ':3']);
cut('PUT cut after its head', put(), ['{']);
cut('trailing tab cut from its token', `GET /v1/counts?wait=0 HTTP/1.1\r\nHost: t\r\n${ann}\t\r\n\r\n`, ['\t']);

export const corpus: readonly CorpusCase[] = cases;
