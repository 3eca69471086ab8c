import { fork, type ChildProcess } from 'node:child_process';
import type { ServerProcess, SpawnServer } from '../../../main/bundled/bundled-server-supervisor.ts';

/**
 * Spawns the bundled server host as a child process with a message channel,
 * as Electron's utilityProcess does; `children` lists every one started.
 */
export function processSpawner(): { spawn: SpawnServer; children: ChildProcess[] } {
  const children: ChildProcess[] = [];
  const spawn = (): ServerProcess => {
    // No inherited flags: the test runner's are not the app's.
    const child = fork(new URL('./server-host-child.ts', import.meta.url), [], { execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    children.push(child);
    // A message sent as the child dies fails with EPIPE; its exit is what the supervisor hears.
    child.on('error', () => {});
    return {
      postMessage: (message) => { if (child.connected) child.send(message); },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', (code) => listener(code ?? 1)),
      kill: () => void child.kill('SIGKILL'),
    };
  };
  return { spawn, children };
}
