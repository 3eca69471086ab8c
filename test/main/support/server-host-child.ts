// The bundled server's process entry as a child process: the same host code,
// with Node's IPC channel standing in for Electron's utilityProcess port.
import { runServerHost, type ToServerHost } from '../../../main/bundled/server-host.ts';

// A utilityProcess ends with the app that started it; so does this child with its test.
process.on('disconnect', () => process.exit(0));

runServerHost({
  onMessage: (listener) => process.on('message', (message: ToServerHost) => listener(message)),
  postMessage: (message) => { if (process.connected) process.send!(message); },
}, (code) => process.exit(code));
