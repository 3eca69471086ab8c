import { utilityProcess } from 'electron';
import type { FromServerHost } from '../bundled/server-host.ts';
import type { SpawnServer } from '../bundled/bundled-server-supervisor.ts';

/** Starts the bundled server in a utilityProcess, with no arguments: the config goes over its channel. */
export function utilitySpawner(entry: string): SpawnServer {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Mailtray server', stdio: 'inherit' });
    return {
      postMessage: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', (message: FromServerHost) => listener(message)),
      onExit: (listener) => child.on('exit', listener),
      kill: () => void child.kill(),
    };
  };
}
