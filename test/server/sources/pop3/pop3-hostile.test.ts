import { afterEach, describe, expect, it } from 'vitest';
import type { Mailbox } from '../../../../common/protocol.ts';
import { silentLogger } from '../../../../server/log.ts';
import { openPop3 } from '../../../../server/sources/pop3/pop3-client.ts';
import { MAX_LINE_BYTES } from '../../../../server/sources/pop3/pop3-lines.ts';
import { parsePop3Config } from '../../../../server/sources/pop3/pop3-config.ts';
import { Pop3Source } from '../../../../server/sources/pop3/pop3-source.ts';
import { MemoryStore } from '../../../../server/store/memory-store.ts';
import { eventually } from '../../../helpers/eventually.ts';
import { FakeTimers } from '../../../helpers/fake-timers.ts';
import { startScriptedPop3, soundPop3, type Pop3Script, type ScriptedPop3 } from '../../../helpers/scripted-pop3.ts';
import { checkedEntry } from '../../../helpers/source-entry.ts';

/*
 * The POP3 client and source against a tiny net.Server that plays a broken or
 * hostile server: each bad answer becomes the mailbox's error with a kind,
 * never a crash, an unbounded buffer or a wait without end.
 */

const servers: ScriptedPop3[] = [];
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.allSettled(stops.splice(0).map((stop) => stop()));
  await Promise.allSettled(servers.splice(0).map((server) => server.close()));
});

const header = (subject: string) => `From: alice@example.com\r\nSubject: ${subject}\r\nDate: Sat, 21 Nov 2026 08:55:00 +0000\r\n`;

async function serve(script: Pop3Script, greeting = '+OK POP3 ready\r\n'): Promise<ScriptedPop3> {
  const server = await startScriptedPop3(greeting, script);
  servers.push(server);
  return server;
}

/** A source on fake timers against `server`, after its first check (or as it starts, with `settle: false`). */
async function watch(server: ScriptedPop3, entry: Record<string, unknown> = {}, { settle = true } = {}) {
  const config = parsePop3Config(checkedEntry({
    type: 'pop3', host: '127.0.0.1', port: server.port, security: 'none', user: 'ann', password: 'secret-1', mailbox: 'box', ...entry,
  }), 'sources[0]', {});
  const store = new MemoryStore();
  await store.declare([{ id: 'box', name: 'Box' }]);
  const timers = new FakeTimers(0);
  const source = new Pop3Source(config, { store, log: silentLogger }, { timers, random: () => 0, timeoutMs: 5000 });
  stops.push(() => source.stop());
  const box = async (): Promise<Mailbox> => (await store.snapshot(['box'])).mailboxes[0]!;
  await source.start();
  if (settle) await source.settled();
  return {
    timers, source, box,
    async check(): Promise<Mailbox> {
      timers.runNext();
      await source.settled();
      return box();
    },
  };
}

