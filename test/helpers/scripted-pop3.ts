import { createServer, type Socket } from 'node:net';

/** What the scripted server answers to one command line: text written as is, or a function that does its own writing. */
export type Pop3Script = (command: string, socket: Socket) => string | undefined;

export interface ScriptedPop3 {
  port: number;
  /** Every command line received, in order, over all connections. */
  commands: string[];
  /** How many connections it took. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A POP3 "server" on 127.0.0.1 at a port the OS picks, playing a broken or
 * hostile one: it sends `greeting`, then answers each command line with
 * whatever `script` returns (undefined: nothing at all, a silent server).
 */
export async function startScriptedPop3(greeting: string, script: Pop3Script): Promise<ScriptedPop3> {
  const commands: string[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    sockets.add(socket);
    connections += 1;
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.write(greeting);
    let buffer = '';
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (let end; (end = buffer.indexOf('\r\n')) >= 0;) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        commands.push(line);
        const answer = script(line, socket);
        if (answer !== undefined && !socket.destroyed) socket.write(answer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    commands,
    connections: () => connections,
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/** A sound server's answers to a login, UIDL (of these ids, numbered from 1), TOP (of these headers) and QUIT. */
export function soundPop3(maildrop: () => Array<{ uidl: string; header: string }>): Pop3Script {
  return (command) => {
    const [verb, arg] = command.split(' ');
    switch (verb) {
      case 'UIDL': return `+OK\r\n${maildrop().map((m, i) => `${i + 1} ${m.uidl}\r\n`).join('')}.\r\n`;
      case 'TOP': {
        const message = maildrop()[Number(arg) - 1];
        if (!message) return '-ERR no such message\r\n';
        // Dot-stuffing as RFC 1939 3 asks: a line that starts with "." gets one more.
        return `+OK\r\n${message.header.replace(/^\./gm, '..')}\r\n.\r\n`;
      }
      case 'QUIT': return '+OK bye\r\n';
      default: return '+OK\r\n';
    }
  };
}
