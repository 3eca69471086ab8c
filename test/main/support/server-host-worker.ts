// The bundled server's process entry as a worker thread: the same host code,
// with worker_threads' parentPort standing in for Electron's.
import { parentPort } from 'node:worker_threads';
import { runServerHost, type ToServerHost } from '../../../main/bundled/server-host.ts';

runServerHost({
  onMessage: (listener) => parentPort!.on('message', (message: ToServerHost) => listener(message)),
  postMessage: (message) => parentPort!.postMessage(message),
}, (code) => process.exit(code));
