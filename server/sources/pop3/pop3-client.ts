import { connect as connectPlain, isIP, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import type { Timers } from '../../../common/timers.ts';
import type { Security } from '../imap/imap-config.ts';
import { LineReader, Pop3ProtocolError } from './pop3-lines.ts';

/*
 * A small POP3 client (RFC 1939, STLS from RFC 2595, response codes from RFC
 * 2449/3206): just what counting needs, USER/PASS, UIDL, TOP and QUIT. Written
 * here rather than taken from npm: the packages there (node-pop3, poplib,
 * yapople) take no injected timers, cap no line, and hand on whatever a
 * server sends, and a mail server, or whatever answers on its port, is a stranger.
 */

export interface Pop3ConnectOptions {
  host: string;
  port: number;
  security: Security;
  ca?: string;
  user: string;
  password: string;
  timers: Timers;
  /** How long one answer (or the connection, or the TLS handshake) may take. */
  timeoutMs: number;
  /** Ends the connecting and logging in at once (the source stops). */
  signal?: AbortSignal;
}

/** The server answered `-ERR`: `command` is what it refused, `code` its RFC 2449 response code (`AUTH`, `IN-USE`, `SYS/TEMP`). */
export class Pop3Refusal extends Error {
  readonly command: string;
  readonly code: string | undefined;
  readonly text: string;
  constructor(command: string, text: string) {
    const code = /^\[([A-Z0-9/-]{1,40})\]/i.exec(text)?.[1]?.toUpperCase();
    super(`${command} refused: ${text}`);
    this.command = command;
    this.code = code;
    this.text = text.replace(/^\[[^\]]*\]\s*/, '');
  }
}

/** One message of the maildrop: its number in this session and its unique id (UIDL), which lasts across sessions. */
export interface MaildropEntry {
  number: number;
  uidl: string;
}

/** A message's header kept from TOP; the rest of a bigger one is read and dropped, as readHeader does for a Maildir file. */
export const MAX_HEADER_BYTES = 256 * 1024;
/** A UIDL listing: 100,000 messages of 70-character ids fit about eight times. */
const MAX_LISTING_BYTES = 64 * 1024 * 1024;
// RFC 1939 7: a unique-id is 1 to 70 characters 0x21 to 0x7E; a few servers go longer,
// up to what the protocol takes as a message id.
const uidlLineRe = /^(\d{1,9}) ([\x21-\x7e]{1,200})$/;

/** Opens a session: connects, reads the greeting, STLS when asked for, USER and PASS. */
export async function openPop3(options: Pop3ConnectOptions): Promise<Pop3Session> {
  const session = new Pop3Session(options, await open(options));
  const abort = () => session.close();
  options.signal?.addEventListener('abort', abort);
  try {
    if (options.signal?.aborted) throw new Pop3ProtocolError('PROTOCOL', 'stopped');
    await session.start();
  } catch (error) {
    session.close();
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', abort);
  }
  return session;
}

function open({ host, port, security, ca, timers, timeoutMs, signal }: Pop3ConnectOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Pop3ProtocolError('PROTOCOL', 'stopped'));
      return;
    }
    const socket = security === 'tls'
      ? connectTls({ host, port, ...tlsNames(host), ...(ca === undefined ? {} : { ca }) })
      : connectPlain({ host, port });
    const onAbort = () => {
      cancelTimer();
      socket.destroy();
      reject(new Pop3ProtocolError('PROTOCOL', 'stopped'));
    };
    const cancelTimer = timers.after(timeoutMs, () => {
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      reject(new Pop3ProtocolError('ETIMEOUT', `no connection to ${host}:${port} within ${timeoutMs} ms`));
    });
    const cancel = () => {
      cancelTimer();
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once(security === 'tls' ? 'secureConnect' : 'connect', () => {
      cancel();
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      cancel();
      socket.destroy();
      reject(error);
    });
  });
}

/** SNI and the name the certificate must carry; an IP address is checked against the certificate's IP entries. */
function tlsNames(host: string): { servername?: string } {
  return isIP(host) === 0 ? { servername: host } : {};
}

/** One POP3 session, in the TRANSACTION state once `start` resolved. Commands run one at a time. */
export class Pop3Session {
  readonly #options: Pop3ConnectOptions;
  #socket: Socket;
  readonly #reader: LineReader;

  constructor(options: Pop3ConnectOptions, socket: Socket) {
    this.#options = options;
    this.#socket = socket;
    this.#reader = new LineReader(options.timers, options.timeoutMs);
    this.#reader.attach(socket);
  }

