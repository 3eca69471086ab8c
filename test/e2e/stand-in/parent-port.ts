/**
 * Loaded (node --import) into a utility process the stand-in forks: Electron
 * gives such a process `process.parentPort`, whose 'message' events carry
 * the message as `event.data`, and whose postMessage reaches the parent's
 * UtilityProcess 'message' event. Here that is Node's IPC channel.
 */
import { EventEmitter } from 'node:events';

const port = new EventEmitter();
process.on('message', (message) => port.emit('message', { data: message, ports: [] }));
Object.assign(port, {
  postMessage(message: unknown) {
    if (process.connected) process.send!(message);
  },
});
Object.defineProperty(process, 'parentPort', { value: port });
// Electron ends a utility process with the app; so does this one when the app's process is gone.
process.on('disconnect', () => process.exit(0));
