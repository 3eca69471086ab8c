// The bundled server's process (an Electron utilityProcess): everything it
// needs arrives on process.parentPort, never in argv.
import type { MessageEvent } from 'electron';
import { runServerHost, type ToServerHost } from '../bundled/server-host.ts';

const parent = process.parentPort;
runServerHost({
  onMessage: (listener) => parent.on('message', (event: MessageEvent) => listener(event.data as ToServerHost)),
  postMessage: (message) => parent.postMessage(message),
}, (code) => process.exit(code));