  /** Greeting, STLS and login. */
  async start(): Promise<void> {
    await this.#answer('greeting').catch((error: unknown) => {
      // Whatever answers that is not POP3 (an IMAP or HTTP port) is a setting to fix, not a failure to wait out.
      if (error instanceof Pop3ProtocolError && error.code === 'PROTOCOL') throw new Pop3ProtocolError('GREETING', error.message);
      // Plain text to a POP3S port waits for a greeting that never comes: the server waits for a TLS hello.
      if (error instanceof Pop3ProtocolError && error.code === 'ETIMEOUT') {
        throw new Pop3ProtocolError('ETIMEOUT', `no greeting within ${this.#options.timeoutMs} ms (is the port right for the "security" setting? 995 is POP3S, 110 POP3 with STLS)`);
      }
      throw error;
    });
    if (this.#options.security === 'starttls') await this.#startTls();
    await this.#command('USER', `USER ${this.#options.user}`);
    await this.#command('PASS', `PASS ${this.#options.password}`);
  }

  /** Every message's number and unique id, in the maildrop's order (oldest first on every server seen). */
  async uidl(): Promise<MaildropEntry[]> {
    await this.#command('UIDL', 'UIDL');
    const entries: MaildropEntry[] = [];
    for (const line of await this.#lines(MAX_LISTING_BYTES)) {
      const match = uidlLineRe.exec(line.toString('latin1'));
      if (!match) throw new Pop3ProtocolError('PROTOCOL', `the UIDL answer has a line that is not "number unique-id": ${JSON.stringify(line.toString('latin1').slice(0, 40))}`);
      entries.push({ number: Number(match[1]), uidl: match[2]! });
    }
    return entries;
  }

  /** The header block of message `number` (`TOP n 0`), at most MAX_HEADER_BYTES of it. */
  async header(number: number): Promise<Buffer> {
    await this.#command('TOP', `TOP ${number} 0`);
    this.#reader.isCutting = true;
    try {
      return Buffer.concat((await this.#lines(MAX_HEADER_BYTES)).flatMap((line) => [line, Buffer.from('\r\n')]));
    } finally {
      this.#reader.isCutting = false;
    }
  }

  /** Ends the session politely; nothing is deleted, since no DELE was sent. */
  async quit(): Promise<void> {
    await this.#command('QUIT', 'QUIT').catch(() => {});
    this.close();
  }

  close(): void {
    this.#reader.fail(new Pop3ProtocolError('PROTOCOL', 'the session was closed'));
    this.#socket.destroy();
  }

  async #startTls(): Promise<void> {
    await this.#command('STLS', 'STLS');
    // Anything the server sent after its +OK came before the handshake, in plain text, and may
    // be an attacker's (the STARTTLS command injection of CVE-2011-0411's kind): refuse it.
    if (this.#reader.unread > 0) throw new Pop3ProtocolError('PROTOCOL', 'the server sent data after agreeing to STLS, before the TLS handshake');
    const plain = this.#socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('error');
    plain.removeAllListeners('close');
    const { host, ca, timers, timeoutMs } = this.#options;
    this.#socket = await new Promise<TLSSocket>((resolve, reject) => {
      const secure = connectTls({ socket: plain, ...tlsNames(host), ...(ca === undefined ? {} : { ca }) });
      const cancel = timers.after(timeoutMs, () => {
        secure.destroy();
        reject(new Pop3ProtocolError('ETIMEOUT', `no TLS handshake with ${host} within ${timeoutMs} ms`));
      });
      secure.once('secureConnect', () => {
        cancel();
        secure.removeAllListeners('error');
        resolve(secure);
      });
      secure.once('error', (error) => {
        cancel();
        secure.destroy();
        reject(error);
      });
    });
    this.#reader.attach(this.#socket);
  }


  /** Sends one command and reads its status line; `-ERR` throws a Pop3Refusal. */
  async #command(name: string, line: string): Promise<string> {
    if (this.#reader.failure) throw this.#reader.failure;
    this.#socket.write(`${line}\r\n`);
    return this.#answer(name);
  }

  /** A status line: the text after `+OK`, or a Pop3Refusal for `-ERR`. */
  async #answer(name: string): Promise<string> {
    const text = (await this.#reader.line()).toString('utf8');
    if (/^\+OK(?: |$)/.test(text)) return text.slice(4);
    if (/^-ERR(?: |$)/.test(text)) throw new Pop3Refusal(name, text.slice(5).trim() || 'no reason given');
    throw new Pop3ProtocolError('PROTOCOL', `the server answered ${name} with ${JSON.stringify(text.slice(0, 40))}, which is not POP3 (+OK or -ERR)`);
  }

  /** The lines of a multi-line answer, dot-unstuffed, up to the lone "."; past `maxBytes` they are dropped (TOP) or refused. */
  async #lines(maxBytes: number): Promise<Buffer[]> {
    const lines: Buffer[] = [];
    let size = 0;
    for (;;) {
      const line = await this.#reader.line();
      if (line.length === 1 && line[0] === 0x2e) return lines;
      // RFC 1939 3: a line that starts with "." was sent with one more.
      const data = line[0] === 0x2e ? line.subarray(1) : line;
      size += data.length + 2;
      if (size <= maxBytes) lines.push(data);
      else if (!this.#reader.isCutting) throw new Pop3ProtocolError('PROTOCOL', `the server's answer is longer than ${maxBytes} bytes`);
    }
  }

}