describe('a POP3 server that misbehaves', () => {
  it('a multi-line answer is dot-unstuffed: a header line that starts with "." arrives as written', async () => {
    const server = await serve(soundPop3(() => [{ uidl: 'a1', header: `${header('dots')}.X-Dots: yes\r\n` }]));
    const session = await openPop3({ host: '127.0.0.1', port: server.port, security: 'none', user: 'ann', password: 'pw', timers: new FakeTimers(), timeoutMs: 5000 });
    try {
      expect(await session.uidl()).toEqual([{ number: 1, uidl: 'a1' }]);
      expect((await session.header(1)).toString()).toBe(`${header('dots')}.X-Dots: yes\r\n\r\n`);
    } finally {
      await session.quit();
    }
    expect(server.commands).toEqual(['USER ann', 'PASS pw', 'UIDL', 'TOP 1 0', 'QUIT']);
  });

  it('something that is not a POP3 server (an IMAP port) is a setup error naming the ports', async () => {
    const server = await serve(() => undefined, '* OK IMAP4rev1 ready\r\n');
    const pop3 = await watch(server);
    const box = await pop3.box();
    expect(box).toMatchObject({ state: 'error', errorKind: 'setup' });
    expect(box.error).toContain('995 is POP3S, 110 POP3 with STLS');
    expect(server.commands).toEqual([]);
  });

  it('-ERR on PASS is an auth error; -ERR [IN-USE] (another session holds the maildrop) is a passing one', async () => {
    const refusing = await serve((command) => (command.startsWith('PASS') ? '-ERR [AUTH] Authentication failed.\r\n' : '+OK\r\n'));
    const refused = await (await watch(refusing)).box();
    expect(refused).toMatchObject({ state: 'error', errorKind: 'auth', errorFacts: { user: 'ann', host: '127.0.0.1' } });
    expect(refused.error).toMatch(/^login failed for ann: the server said Authentication failed\.; retrying in 15 min$/);

    const locked = await serve((command) => (command.startsWith('PASS') ? '-ERR [IN-USE] Mailbox is locked\r\n' : '+OK\r\n'));
    const pop3 = await watch(locked);
    expect(await pop3.box()).toMatchObject({ state: 'error', errorKind: 'connection' });
    expect(pop3.timers.delays()).toEqual([1000]);
  });

  it('a line of a megabyte without an end is refused at the line cap, and the source tries again', async () => {
    const server = await serve((command, socket) => {
      if (command !== 'UIDL') return '+OK\r\n';
      socket.write(`+OK\r\n1 ${'x'.repeat(1024 * 1024)}`);
      return undefined;
    });
    const pop3 = await watch(server);
    const box = await pop3.box();
    expect(box).toMatchObject({ state: 'error', errorKind: 'connection' });
    expect(box.error).toContain(`a line longer than ${MAX_LINE_BYTES} bytes`);
    expect(pop3.timers.delays()).toEqual([1000]);
  });

  it('a UIDL line that is not "number unique-id", or a status that is neither +OK nor -ERR, is a connection error', async () => {
    const garbled = await serve((command) => (command === 'UIDL' ? '+OK\r\n1 two words\r\n.\r\n' : '+OK\r\n'));
    expect((await (await watch(garbled)).box()).error).toContain('not "number unique-id"');
    const chatty = await serve((command) => (command === 'UIDL' ? 'hello there\r\n' : '+OK\r\n'));
    expect((await (await watch(chatty)).box()).error).toContain('answered UIDL with "hello there", which is not POP3');
  });

  it('a server that goes silent is given up after the answer timeout, not waited on for ever', async () => {
    const server = await serve((command) => (command === 'UIDL' ? undefined : '+OK\r\n'));
    const pop3 = await watch(server, {}, { settle: false });
    await eventually(() => server.commands.includes('UIDL') && pop3.timers.delays().includes(5000));
    pop3.timers.advance(5000);
    await pop3.source.settled();
    const box = await pop3.box();
    expect(box).toMatchObject({ state: 'error', errorKind: 'connection' });
    expect(box.error).toContain('the server stopped answering (nothing for 5000 ms)');
  });

  it('a server that never greets (plain text to a POP3S port) is given up on, naming the ports', async () => {
    const server = await serve(() => undefined, '');
    const pop3 = await watch(server, {}, { settle: false });
    // Both the connect's timer and the greeting's are 5000 ms: wait until the
    // second timer (the greeting's) is the one pending, that is, the client
    // knows it is connected and waits for the greeting.
    await eventually(() => server.connections() === 1 && pop3.timers.setCount >= 2 && pop3.timers.pending.size === 1);
    pop3.timers.advance(5000);
    await pop3.source.settled();
    const box = await pop3.box();
    expect(box).toMatchObject({ state: 'error', errorKind: 'connection' });
    expect(box.error).toContain('no greeting within 5000 ms (is the port right');
  });

  it('stopping while a server keeps a login waiting ends the check at once, whatever the timeout', async () => {
    const server = await serve((command) => (command.startsWith('PASS') ? undefined : '+OK\r\n'));
    const pop3 = await watch(server, {}, { settle: false });
    await eventually(() => server.commands.some((c) => c.startsWith('PASS')));
    const started = Date.now();
    await pop3.source.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(pop3.timers.pending.size).toBe(0);
    expect(await pop3.box()).toMatchObject({ state: 'pending' });
  });

  it('a server that closes mid-answer is a connection error; the next check counts again', async () => {
    let isBroken = true;
    const maildrop = [{ uidl: 'a1', header: header('one') }];
    const sound = soundPop3(() => maildrop);
    const server = await serve((command, socket) => {
      if (command === 'UIDL' && isBroken) {
        socket.end('+OK\r\n1 a1\r\n');
        return undefined;
      }
      return sound(command, socket);
    });
    const pop3 = await watch(server);
    expect(await pop3.box()).toMatchObject({ state: 'error', errorKind: 'connection' });
    expect((await pop3.box()).error).toContain('the server closed the connection');
    isBroken = false;
    expect(await pop3.check()).toMatchObject({ state: 'ok', count: 0 });
    maildrop.push({ uidl: 'a2', header: header('=?UTF-8?B?7JWI64WV7ZWY7IS47JqU?=') });
    expect(await pop3.check()).toMatchObject({ state: 'ok', count: 1, messages: [{ id: 'a2', subject: '안녕하세요' }] });
  });

  it('STLS refused: nothing goes out in plain text, and it is a setup error', async () => {
    const server = await serve((command) => (command === 'STLS' ? '-ERR not offered\r\n' : '+OK\r\n'));
    const box = await (await watch(server, { security: 'starttls' })).box();
    expect(box).toMatchObject({ state: 'error', errorKind: 'setup' });
    expect(box.error).toContain('does not offer STLS');
    expect(server.commands).toEqual(['STLS']);
  });

  it('data injected after STLS\'s +OK, before the handshake, is refused; the password never goes out', async () => {
    const server = await serve((command) => (command === 'STLS' ? '+OK Begin TLS\r\n+OK injected\r\n' : '+OK\r\n'));
    const box = await (await watch(server, { security: 'starttls' })).box();
    expect(box).toMatchObject({ state: 'error', errorKind: 'connection' });
    expect(box.error).toContain('sent data after agreeing to STLS');
    expect(server.commands).toEqual(['STLS']);
  });

  it('a header line over the cap is cut, a server without TOP shows no messages: the count stays right either way', async () => {
    const maildrop = [{ uidl: 'old', header: header('old') }];
    let hasTop = true;
    const sound = soundPop3(() => maildrop);
    const server = await serve((command, socket) => (command.startsWith('TOP') && !hasTop ? '-ERR TOP not supported\r\n' : sound(command, socket)));
    const pop3 = await watch(server);
    maildrop.push({ uidl: 'long', header: `${header('long one')}X-Long: ${'y'.repeat(300 * 1024)}\r\nX-After: z\r\n` });
    expect(await pop3.check()).toMatchObject({ state: 'ok', count: 1, messages: [{ id: 'long', subject: 'long one' }] });
    hasTop = false;
    maildrop.push({ uidl: 'untold', header: header('untold') });
    expect(await pop3.check()).toMatchObject({ state: 'ok', count: 2, messages: [{ id: 'long', subject: 'long one' }] });
  });

  it('a header with control characters and a bidi override is shown flattened, never as written', async () => {
    const maildrop = [{ uidl: 'old', header: header('old') }];
    const server = await serve(soundPop3(() => maildrop));
    const pop3 = await watch(server);
    maildrop.push({ uidl: 'odd', header: 'From: "Bank\u202Eevil" <x@example.com>\r\nSubject: \u0000\u001b[31mred\u0007 alert\r\n' });
    const box = await pop3.check();
    expect(box).toMatchObject({ state: 'ok', count: 1 });
    expect(box.messages![0]!.subject).toBe('[31mred alert');
    expect(box.messages![0]!.from).toBe('Bank evil <x@example.com>');
  });

  it('a UIDL listed twice counts once', async () => {
    const maildrop = [{ uidl: 'old', header: header('old') }];
    const server = await serve(soundPop3(() => maildrop));
    const pop3 = await watch(server);
    maildrop.push({ uidl: 'twice', header: header('one') }, { uidl: 'twice', header: header('two') });
    expect(await pop3.check()).toMatchObject({ state: 'ok', count: 1 });
  });
});
