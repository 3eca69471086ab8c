import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerProcess, SpawnServer } from './bundled-server-supervisor.ts';

// Beside this file, in the same form: the .ts sources, or the compiled .js in dist/.
const entry = fileURLToPath(new URL(`./node-server-process${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));

/**
 * Starts the bundled server as a Node child process with a message channel,
 * as Electron's utilityProcess does for the app: no arguments, the config
 * (with the accounts' passwords) goes over the channel, never argv.
 * `onChild` sees each child started (tests check they are gone at the end).
 */
export function nodeSpawner(onChild?: (child: ChildProcess) => void): SpawnServer {
  return (): ServerProcess => {
    // No inherited flags: a caller's --inspect or test runner's loaders are not the server's. Its log
    // stays out of the terminal, where it would break the view; a start that fails says why on the channel.
    const child = fork(entry, [], { execArgv: [], stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    onChild?.(child);
    // A message sent as the child dies fails with EPIPE; its exit is what the supervisor hears.
    child.on('error', () => {});
    return {
      postMessage: (message) => { if (child.connected) child.send(message); },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', (code) => listener(code ?? 1)),
      kill: () => void child.kill('SIGKILL'),
    };
  };
}
