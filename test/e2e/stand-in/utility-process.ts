/**
 * utilityProcess.fork as a real Node child process running the given file,
 * with Electron's message semantics: the child has `process.parentPort`
 * (parent-port.ts), the parent gets 'spawn', 'message' and 'exit' (with the
 * exit code) and can postMessage and kill. Messages are structured clones.
 */
import { fork, type Serializable } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { record } from './recorder.ts';

const parentPort = new URL('./parent-port.ts', import.meta.url).href;

export class StandInUtilityProcess extends EventEmitter {
  readonly #child;

  constructor(modulePath: string, args: string[], options: { stdio?: 'inherit' | 'ignore' | 'pipe'; serviceName?: string }) {
    super();
    const stdio = options.stdio ?? 'inherit';
    this.#child = fork(modulePath, args, {
      // Not the app process's own flags (the stand-in's loader); the child gets the parentPort shim only.
      execArgv: ['--import', parentPort],
      stdio: [stdio, stdio, stdio, 'ipc'],
      serialization: 'advanced',
    });
    const child = this.#child;
    child.on('spawn', () => this.emit('spawn'));
    child.on('message', (message) => {
      record('UtilityProcess message', modulePath, message);
      this.emit('message', message);
    });
    // A message sent as the child dies fails with EPIPE; its exit is what the app hears.
    child.on('error', () => {});
    child.on('exit', (code, signal) => {
      record('UtilityProcess exit', modulePath, code, signal);
      this.emit('exit', code ?? 1);
    });
  }

  get pid(): number | undefined {
    return this.#child.exitCode === null ? this.#child.pid : undefined;
  }

  postMessage(message: Serializable): void {
    if (this.#child.connected) this.#child.send(message);
  }

  kill(): boolean {
    record('UtilityProcess.kill');
    return this.#child.kill();
  }
}
