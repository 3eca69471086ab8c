import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '../../server/cli/cli.ts');

/** `mailtray-server` as a child process, as an operator runs it; `stopAll` kills what is left. */
export class CliProcesses {
  readonly #children: ChildProcess[] = [];

  run(args: string[], env: Record<string, string> = {}): ChildProcess {
    const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#children.push(child);
    return child;
  }

  /** Starts the server with `file` on a free port; its URL is read from the start line. */
  async start(file: string, env: Record<string, string> = {}): Promise<{ proc: ChildProcess; url: string; log: () => string }> {
    const proc = this.run(['--config', file, '--port', '0'], env);
    let log = '';
    const url = await new Promise<string>((resolve, reject) => {
      proc.stdout!.on('data', (d: Buffer) => {
        log += d;
        const match = /listening at (http:\/\/[^\s"]+)/.exec(log);
        if (match) resolve(match[1]!);
      });
      proc.once('exit', (code) => reject(new Error(`server exited ${code}: ${log}`)));
    });
    return { proc, url, log: () => log };
  }

  /** Starts a server with `listen.workers` > 1 on a free port; resolves once the primary says every worker listens. */
  async startWorkers(file: string, args: string[] = []): Promise<{ proc: ChildProcess; url: string; port: number; pids: number[]; log: () => string }> {
    const proc = this.run(['--config', file, '--port', '0', ...args], { LOG_FORMAT: 'json' });
    let log = '';
    proc.stderr!.on('data', (d: Buffer) => { log += d; });
    const match = await new Promise<RegExpExecArray>((resolve, reject) => {
      proc.stdout!.on('data', (d: Buffer) => {
        log += d;
        const found = /workers share (http:\/\/[^\s]+:(\d+)) \(pids ([\d, ]+)\)/.exec(log);
        if (found) resolve(found);
      });
      proc.once('exit', (code) => reject(new Error(`server exited ${code}: ${log}`)));
    });
    return { proc, url: match[1]!, port: Number(match[2]), pids: match[3]!.split(', ').map(Number), log: () => log };
  }

  stopAll(): void {
    for (const child of this.#children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** Whether a process with this id is still running. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
