// The bundled server's process where there is no Electron (`mailtray watch`): the
// same host code as main/electron/server-process.ts, with Node's IPC channel in
// place of the utilityProcess port. Everything it needs arrives on the channel.
import { runServerHost, type ToServerHost } from './server-host.ts';

// A utilityProcess ends with the app that started it; so does this child with its parent.
process.on('disconnect', () => process.exit(0));

runServerHost({
  onMessage: (listener) => process.on('message', (message: ToServerHost) => listener(message)),
  postMessage: (message) => { if (process.connected) process.send!(message); },
}, (code) => process.exit(code));
